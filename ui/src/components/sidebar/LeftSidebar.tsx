/**
 * The history sidebar (DOM-CONTRACT §11): new chat, search box and `#thread-history`,
 * the user's threads grouped by date, a page more loaded when the end of the list
 * scrolls into view. Shown only with a data layer and a required login.
 */
import { useEffect, useRef, useState } from 'react';
import { useApp, useController } from '../../app/context.js';
import { groupThreads, type ThreadSummary } from '../../client/history.js';
import { useStore } from '../../client/react.js';
import { useChat } from '../../client/react.js';
import { useT } from '../../i18n/i18n.js';
import { NewChatButton } from '../header/NewChat.js';
import { LoaderCircle, Search } from '../ui/icons.js';
import { ThreadOptions } from './ThreadOptions.js';

const SEARCH_DELAY_MS = 300;

function ThreadItem({ thread, current }: { thread: ThreadSummary; current: boolean }) {
  const t = useT();
  const c = useController();
  const name = thread.name?.trim() || t('threadHistory.thread.untitled');
  return (
    <li id={`thread-${thread.id}`} className={`thread-item${current ? ' thread-item-current' : ''}`} aria-current={current ? 'page' : undefined}>
      <a
        className="thread-link"
        href={c.href(`/thread/${thread.id}`)}
        title={name}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          // On a phone the sidebar covers the chat: make way for the thread.
          if (window.matchMedia?.('(max-width: 767px)').matches) c.store.set({ sidebarOpen: false });
          void c.openThread(thread.id);
        }}
      >
        {name}
      </a>
      <ThreadOptions thread={thread} />
    </li>
  );
}

/** Loads the next page when it scrolls into view (the list's infinite scroll). */
function MoreSentinel({ root }: { root: React.RefObject<HTMLDivElement> }) {
  const c = useController();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void c.history.loadMore();
    }, { root: root.current, rootMargin: '0px 0px 200px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [c, root]);
  return <div ref={ref} className="thread-more" aria-hidden="true" />;
}

function SearchBox() {
  const t = useT();
  const c = useController();
  const [value, setValue] = useState(() => c.history.store.get().search);
  useEffect(() => {
    if (value === c.history.store.get().search) return;
    const timer = setTimeout(() => void c.history.refresh(value.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, c]);
  const feedback = useStore(c.history.store, (s) => s.feedback);
  return (
    <div className="thread-filters">
    <label className="thread-search">
      <Search size={14} aria-hidden="true" />
      <input
        id="thread-search"
        type="search"
        value={value}
        placeholder={t('threadHistory.sidebar.filters.search')}
        aria-label={t('threadHistory.sidebar.filters.search')}
        onChange={(e) => setValue(e.target.value)}
      />
    </label>
      <select
        id="thread-feedback-filter"
        className="thread-feedback-filter"
        aria-label={t('threadHistory.sidebar.filters.feedback.label')}
        value={feedback === null ? 'all' : String(feedback)}
        onChange={(e) => void c.history.refresh(undefined, e.target.value === 'all' ? null : (Number(e.target.value) as 0 | 1))}
      >
        <option value="all">{t('threadHistory.sidebar.filters.feedback.all')}</option>
        <option value="1">{t('threadHistory.sidebar.filters.feedback.positive')}</option>
        <option value="0">{t('threadHistory.sidebar.filters.feedback.negative')}</option>
      </select>
    </div>
  );
}

export function LeftSidebar() {
  const t = useT();
  const c = useController();
  const path = useApp((s) => s.path);
  const liveThread = useChat((s) => s.threadId);
  const { threads, loading, hasMore, search, error, feedback } = useStore(c.history.store, (s) => s);
  const filtered = feedback !== null;
  const scroller = useRef<HTMLDivElement>(null);
  const current = /^\/thread\/(.+)$/.exec(path)?.[1] ?? (path === '/' ? liveThread : null);
  const groups = groupThreads(threads);
  return (
    <aside id="left-sidebar" className="left-sidebar" aria-label={t('threadHistory.sidebar.title')}>
      <div className="left-sidebar-header">
        <span className="left-sidebar-title">{t('threadHistory.sidebar.title')}</span>
        <NewChatButton />
      </div>
      <SearchBox />
      <div ref={scroller} id="thread-history" className="thread-history custom-scrollbar">
        {groups.map(({ group, threads: list }) => (
          <section key={group} className="thread-group">
            <h3 className="thread-group-title">{t(`threadHistory.sidebar.timeframes.${group}`)}</h3>
            <ul className="thread-list">
              {list.map((thread) => (
                <ThreadItem key={thread.id} thread={thread} current={thread.id === current} />
              ))}
            </ul>
          </section>
        ))}
        {!loading && !threads.length && !error ? (
          <p className="thread-empty">{search || filtered ? t('threadHistory.sidebar.noResults') : t('threadHistory.sidebar.empty')}</p>
        ) : null}
        {error ? <p className="thread-empty" role="alert">{error}</p> : null}
        {loading ? (
          <div className="thread-loading">
            <LoaderCircle className="spin" size={16} aria-label={t('common.status.loading')} />
          </div>
        ) : null}
        {hasMore && !loading ? <MoreSentinel root={scroller} /> : null}
      </div>
    </aside>
  );
}
