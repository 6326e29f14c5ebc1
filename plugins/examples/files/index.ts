import { readFile } from 'node:fs/promises';
import { definePlugin, Message, type UploadedFile } from 'chainlit-rt';

/** One line per file; text files are read from `file.path`, where the upload is stored. */
async function describe(file: UploadedFile): Promise<string> {
  const head = `**${file.name}** (${file.mime}, ${file.size} bytes)`;
  if (file.mime.startsWith('text/') || file.mime === 'application/json') {
    const text = await readFile(file.path, 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    return `${head}: ${lines.length} line(s), starting with "${lines[0]?.slice(0, 60) ?? ''}"`;
  }
  if (file.mime.startsWith('image/')) return `${head}: an image`;
  return `${head}: a document`;
}

export default definePlugin({
  name: 'files-example',

  async onChatStart() {
    await new Message({ content: 'Attach up to 3 files (text, images, PDF or JSON; 5 MB each) with the paperclip, then send.' }).send();
  },

  async onMessage(message) {
    if (message.elements.length === 0) {
      await new Message({ content: 'No files attached. Use the paperclip or drop files on the composer.' }).send();
      return;
    }
    const lines = await Promise.all(message.elements.map(describe));
    await new Message({ content: `You sent ${message.elements.length} file(s):\n${lines.map((l) => `- ${l}`).join('\n')}` }).send();
  },
});
