import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { hashPassword } from '../../runtime/auth/password.js';

export interface HashPasswordIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Asks on a terminal without echoing what is typed. */
async function prompt(question: string, input: NodeJS.ReadableStream): Promise<string> {
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  process.stderr.write(question);
  const rl = createInterface({ input, output: muted, terminal: true });
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}

/**
 * `chainlit-rt hash-password`: prints the scrypt hash of a password for
 * `auth.password.users[].password_hash`. The password is read from standard input (piped)
 * or asked twice on a terminal, never taken as an argument (shell history keeps those).
 */
export async function hashPasswordCommand(io: HashPasswordIo = { input: process.stdin, out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  let password: string;
  if (io.input.isTTY) {
    password = await prompt('Password: ', io.input);
    if ((await prompt('Again: ', io.input)) !== password) {
      io.err('The two passwords differ; nothing was printed.');
      return 1;
    }
  } else {
    password = await readAll(io.input);
  }
  if (password === '') {
    io.err('Empty password; nothing was printed. Pipe one in (`echo -n secret | chainlit-rt hash-password`) or type it at the prompt.');
    return 1;
  }
  io.out(await hashPassword(password));
  return 0;
}
