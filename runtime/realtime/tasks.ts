import { contextFor, runInContext } from '../context.js';
import { raisedByRuntime } from '../error-origin.js';
import { ChainlitRtError, isCancellation } from '../errors.js';
import { meterOf, timeHandler } from '../metrics.js';
import { ErrorMessage } from '../sdk/message.js';
import { Step } from '../sdk/step.js';
import type { Session } from '../session/session.js';
import type { TaskKind } from '../session/tasks.js';

/** What a user is shown for an error: a plugin's own words, never the runtime's internals. */
export function errorText(err: unknown, errorId: string): string {
  if (err instanceof ChainlitRtError) return err.expose ? err.message : `Internal error (id ${errorId})`;
  if (raisedByRuntime(err)) return `Internal error (id ${errorId})`;
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/**
 * Shows a failure in the chat (as Chainlit does) and logs it with its stack and an id. Errors
 * raised by plugin code carry the plugin's own words; runtime internals that are not marked
 * safe show a generic text with the id, which finds the log line.
 */
export async function reportError(session: Session, err: unknown, where: string): Promise<void> {
  const id = crypto.randomUUID();
  meterOf(session)?.errors.inc({ kind: 'handler' });
  session.runtime.logger.error({ err, sessionId: session.id, where, errorId: id }, `${where} failed`);
  await runInContext(contextFor(session), async () => {
    await new ErrorMessage({ content: errorText(err, id), author: 'Error', parentId: null }).send();
  }).catch((sendErr: unknown) => session.runtime.logger.warn({ err: sendErr, sessionId: session.id }, 'could not show an error message'));
}

export interface RunOptions {
  kind: TaskKind;
  /** Counts for the client's loading state (task_start / task_end); default true. */
  visible?: boolean;
  /** Runs instead of the work when the task was stopped before its turn came. */
  skipped?: () => void;
}

/**
 * Runs work as a task of the session (session/tasks.ts) inside its context: a stop aborts the
 * task's signal (SDK calls then throw a cancellation that is swallowed here, and its emitter
 * drops what it still sends); any other throw becomes an error message and the session goes
 * on. Resolves to the work's result, or undefined when it failed or was stopped.
 */
export function runTask<T>(session: Session, where: string, options: RunOptions, work: () => Promise<T>): Promise<T | undefined> {
  const { visible = true, kind, skipped } = options;
  return session.tasks.run({ kind, visible }, async (task) => {
    try {
      return await runInContext(contextFor(session, task), () => timeHandler(session, where, work));
    } catch (err) {
      if (task.signal.aborted || isCancellation(err)) {
        session.runtime.logger.debug({ err, sessionId: session.id }, `${where} ended by a stop`);
      } else {
        await reportError(session, err, where);
      }
      return undefined;
    }
  }, skipped);
}

/** Runs `fn` inside a `run` step named after the hook, as Chainlit wraps its hooks. */
export async function inRunStep(name: string, parentId: string | null, input: string, fn: () => Promise<unknown>, id?: string): Promise<void> {
  await Step.run({ id, name, type: 'run', parentId, input, showInput: false }, async () => {
    await fn();
  });
}
