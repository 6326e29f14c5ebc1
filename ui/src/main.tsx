/** Entry point: mount React on #root and boot the app. */
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { AppController } from './app/controller.js';
import './styles/app.css';
import './styles/elements.css';

const controller = new AppController();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(<App controller={controller} />);
  void controller.boot();
}
