import { expect } from 'chai';
import type { ThreadDict } from '../../../runtime/wire.js';
import type { ThreadFilter } from '../../../runtime/data/types.js';
import { at, step, thread, user, type Ctx } from './support.js';

/** Every page of a listing, following endCursor; checks the page info on the way. */
async function allPages(ctx: Ctx, first: number, filter: ThreadFilter): Promise<ThreadDict[][]> {
  const pages: ThreadDict[][] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await ctx.layer.listThreads({ first, cursor }, filter);
    expect(page.data.length).to.be.at.most(first);
    expect(page.pageInfo.startCursor).to.equal(page.data[0]?.id ?? null);
    expect(page.pageInfo.endCursor).to.equal(page.data[page.data.length - 1]?.id ?? null);
    pages.push(page.data);
    if (!page.pageInfo.hasNextPage) return pages;
    expect(page.data, 'a page with hasNextPage is full').to.have.length(first);
    cursor = page.pageInfo.endCursor;
    expect(pages.length, 'pagination does not end').to.be.below(100);
  }
}

export function listing(ctx: Ctx): void {
  describe('listThreads', () => {
    it('lists only the user\'s threads, most recent activity first, with that time in createdAt', async () => {
      const alice = await user(ctx.layer, 'alice');
      const bob = await user(ctx.layer, 'bob');
      const old = await thread(ctx.layer, alice, { name: 'old', outputs: ['a', 'b'], start: 10 });
      const recent = await thread(ctx.layer, alice, { name: 'recent', outputs: ['c'], start: 100 });
      await thread(ctx.layer, bob, { name: 'bob', outputs: ['d'], start: 200 });
      // A new message in the old thread makes it the most recent.
      await ctx.layer.createStep(step(old.threadId, { output: 'later', createdAt: at(300) }));
      const page = await ctx.layer.listThreads({ first: 10 }, { userId: alice.id });
      expect(page.data.map((t) => t.name)).to.deep.equal(['old', 'recent']);
      expect(page.pageInfo.hasNextPage).to.equal(false);
      expect(Date.parse(page.data[0]!.createdAt)).to.equal(Date.parse(at(300)));
      expect(Date.parse(page.data[1]!.createdAt)).to.equal(Date.parse(at(100)));
      expect(page.data[0]).to.include({ id: old.threadId, userId: alice.id, userIdentifier: alice.identifier });
      expect(recent.threadId).to.equal(page.data[1]!.id);
    });

    it('pages follow the cursor to the end: every thread once, in order', async () => {
      const owner = await user(ctx.layer);
      const made: string[] = [];
      for (let i = 0; i < 7; i++) made.push((await thread(ctx.layer, owner, { name: `t${i}`, outputs: ['x'], start: i * 10 })).threadId);
      const pages = await allPages(ctx, 3, { userId: owner.id });
      expect(pages.map((p) => p.length)).to.deep.equal([3, 3, 1]);
      expect(pages.flat().map((t) => t.id)).to.deep.equal([...made].reverse());
    });

    it('threads with the same last activity are paged without loss or repeat', async () => {
      const owner = await user(ctx.layer);
      const made = new Set<string>();
      for (let i = 0; i < 5; i++) made.add((await thread(ctx.layer, owner, { outputs: ['same time'], start: 50 })).threadId);
      const pages = await allPages(ctx, 2, { userId: owner.id });
      const listed = pages.flat().map((t) => t.id);
      expect(listed).to.have.length(5);
      expect(new Set(listed)).to.deep.equal(made);
    });

    it('search matches step output and thread name, case-insensitively; % and _ are literal', async () => {
      const owner = await user(ctx.layer);
      const byOutput = await thread(ctx.layer, owner, { name: 'about cats', outputs: ['Tell me about PENGUINS', 'they swim'], start: 1 });
      const byName = await thread(ctx.layer, owner, { name: 'Penguin facts', outputs: ['nothing'], start: 2 });
      const percent = await thread(ctx.layer, owner, { name: 'numbers', outputs: ['a 100% match'], start: 3 });
      await thread(ctx.layer, owner, { name: 'other', outputs: ['1000 matches'], start: 4 });
      const search = async (text: string) => (await ctx.layer.listThreads({ first: 10 }, { userId: owner.id, search: text })).data.map((t) => t.id).sort();
      expect(await search('penguin')).to.deep.equal([byOutput.threadId, byName.threadId].sort());
      expect(await search('SWIM')).to.deep.equal([byOutput.threadId]);
      expect(await search('0%')).to.deep.equal([percent.threadId]);
      expect(await search('no such words')).to.deep.equal([]);
    });

    it('search sees a step\'s final output, forgets deleted steps, and matches texts of one or two characters', async () => {
      const owner = await user(ctx.layer);
      const { threadId, steps } = await thread(ctx.layer, owner, { outputs: ['question', ''], start: 1 });
      const search = async (text: string) => (await ctx.layer.listThreads({ first: 10 }, { userId: owner.id, search: text })).data.map((t) => t.id);
      expect(await search('platypus')).to.deep.equal([]);
      await ctx.layer.updateStep({ ...steps[1]!, output: 'The platypus lays eggs: ΩΨΦ.' });
      expect(await search('PLATYPUS')).to.deep.equal([threadId]);
      expect(await search('ωψφ'), 'case folding beyond ASCII').to.deep.equal([threadId]);
      await ctx.layer.deleteStep(steps[1]!.id);
      expect(await search('platypus')).to.deep.equal([]);
      expect(await search('es')).to.deep.equal([threadId], 'two characters, in "question"');
    });

    it('search results page like the full list', async () => {
      const owner = await user(ctx.layer);
      const hits: string[] = [];
      for (let i = 0; i < 5; i++) {
        hits.push((await thread(ctx.layer, owner, { outputs: [`needle ${i}`], start: i * 2 })).threadId);
        await thread(ctx.layer, owner, { outputs: ['hay'], start: i * 2 + 1 });
      }
      const pages = await allPages(ctx, 2, { userId: owner.id, search: 'needle' });
      expect(pages.flat().map((t) => t.id)).to.deep.equal([...hits].reverse());
    });

    it('the feedback filter keeps threads having a step with that value (0 too)', async () => {
      const owner = await user(ctx.layer);
      const liked = await thread(ctx.layer, owner, { outputs: ['q', 'a'], start: 1 });
      const disliked = await thread(ctx.layer, owner, { outputs: ['q', 'a'], start: 2 });
      await thread(ctx.layer, owner, { outputs: ['q', 'a'], start: 3 });
      await ctx.layer.upsertFeedback({ forId: liked.steps[1]!.id, threadId: liked.threadId, value: 1 });
      await ctx.layer.upsertFeedback({ forId: disliked.steps[1]!.id, threadId: disliked.threadId, value: 0 });
      const list = async (feedback: 0 | 1) => (await ctx.layer.listThreads({ first: 10 }, { userId: owner.id, feedback })).data.map((t) => t.id);
      expect(await list(1)).to.deep.equal([liked.threadId]);
      expect(await list(0)).to.deep.equal([disliked.threadId]);
      expect((await ctx.layer.listThreads({ first: 10 }, { userId: owner.id })).data).to.have.length(3);
    });

    it('a user without threads gets an empty page', async () => {
      const owner = await user(ctx.layer);
      const page = await ctx.layer.listThreads({ first: 5 }, { userId: owner.id });
      expect(page).to.deep.equal({ pageInfo: { hasNextPage: false, startCursor: null, endCursor: null }, data: [] });
    });

    it('a deleted thread leaves the list', async () => {
      const owner = await user(ctx.layer);
      const a = await thread(ctx.layer, owner, { start: 1 });
      const b = await thread(ctx.layer, owner, { start: 2 });
      await ctx.layer.deleteThread(a.threadId);
      expect((await ctx.layer.listThreads({ first: 5 }, { userId: owner.id })).data.map((t) => t.id)).to.deep.equal([b.threadId]);
    });

    it('without filter.userId it is refused', async () => {
      let failure: unknown;
      await ctx.layer.listThreads({ first: 5 }, {}).catch((err: unknown) => (failure = err));
      expect(failure).to.be.instanceOf(Error);
    });
  });
}
