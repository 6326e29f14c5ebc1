/**
 * Task list (DOM-CONTRACT §9): the last tasklist element received, fetched as JSON. Desktop
 * shows `.tasklist` beside the chat, narrow screens `.tasklist-mobile` above it.
 */
import { Circle, CircleCheck, CircleX, LoaderCircle } from '../ui/icons.js';
import { useEffect, useState } from 'react';
import { useChat } from '../../client/react.js';
import type { ITaskList } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { Markdown } from '../markdown/Markdown.js';
import { fetchFile } from '../../client/file-access.js';

const icons = {
  ready: <Circle size={14} aria-hidden="true" />,
  running: <LoaderCircle size={14} className="spin" aria-hidden="true" />,
  done: <CircleCheck size={14} aria-hidden="true" />,
  failed: <CircleX size={14} aria-hidden="true" />,
};

function useTaskList(): ITaskList | null {
  const el = useChat((s) => s.tasklists[s.tasklists.length - 1]);
  const [data, setData] = useState<ITaskList | null>(null);
  useEffect(() => {
    if (!el?.url) {
      setData(null);
      return;
    }
    let live = true;
    fetchFile(el.url)
      .then((r) => r.text())
      .then((text) => live && setData(JSON.parse(text) as ITaskList))
      .catch(() => live && setData(null));
    return () => {
      live = false;
    };
  }, [el]);
  return el ? data : null;
}

function Tasks({ list, className }: { list: ITaskList; className: string }) {
  const t = useT();
  const scrollTo = (forId?: string | null) => {
    if (forId) document.getElementById(`step-${forId}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  return (
    <aside className={className} aria-label={t('chat.tasklist.title')}>
      <div className="tasklist-header">
        <span>{t('chat.tasklist.title')}</span>
        <span className="badge">{list.status}</span>
      </div>
      <div className="tasklist-body custom-scrollbar">
        {list.tasks.map((task, i) => (
          <div
            key={i}
            className={`task task-status-${task.status}`}
            role={task.forId ? 'button' : undefined}
            tabIndex={task.forId ? 0 : undefined}
            onClick={() => scrollTo(task.forId)}
            onKeyDown={(e) => e.key === 'Enter' && scrollTo(task.forId)}
          >
            {icons[task.status] ?? icons.ready}
            <span className="task-index">{i + 1}.</span>
            <Markdown text={task.title} />
          </div>
        ))}
      </div>
    </aside>
  );
}

export function TaskList({ mobile }: { mobile?: boolean }) {
  const list = useTaskList();
  if (!list) return null;
  return <Tasks list={list} className={mobile ? 'tasklist-mobile' : 'tasklist'} />;
}
