/**
 * Polls a condition until it holds, for state that announces itself with no event (a record
 * in Redis, a log line, a registry entry). It waits on state, not on time: the deadline only
 * turns a hang into a clear failure.
 */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
