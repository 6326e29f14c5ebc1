import {
  AskElementMessage, Audio, CustomElement, Dataframe, definePlugin, ElementSidebar, File, Image, Message, Pdf, Plotly, Pyplot,
  sleep, Step, Task, TaskList, TaskStatus, Text, Video,
} from 'chainlit-rt';
import { PIXEL, samplePdf, sampleWav } from './samples.js';

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">
  <circle cx="60" cy="60" r="50" fill="#F80061"/><text x="60" y="70" font-size="28" text-anchor="middle" fill="#fff">rt</text>
</svg>`;

const SALES = [
  { month: 'Jan', sales: 28 }, { month: 'Feb', sales: 55 }, { month: 'Mar', sales: 43 }, { month: 'Apr', sales: 91 },
];

const demos: Record<string, { about: string; run: () => Promise<unknown> }> = {
  text: {
    about: 'Markdown inline, code in the side panel',
    run: () => new Message({
      content: 'Here are the notes and the source (open "source" on the side).',
      elements: [
        new Text({ name: 'notes', content: '## Notes\n- elements carry content\n- the browser loads it by URL' }),
        new Text({ name: 'source', content: 'const answer = 42;', language: 'typescript', display: 'side' }),
      ],
    }).send(),
  },
  image: {
    about: 'An SVG logo and a PNG',
    run: () => new Message({ content: 'Images', elements: [new Image({ name: 'logo', content: LOGO_SVG, size: 'small' }), new Image({ name: 'pixel', content: PIXEL })] }).send(),
  },
  file: {
    about: 'A CSV download',
    run: () => new Message({ content: 'Your export', elements: [new File({ name: 'sales.csv', content: `month,sales\n${SALES.map((r) => `${r.month},${r.sales}`).join('\n')}\n` })] }).send(),
  },
  pdf: {
    about: 'A PDF in the side panel (see "report")',
    run: () => new Message({ content: 'Read the report', elements: [new Pdf({ name: 'report', content: samplePdf(1), display: 'side' })] }).send(),
  },
  audio: { about: 'A beep', run: () => new Message({ content: 'Listen', elements: [new Audio({ name: 'beep.wav', content: sampleWav() })] }).send() },
  video: {
    about: 'A video from a URL',
    run: () => new Message({ content: 'Watch', elements: [new Video({ name: 'clip', url: 'https://interactive-examples.mdn.mozilla.net/media/cc0-videos/flower.mp4' })] }).send(),
  },
  plotly: {
    about: 'An interactive Plotly chart',
    run: () => new Message({
      content: 'Sales (Plotly)',
      elements: [new Plotly({ name: 'sales', figure: { data: [{ type: 'bar', x: SALES.map((r) => r.month), y: SALES.map((r) => r.sales) }], layout: { title: { text: 'Sales' } } } })],
    }).send(),
  },
  dataframe: { about: 'A sortable table', run: () => new Message({ content: 'Sales table', elements: [new Dataframe({ name: 'sales', data: SALES })] }).send() },
  pyplot: {
    about: 'A static chart: a Vega-Lite spec rendered to SVG on the server',
    run: () => new Message({
      content: 'Sales (static chart)',
      elements: [new Pyplot({
        name: 'sales-chart',
        figure: { data: { values: SALES }, mark: 'line', encoding: { x: { field: 'month', type: 'ordinal', sort: null }, y: { field: 'sales', type: 'quantitative' } } },
      })],
    }).send(),
  },
  tasks: {
    about: 'A task list that progresses',
    async run() {
      const list = new TaskList({ status: 'Running...' });
      const steps = ['Fetch data', 'Analyse', 'Write summary'].map((title) => new Task({ title }));
      for (const task of steps) list.addTask(task);
      await list.send();
      for (const task of steps) {
        task.status = TaskStatus.RUNNING;
        await list.send();
        await sleep(0.5);
        task.status = TaskStatus.DONE;
      }
      list.status = 'Done';
      await list.send();
    },
  },
  step: {
    about: 'An element attached to a step',
    run: () => Step.run({ name: 'render', type: 'tool', elements: [new Image({ name: 'step-logo', content: LOGO_SVG, size: 'small' })] }, async () => 'rendered'),
  },
  sidebar: {
    about: 'Fill the element sidebar from code (`close` empties it)',
    async run() {
      await ElementSidebar.setTitle('Sources');
      await ElementSidebar.setElements([new Text({ name: 'source A', content: 'First source' }), new Text({ name: 'source B', content: 'Second source' })], 'sources');
    },
  },
  close: { about: 'Close the sidebar', run: () => ElementSidebar.setElements([]) },
  counter: {
    about: 'A custom JSX element with buttons',
    run: () => new Message({ content: 'A counter', elements: [new CustomElement({ name: 'Counter', props: { count: 0 } })] }).send(),
  },
  ticket: {
    about: 'Ask with a custom element form',
    async run() {
      const form = new CustomElement({ name: 'TicketForm', props: { title: 'Printer is on fire' } });
      const res = await new AskElementMessage({ content: 'Create a ticket', element: form, timeout: 300 }).send();
      await new Message({ content: res?.submitted ? `Ticket created: **${String(res.title)}**` : 'No ticket created.' }).send();
    },
  },
};

function help(): Promise<unknown> {
  return new Message({ content: `Type one of:\n${Object.entries(demos).map(([word, d]) => `- \`${word}\`: ${d.about}`).join('\n')}` }).send();
}

/** Shows every element type on command words. */
export default definePlugin({
  name: 'elements-example',
  async onChatStart() {
    await help();
  },
  async onMessage(message) {
    const demo = demos[message.content.trim().toLowerCase()];
    await (demo ? demo.run() : help());
  },
});
