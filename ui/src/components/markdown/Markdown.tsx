/**
 * Markdown for messages: GFM, safe links, highlighted code, optional LaTeX and raw HTML.
 * Long texts are split into top-level blocks rendered separately and memoised, so a
 * streaming answer re-parses only its last block per token.
 */
import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock.js';
import { permissiveSchema, remarkEscapeHtml, safeSchema } from './sanitize.js';
import { splitBlocks } from './blocks.js';
import { assetBase } from '../../app/assets.js';
import { ElementLink } from '../elements/ElementLink.js';

type MathMod = typeof import('./math.js');
type RawPlugin = typeof import('rehype-raw').default;
let mathMod: MathMod | null = null;
// rehype-raw carries a full HTML parser: loaded only for apps with unsafe_allow_html.
let rawPlugin: RawPlugin | null = null;

export interface MarkdownOptions {
  allowHtml?: boolean;
  latex?: boolean;
}

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node) {
    return textOf((node as { props: { children?: ReactNode } }).props.children);
  }
  return '';
}

const components: Components = {
  a: ({ node: _n, href, children, ...rest }) => {
    const ref = /^#(?:user-content-)?cl-element-(.+)$/.exec(href ?? '');
    if (ref) return <ElementLink id={ref[1]!}>{children}</ElementLink>;
    const internal = href?.startsWith('#');
    return (
      <a href={href} {...rest} {...(internal ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
        {children}
      </a>
    );
  },
  pre: ({ node: _n, children }) => {
    const child = Array.isArray(children) ? children[0] : children;
    const props = (child as { props?: { className?: string; children?: ReactNode } })?.props ?? {};
    const lang = /language-([\w+#-]+)/.exec(props.className ?? '')?.[1];
    const code = textOf(props.children).replace(/\n$/, '');
    return <CodeBlock code={code} language={lang} />;
  },
  table: ({ node: _n, children, ...rest }) => (
    <div className="table-wrapper">
      <table {...rest}>{children}</table>
    </div>
  ),
  img: ({ node: _n, src, alt, ...rest }) => <img src={src} alt={alt ?? ''} loading="lazy" {...rest} />,
};

const Block = memo(function Block({ text, allowHtml, math, raw }: { text: string; allowHtml: boolean; math: MathMod | null; raw: RawPlugin | null }) {
  const remarkPlugins = useMemo(() => {
    const list: NonNullable<Parameters<typeof ReactMarkdown>[0]['remarkPlugins']> = [remarkGfm];
    if (math) list.push(math.remarkMath);
    // Until the HTML parser has loaded, raw HTML is shown escaped rather than dropped.
    if (!allowHtml || !raw) list.push(remarkEscapeHtml);
    return list;
  }, [allowHtml, math, raw]);
  const rehypePlugins = useMemo(() => {
    const list: NonNullable<Parameters<typeof ReactMarkdown>[0]['rehypePlugins']> = [];
    if (allowHtml && raw) list.push(raw, [rehypeSanitize, permissiveSchema]);
    else list.push([rehypeSanitize, safeSchema]);
    if (math) list.push(math.rehypeKatex);
    return list;
  }, [allowHtml, math, raw]);
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {text}
    </ReactMarkdown>
  );
});

const SPLIT_THRESHOLD = 3000;

export const Markdown = memo(function Markdown({ text, allowHtml = false, latex = false }: { text: string } & MarkdownOptions) {
  const [math, setMath] = useState<MathMod | null>(latex ? mathMod : null);
  useEffect(() => {
    if (!latex || math) return;
    void import('./math.js').then((m) => {
      m.ensureKatexCss(assetBase());
      mathMod = m;
      setMath(m);
    });
  }, [latex, math]);
  // A function given to useState is called as an initialiser: wrap the plugin, or React
  // would store what rehypeRaw() returns (its transformer) and unified would call that
  // as a plugin with no tree (issue 9: the page blanked).
  const [raw, setRaw] = useState<RawPlugin | null>(() => (allowHtml ? rawPlugin : null));
  useEffect(() => {
    if (!allowHtml || raw) return;
    void import('rehype-raw').then((m) => {
      rawPlugin = m.default;
      setRaw(() => m.default);
    });
  }, [allowHtml, raw]);
  const blocks = useMemo(() => (text.length > SPLIT_THRESHOLD ? splitBlocks(text) : [text]), [text]);
  return (
    <div className="markdown-body">
      {blocks.map((b, i) => (
        <Block key={i} text={b} allowHtml={allowHtml} math={latex ? math : null} raw={allowHtml ? raw : null} />
      ))}
    </div>
  );
});
