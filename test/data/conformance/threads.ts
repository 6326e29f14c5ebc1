import { expect } from 'chai';
import { at, element, id, step, thread, user, type Ctx } from './support.js';

export function usersAndThreads(ctx: Ctx): void {
  describe('users', () => {
    it('getUser of an unknown identifier is null', async () => {
      expect(await ctx.layer.getUser(`nobody-${id()}`)).to.equal(null);
    });

    it('createUser persists the user: id, identifier, metadata, createdAt', async () => {
      const identifier = `alice-${id()}`;
      const created = await ctx.layer.createUser({ identifier, metadata: { image: 'a.png' } });
      expect(created).to.include({ identifier });
      expect(created!.id).to.be.a('string').with.length.greaterThan(0);
      expect(created!.metadata).to.deep.equal({ image: 'a.png' });
      expect(Date.parse(created!.createdAt)).to.be.a('number').and.not.NaN;
      expect(await ctx.layer.getUser(identifier)).to.deep.equal(created);
    });

    it('createUser of an existing identifier keeps its id and overwrites its metadata (a new login)', async () => {
      const first = await user(ctx.layer);
      const again = await ctx.layer.createUser({ identifier: first.identifier, metadata: { image: 'new.png' } });
      expect(again!.id).to.equal(first.id);
      expect(again!.metadata).to.deep.equal({ image: 'new.png' });
    });
  });

  describe('threads', () => {
    it('updateThread creates a thread: author, name, tags, metadata; no steps yet', async () => {
      const owner = await user(ctx.layer);
      const threadId = id();
      await ctx.layer.updateThread(threadId, { name: 'Trip plans', userId: owner.id, tags: ['travel'], metadata: { chat_profile: 'GPT' } });
      const stored = await ctx.layer.getThread(threadId);
      expect(stored).to.include({ id: threadId, name: 'Trip plans', userId: owner.id, userIdentifier: owner.identifier });
      expect(stored!.tags).to.deep.equal(['travel']);
      expect(stored!.metadata).to.deep.equal({ chat_profile: 'GPT' });
      expect(stored!.steps).to.deep.equal([]);
      expect(Date.parse(stored!.createdAt)).to.not.be.NaN;
      expect(await ctx.layer.getThreadAuthor(threadId)).to.equal(owner.identifier);
    });

    it('an unknown thread: getThread null, getThreadAuthor null', async () => {
      expect(await ctx.layer.getThread(id())).to.equal(null);
      expect(await ctx.layer.getThreadAuthor(id())).to.equal(null);
    });

    it('metadata merges: a null value deletes its key, others overwrite, absent keys stay (shallow)', async () => {
      const threadId = id();
      await ctx.layer.updateThread(threadId, { metadata: { a: 1, b: 2, nested: { x: 1, y: 2 } } });
      await ctx.layer.updateThread(threadId, { metadata: { b: null, c: 3, nested: { x: 9 } } });
      expect((await ctx.layer.getThread(threadId))!.metadata).to.deep.equal({ a: 1, c: 3, nested: { x: 9 } });
    });

    it('fields not given are left as they are; name null clears the name', async () => {
      const owner = await user(ctx.layer);
      const threadId = id();
      await ctx.layer.updateThread(threadId, { name: 'first', userId: owner.id, tags: ['t'] });
      await ctx.layer.updateThread(threadId, { metadata: { k: 'v' } });
      let stored = await ctx.layer.getThread(threadId);
      expect(stored).to.include({ name: 'first', userId: owner.id });
      expect(stored!.tags).to.deep.equal(['t']);
      await ctx.layer.updateThread(threadId, { name: null });
      stored = await ctx.layer.getThread(threadId);
      expect(stored!.name).to.equal(null);
      expect(stored!.metadata).to.deep.equal({ k: 'v' });
    });

    it('without a name, metadata.name names the thread (Chainlit)', async () => {
      const threadId = id();
      await ctx.layer.updateThread(threadId, { metadata: { name: 'From metadata' } });
      expect((await ctx.layer.getThread(threadId))!.name).to.equal('From metadata');
    });

    it('sharing: is_shared and shared_at set, then unset with shared_at: null', async () => {
      const threadId = id();
      await ctx.layer.updateThread(threadId, { metadata: { is_shared: true, shared_at: at(5) } });
      expect((await ctx.layer.getThread(threadId))!.metadata).to.deep.equal({ is_shared: true, shared_at: at(5) });
      await ctx.layer.updateThread(threadId, { metadata: { is_shared: false, shared_at: null } });
      expect((await ctx.layer.getThread(threadId))!.metadata).to.deep.equal({ is_shared: false });
    });

    it('tags are replaced as a whole', async () => {
      const threadId = id();
      await ctx.layer.updateThread(threadId, { tags: ['a', 'b'] });
      await ctx.layer.updateThread(threadId, { tags: ['c'] });
      expect((await ctx.layer.getThread(threadId))!.tags).to.deep.equal(['c']);
    });

    it('deleteThread removes the thread with its steps, elements and feedback; other threads stay', async () => {
      const owner = await user(ctx.layer);
      const doomed = await thread(ctx.layer, owner, { outputs: ['q', 'a'] });
      const kept = await thread(ctx.layer, owner, { outputs: ['keep me'] });
      const feedbackId = await ctx.layer.upsertFeedback({ forId: doomed.steps[1]!.id, threadId: doomed.threadId, value: 1 });
      const elementId = id();
      await ctx.layer.createElement(element(doomed.threadId, { id: elementId, forId: doomed.steps[1]!.id }));
      await ctx.layer.deleteThread(doomed.threadId);
      expect(await ctx.layer.getThread(doomed.threadId)).to.equal(null);
      expect(await ctx.layer.getElement(doomed.threadId, elementId)).to.equal(null);
      expect(await ctx.layer.deleteFeedback(feedbackId)).to.equal(false, 'the feedback went with its thread');
      expect((await ctx.layer.getThread(kept.threadId))!.steps.map((s) => s.output)).to.deep.equal(['keep me']);
      await ctx.layer.deleteThread(doomed.threadId); // deleting again is not an error
    });

    it('a step written for a thread that does not exist yet creates the thread', async () => {
      const threadId = id();
      const s = step(threadId, { output: 'first words' });
      await ctx.layer.createStep(s);
      const stored = await ctx.layer.getThread(threadId);
      expect(stored!.steps.map((x) => x.id)).to.deep.equal([s.id]);
      expect(stored!.userId).to.equal(null);
      expect(await ctx.layer.getThreadAuthor(threadId)).to.equal(null);
      // The first interaction then names it and sets its author.
      const owner = await user(ctx.layer);
      await ctx.layer.updateThread(threadId, { name: 'first words', userId: owner.id });
      expect(await ctx.layer.getThreadAuthor(threadId)).to.equal(owner.identifier);
      expect((await ctx.layer.getThread(threadId))!.steps).to.have.length(1);
    });
  });

  describe('sessions and debugging', () => {
    it('deleteUserSession answers a boolean; buildDebugUrl a string', async () => {
      expect(await ctx.layer.deleteUserSession(id())).to.be.a('boolean');
      expect(await ctx.layer.buildDebugUrl()).to.be.a('string');
    });
  });
}
