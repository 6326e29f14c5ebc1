import { runInContext, type RuntimeContext } from '../context.js';
import { ChainlitRtError, isCancellation } from '../errors.js';
import { ErrorMessage } from '../sdk/message.js';
import { Step } from '../sdk/step.js';
import type { Session } from '../session/session.js';

export function contextFor(session: Session, signal: AbortSignal = new AbortController().signal): RuntimeContext {
  return { session, emitter: session.emitter, currentStep: null, signal };
}

/**
 * Shows a failure in the chat (as Chainlit does) and logs it with its stack. Errors raised by
 * plugin code carry the plugin's own words; runtime internals that are not marked safe show a
 * generic text with an id to find the log line.
 */
export async function reportError(session: Session, err: unknown, where: string): Promise<void> {
  const id = crypto.randomUUID();
  session.runtime.logger.error({ err, sessionId: session.id, where, errorId: id }, `${where} failed`);
  let text: string;
  if (err instanceof ChainlitRtError) text = err.expose ? err.message : `Internal error (id ${id})`;
  else if (err instanceof Error) text = err.message || err.name;
  else text = String(err);
  await runInContext(contextFor(session), async () => {
    await new ErrorMessage({ content: text, author: 'Error', parentId: null }).send();
  }).catch((sendErr: unknown) => session.runtime.logger.warn({ err: sendErr, sessionId: session.id }, 'could not show an error message'));
}

export interface TaskOptions {
  /** Send task_start / task_end around the work (the UI's loading state). */
  events?: boolean;
  /** Becomes the session's current task, the one `stop` cancels. */
  cancellable?: boolean;
}

/**
 * Runs work for a session inside its context: a stop aborts the signal (SDK calls then
 * throw a cancellation that is swallowed here); any other throw becomes an error message
 * and the session goes on.
 */
export async function runTask(session: Session, where: string, work: () => Promise<unknown>, options: TaskOptions = {}): Promise<void> {
  const { events = true, cancellable = true } = options;
  const controller = new AbortController();
  const ctx = contextFor(session, controller.signal);
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  if (cancellable) session.currentTask = { controller, done };
  if (events) session.emitter.taskStart();
  try {
    await runInContext(ctx, work);
  } catch (err) {
    if (!isCancellation(err) && !controller.signal.aborted) await reportError(session, err, where);
    else if (!isCancellation(err)) session.runtime.logger.debug({ err, sessionId: session.id }, `${where} threw after stop`);
  } finally {
    if (events) session.emitter.taskEnd();
    if (session.currentTask?.controller === controller) session.currentTask = null;
    finish();
  }
}

/** Runs `fn` inside a `run` step named after the hook, as Chainlit wraps its hooks. */
export async function inRunStep(name: string, parentId: string | null, input: string, fn: () => Promise<unknown>, id?: string): Promise<void> {
  await Step.run({ id, name, type: 'run', parentId, input, showInput: false }, async () => {
    await fn();
  });
}
