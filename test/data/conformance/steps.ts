import { expect } from 'chai';
import type { StepDict } from '../../../runtime/wire.js';
import { at, content, element, id, readAll, step, thread, user, type ConformanceOptions, type Ctx } from './support.js';

export function stepsElementsFeedback(ctx: Ctx, options: ConformanceOptions): void {
  describe('steps', () => {
    it('a step comes back with every field it was written with', async () => {
      const threadId = id();
      const parent = step(threadId, { type: 'run', name: 'on_message', createdAt: at(1) });
      const full: StepDict = step(threadId, {
        parentId: parent.id,
        name: 'search',
        type: 'tool',
        input: '{"q": "x"}',
        output: 'found',
        createdAt: at(2),
        start: at(2),
        end: at(3),
        isError: false,
        waitForAnswer: false,
        metadata: { icon: 'search', favorite: false },
        tags: ['a', 'b'],
        language: 'json',
        command: 'search',
        modes: { model: 'fast' },
        showInput: 'json',
        defaultOpen: true,
        autoCollapse: true,
        generation: { provider: 'openai', messages: [{ role: 'user', content: 'x' }] },
      });
      await ctx.layer.createStep(parent);
      await ctx.layer.createStep(full);
      const stored = (await ctx.layer.getThread(threadId))!.steps.find((s) => s.id === full.id)!;
      const { feedback, ...rest } = stored;
      expect(feedback ?? null).to.equal(null);
      expect(rest).to.deep.include({
        id: full.id, threadId, parentId: parent.id, name: 'search', type: 'tool', input: '{"q": "x"}', output: 'found',
        createdAt: at(2), start: at(2), end: at(3), isError: false, waitForAnswer: false, streaming: false,
        metadata: { icon: 'search', favorite: false }, tags: ['a', 'b'], language: 'json', command: 'search',
        modes: { model: 'fast' }, showInput: 'json', defaultOpen: true, autoCollapse: true,
        generation: { provider: 'openai', messages: [{ role: 'user', content: 'x' }] },
      });
    });

    it('the input of a step whose showInput is false or unset comes back empty (Chainlit)', async () => {
      const threadId = id();
      const hidden = step(threadId, { type: 'tool', input: 'secret', showInput: false, createdAt: at(1) });
      const unset = step(threadId, { type: 'tool', input: 'also hidden', createdAt: at(2) });
      const shown = step(threadId, { type: 'tool', input: 'visible', showInput: true, createdAt: at(3) });
      for (const s of [hidden, unset, shown]) await ctx.layer.createStep(s);
      const steps = (await ctx.layer.getThread(threadId))!.steps;
      expect(steps.map((s) => [s.input, s.showInput ?? null])).to.deep.equal([['', false], ['', null], ['visible', true]]);
    });

    it('updateStep replaces the step: the final output of a streamed answer', async () => {
      const threadId = id();
      const s = step(threadId, { output: '', streaming: true });
      await ctx.layer.createStep(s);
      await ctx.layer.updateStep({ ...s, output: 'the whole answer', streaming: false, end: at(9) });
      const [stored] = (await ctx.layer.getThread(threadId))!.steps;
      expect(stored).to.deep.include({ output: 'the whole answer', streaming: false, end: at(9) });
    });

    it('steps come back in creation order; equal stamps keep the order they were written in', async () => {
      const threadId = id();
      const written = [step(threadId, { createdAt: at(5) }), step(threadId, { createdAt: at(1) }), step(threadId, { createdAt: at(3) }), step(threadId, { createdAt: at(3) }), step(threadId, { createdAt: at(3) })];
      for (const s of written) await ctx.layer.createStep(s);
      const ids = (await ctx.layer.getThread(threadId))!.steps.map((s) => s.id);
      expect(ids).to.deep.equal([written[1]!.id, written[2]!.id, written[3]!.id, written[4]!.id, written[0]!.id]);
    });

    it('deleteStep removes the step with its feedback and elements; unknown ids are not an error', async () => {
      const owner = await user(ctx.layer);
      const { threadId, steps } = await thread(ctx.layer, owner, { outputs: ['q', 'a'] });
      const answer = steps[1]!;
      const feedbackId = await ctx.layer.upsertFeedback({ forId: answer.id, value: 0 });
      const el = element(threadId, { forId: answer.id });
      await ctx.layer.createElement(el);
      await ctx.layer.deleteStep(answer.id);
      const stored = await ctx.layer.getThread(threadId);
      expect(stored!.steps.map((s) => s.id)).to.deep.equal([steps[0]!.id]);
      expect(await ctx.layer.getElement(threadId, el.id)).to.equal(null);
      expect(await ctx.layer.deleteFeedback(feedbackId)).to.equal(false);
      await ctx.layer.deleteStep(id());
    });

    it('favorites: the steps of the user whose metadata.favorite is true, newest first', async () => {
      const alice = await user(ctx.layer, 'alice');
      const bob = await user(ctx.layer, 'bob');
      const a = await thread(ctx.layer, alice, { outputs: ['q1', 'a1', 'q2', 'a2'] });
      const b = await thread(ctx.layer, bob, { outputs: ['bob q', 'bob a'] });
      const [, a1, , a2] = a.steps as [StepDict, StepDict, StepDict, StepDict];
      await ctx.layer.updateStep({ ...a1, metadata: { favorite: true } });
      await ctx.layer.updateStep({ ...a2, metadata: { favorite: true, icon: 'star' } });
      await ctx.layer.updateStep({ ...b.steps[1]!, metadata: { favorite: true } });
      expect((await ctx.layer.getFavoriteSteps(alice.id)).map((s) => s.output)).to.deep.equal(['a2', 'a1']);
      await ctx.layer.updateStep({ ...a2, metadata: { favorite: false } });
      expect((await ctx.layer.getFavoriteSteps(alice.id)).map((s) => s.output)).to.deep.equal(['a1']);
      expect((await ctx.layer.getFavoriteSteps(bob.id)).map((s) => s.output)).to.deep.equal(['bob a']);
    });
  });

  describe('elements', () => {
    it('an element comes back with every field; it is listed with its thread', async () => {
      const threadId = id();
      const s = step(threadId);
      await ctx.layer.createStep(s);
      const el = element(threadId, {
        type: 'video', name: 'clip', display: 'side', forId: s.id, url: 'https://example.test/clip.mp4', chainlitKey: id(),
        mime: 'video/mp4', size: 'large', language: null, page: null, autoPlay: true, playerConfig: { muted: true }, props: null,
      });
      await ctx.layer.createElement(el);
      const pdf = element(threadId, { type: 'pdf', name: 'doc', page: 3, mime: 'application/pdf', forId: s.id });
      const custom = element(threadId, { type: 'custom', name: 'Card', props: { title: 'x', n: 2 }, mime: 'application/json', forId: s.id });
      await ctx.layer.createElement(pdf);
      await ctx.layer.createElement(custom);
      expect(await ctx.layer.getElement(threadId, el.id)).to.deep.include({
        id: el.id, threadId, type: 'video', name: 'clip', display: 'side', forId: s.id, url: 'https://example.test/clip.mp4',
        chainlitKey: el.chainlitKey, mime: 'video/mp4', size: 'large', autoPlay: true, playerConfig: { muted: true },
      });
      expect(await ctx.layer.getElement(threadId, pdf.id)).to.deep.include({ page: 3, mime: 'application/pdf' });
      expect((await ctx.layer.getElement(threadId, custom.id))!.props).to.deep.equal({ title: 'x', n: 2 });
      const listed = (await ctx.layer.getThread(threadId))!.elements!.map((e) => e.id).sort();
      expect(listed).to.deep.equal([el.id, pdf.id, custom.id].sort());
    });

    it('getElement of another thread, or of an unknown id, is null', async () => {
      const threadId = id();
      const el = element(threadId);
      await ctx.layer.createElement(el);
      expect(await ctx.layer.getElement(id(), el.id)).to.equal(null);
      expect(await ctx.layer.getElement(threadId, id())).to.equal(null);
    });

    it('deleteElement removes it; an unknown id is not an error', async () => {
      const threadId = id();
      const el = element(threadId);
      await ctx.layer.createElement(el);
      await ctx.layer.deleteElement(el.id, threadId);
      expect(await ctx.layer.getElement(threadId, el.id)).to.equal(null);
      await ctx.layer.deleteElement(id());
    });

    // Only for layers that store contents (readElementContent is optional in the interface).
    if (options.elementContent) it('element content is stored, read back, and removed with its element and with its thread', async () => {
      expect(ctx.layer.readElementContent, 'a layer claiming elementContent implements readElementContent').to.be.a('function');
      const read = ctx.layer.readElementContent!.bind(ctx.layer);
      const threadId = id();
      const kept = element(threadId, { name: 'kept' });
      const gone = element(threadId, { name: 'gone' });
      await ctx.layer.createElement(kept, content('kept bytes'));
      await ctx.layer.createElement(gone, content('gone bytes'));
      const storedKept = (await ctx.layer.getElement(threadId, kept.id))!;
      expect(storedKept.objectKey).to.be.a('string').that.is.not.empty;
      expect(await readAll((await read(storedKept))!)).to.equal('kept bytes');
      const storedGone = (await ctx.layer.getElement(threadId, gone.id))!;
      await ctx.layer.deleteElement(gone.id, threadId);
      await expectUnreadable(read(storedGone));
      await ctx.layer.createElement({ ...kept }, content('replaced bytes'));
      expect(await readAll((await read((await ctx.layer.getElement(threadId, kept.id))!))!)).to.equal('replaced bytes');
      await ctx.layer.deleteThread(threadId);
      await expectUnreadable(read(storedKept));
    });
  });

  describe('feedback', () => {
    it('upsertFeedback returns an id; the step carries { forId, id, value, comment }', async () => {
      const owner = await user(ctx.layer);
      const { threadId, steps } = await thread(ctx.layer, owner, { outputs: ['q', 'a'] });
      const feedbackId = await ctx.layer.upsertFeedback({ forId: steps[1]!.id, threadId, value: 1, comment: 'great' });
      expect(feedbackId).to.be.a('string').with.length.greaterThan(0);
      const stored = (await ctx.layer.getThread(threadId))!.steps[1]!;
      expect(stored.feedback).to.deep.include({ forId: steps[1]!.id, id: feedbackId, value: 1, comment: 'great' });
      expect((await ctx.layer.getThread(threadId))!.steps[0]!.feedback ?? null).to.equal(null);
    });

    it('with its id, a feedback is updated; without one, the step keeps a single feedback', async () => {
      const owner = await user(ctx.layer);
      const { threadId, steps } = await thread(ctx.layer, owner, { outputs: ['q', 'a'] });
      const forId = steps[1]!.id;
      const first = await ctx.layer.upsertFeedback({ forId, threadId, value: 1 });
      expect(await ctx.layer.upsertFeedback({ id: first, forId, threadId, value: 0, comment: 'changed my mind' })).to.equal(first);
      expect((await ctx.layer.getThread(threadId))!.steps[1]!.feedback).to.deep.include({ id: first, value: 0, comment: 'changed my mind' });
      const again = await ctx.layer.upsertFeedback({ forId, threadId, value: 1 });
      expect(again).to.equal(first);
      expect((await ctx.layer.getThread(threadId))!.steps[1]!.feedback).to.deep.include({ id: first, value: 1 });
    });

    it('deleteFeedback: true once, then false; the step has no feedback any more', async () => {
      const owner = await user(ctx.layer);
      const { threadId, steps } = await thread(ctx.layer, owner, { outputs: ['q', 'a'] });
      const feedbackId = await ctx.layer.upsertFeedback({ forId: steps[1]!.id, threadId, value: 0 });
      expect(await ctx.layer.deleteFeedback(feedbackId)).to.equal(true);
      expect(await ctx.layer.deleteFeedback(feedbackId)).to.equal(false);
      expect((await ctx.layer.getThread(threadId))!.steps[1]!.feedback ?? null).to.equal(null);
    });

    if (options.feedbackLookup) it('getFeedback finds a feedback with its thread; an unknown or deleted id finds nothing', async () => {
      expect(ctx.layer.getFeedback, 'a layer claiming feedbackLookup implements getFeedback').to.be.a('function');
      const owner = await user(ctx.layer);
      const { threadId, steps } = await thread(ctx.layer, owner, { outputs: ['q', 'a'] });
      const feedbackId = await ctx.layer.upsertFeedback({ forId: steps[1]!.id, value: 0, comment: 'meh' });
      expect(await ctx.layer.getFeedback!(feedbackId)).to.deep.include({ id: feedbackId, forId: steps[1]!.id, threadId, value: 0, comment: 'meh' });
      expect(await ctx.layer.getFeedback!(id())).to.equal(null);
      expect(await ctx.layer.getFeedback!('not-a-uuid')).to.equal(null);
      await ctx.layer.deleteFeedback(feedbackId);
      expect(await ctx.layer.getFeedback!(feedbackId)).to.equal(null);
    });

    it('a feedback for a step that is not stored is refused', async () => {
      let failure: unknown;
      await ctx.layer.upsertFeedback({ forId: id(), threadId: id(), value: 1 }).catch((err: unknown) => (failure = err));
      expect(failure, 'upsertFeedback should reject').to.be.instanceOf(Error);
    });
  });
}

async function expectUnreadable(reading: Promise<unknown>): Promise<void> {
  const outcome = await reading.then((v) => ({ value: v }), (err: unknown) => ({ err }));
  if ('value' in outcome) expect(outcome.value, 'content should be gone').to.equal(null);
  else expect(outcome.err).to.be.instanceOf(Error);
}
