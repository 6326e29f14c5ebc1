/** Entry point: mount React on #root and boot the app. */
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { AppController } from './app/controller.js';
import './styles/app.css';
import './styles/elements.css';

// The entry's own URL: files served beside the bundle (the microphone's worklet) are found from it.
const controller = new AppController({ assets: new URL('.', import.meta.url).href });
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(<App controller={controller} />);
  void controller.boot();
}
