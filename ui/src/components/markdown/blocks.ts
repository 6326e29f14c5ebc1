/**
 * Splits markdown at blank lines that are outside fenced code and $$ math, so each piece
 * parses on its own. Pieces joined with "\n\n" give back the original blocks.
 */
export function splitBlocks(text: string): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let inMath = false;
  for (const line of lines) {
    const trimmed = line.trimStart();
    if (fence) {
      if (trimmed.startsWith(fence)) fence = null;
    } else if (/^(```|~~~)/.test(trimmed)) {
      fence = trimmed.slice(0, 3);
    } else if (trimmed.startsWith('$$')) {
      inMath = trimmed === '$$' || !trimmed.slice(2).includes('$$') ? !inMath : inMath;
    }
    if (!fence && !inMath && line.trim() === '' && current.length) {
      blocks.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks;
}
