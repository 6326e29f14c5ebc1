/** Fenced code: language label, copy button, highlight.js applied once its chunk loads. */
import { Check, Copy } from '../ui/icons.js';
import { memo, useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n.js';

type Highlighter = (code: string, language: string | undefined) => string | null;
let highlighter: Highlighter | null = null;
let loading: Promise<Highlighter> | null = null;

function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('./highlight.js').then((m) => (highlighter = m.highlight));
  return loading;
}

export const CodeBlock = memo(function CodeBlock({ code, language }: { code: string; language?: string }) {
  const t = useT();
  const [hl, setHl] = useState<Highlighter | null>(highlighter);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!hl) void loadHighlighter().then(() => setHl(() => highlighter));
  }, [hl]);
  const html = hl ? hl(code, language) : null;
  const copy = () => {
    void navigator.clipboard?.writeText(code).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <div className="code-block">
      <div className="code-block-header">
        <span className="code-block-language">{language ?? ''}</span>
        <button type="button" className="icon-button code-copy" onClick={copy} aria-label={t('chat.code.copy')}>
          {copied ? <Check size={14} /> : <Copy size={14} />}
        </button>
      </div>
      <pre>
        {html !== null ? (
          <code className={`hljs language-${language}`} dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <code className={language ? `language-${language}` : undefined}>{code}</code>
        )}
      </pre>
    </div>
  );
});
