/** #readme-button: the app's chainlit.md (served per language in /project/settings). */
import { BookOpen } from '../ui/icons.js';
import { useState } from 'react';
import { useApp } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Markdown } from '../markdown/Markdown.js';
import { Dialog } from '../ui/Dialog.js';

export function ReadmeButton() {
  const t = useT();
  const markdown = useApp((s) => s.settings?.markdown);
  const allowHtml = useApp((s) => Boolean(s.settings?.features.unsafe_allow_html));
  const latex = useApp((s) => Boolean(s.settings?.features.latex));
  const [open, setOpen] = useState(false);
  if (!markdown) return null;
  return (
    <>
      <button type="button" id="readme-button" className="button button-ghost" onClick={() => setOpen(true)}>
        <BookOpen size={16} aria-hidden="true" />
        <span className="hide-narrow">{t('navigation.header.readme')}</span>
      </button>
      <Dialog open={open} onOpenChange={setOpen} title={t('chat.readme.title')} className="dialog-full readme-dialog">
        <Markdown text={markdown} allowHtml={allowHtml} latex={latex} />
      </Dialog>
    </>
  );
}
