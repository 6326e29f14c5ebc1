import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { OUT, REPO } from './proc.js';

/**
 * A client worker process (bench/out/*.mjs) driven line by line: it prints a line when it
 * reaches a milestone and waits for a command line on stdin before going on.
 */
export class ClientProcess {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private waiter: (() => void) | null = null;
  private buffer = '';

  constructor(script: string, args: string[]) {
    this.child = spawn(process.execPath, [join(OUT, script), ...args], { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, nl));
        this.buffer = this.buffer.slice(nl + 1);
      }
      this.waiter?.();
    });
    this.child.once('exit', () => this.waiter?.());
  }

  /** The next line the worker prints; throws if it exits first or stays silent too long. */
  async nextLine(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length === 0) {
      if (this.child.exitCode !== null) throw new Error(`client exited (${this.child.exitCode}) without output`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`client said nothing for ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
    return this.lines.shift()!;
  }

  async expect(line: string, timeoutMs: number): Promise<void> {
    const got = await this.nextLine(timeoutMs);
    if (got !== line) throw new Error(`client said "${got}", expected "${line}"`);
  }

  get pid(): number {
    return this.child.pid!;
  }

  send(command: string): void {
    this.child.stdin!.write(`${command}\n`);
  }

  /** Waits for the worker to exit (killing it after `graceMs`). */
  close(graceMs = 5000): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
