import type { DataLayer } from '../../runtime/data/types.js';
import { listing } from './conformance/list.js';
import { stepsElementsFeedback } from './conformance/steps.js';
import type { ConformanceOptions, Ctx, MakeLayer } from './conformance/support.js';
import { usersAndThreads } from './conformance/threads.js';

export type { ConformanceOptions, LayerUnderTest, MakeLayer } from './conformance/support.js';

/**
 * The behaviour every data layer must have, as mocha suites: run it against any layer.
 * `makeLayer` opens the layer once for the suite (on an empty store) and returns its
 * cleanup; every test makes its own users and threads, so the tests need no reset.
 *
 * @example
 * runDataLayerConformance('my layer', async () => {
 *   const layer = await openMyLayer();
 *   return { layer, cleanup: () => layer.close() };
 * });
 */
export function runDataLayerConformance(name: string, makeLayer: MakeLayer, options: ConformanceOptions = {}): void {
  describe(`data layer conformance: ${name}`, function () {
    const ctx = { layer: undefined as unknown as DataLayer } satisfies Ctx;
    let cleanup: (() => Promise<void>) | undefined;

    before(async function () {
      const made = await makeLayer.call(this);
      ctx.layer = made.layer;
      cleanup = made.cleanup;
    });

    after(async () => {
      await cleanup?.();
    });

    usersAndThreads(ctx);
    stepsElementsFeedback(ctx, options);
    listing(ctx);
  });
}
