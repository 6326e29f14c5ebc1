import { ChainlitRtError } from '../../errors.js';

function refused(message: string): ChainlitRtError {
  return new ChainlitRtError('CRT_MCP_REFUSED', message, { expose: true, status: 400 });
}

/**
 * Splits a command line into words the way a shell splits them — spaces separate words,
 * quotes and backslashes group them — and does nothing else a shell does: `;`, `|`, `&`,
 * `$(…)`, backticks, `>`, globs and `$VAR` stay literal characters of a word. The words
 * become an argv array for `spawn` without a shell (CVE-2026-45018 was command injection
 * through this command).
 */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw refused('The MCP command has an unterminated quote');
  if (inWord) words.push(word);
  return words;
}

export interface StdioLaunch {
  command: string;
  args: string[];
}

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The executable and arguments of a client-given stdio command, or a refusal. The first word
 * is the executable and must be listed in `features.mcp.stdio.allowed_executables` exactly
 * as written (`node` allows `node`, not `/tmp/node` nor `./node`); an empty list (the
 * default) allows nothing. Leading `KEY=value` words are refused: the client never sets the
 * server's environment.
 */
export function resolveStdioCommand(fullCommand: string, allowedExecutables: readonly string[]): StdioLaunch {
  const words = splitCommand(fullCommand);
  if (words.length === 0) throw refused('The MCP command is empty');
  if (ENV_ASSIGNMENT.test(words[0]!)) throw refused('The MCP command cannot set environment variables');
  const [command, ...args] = words as [string, ...string[]];
  if (!allowedExecutables.includes(command)) {
    throw refused(`The executable "${command}" is not allowed for stdio MCP servers (features.mcp.stdio.allowed_executables)`);
  }
  return { command, args };
}
