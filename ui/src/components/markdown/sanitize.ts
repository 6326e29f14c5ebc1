/**
 * HTML policy for markdown. Safe mode shows raw HTML as text; with
 * features.unsafe_allow_html it is parsed, but scripts, on* handlers and javascript: URLs
 * are still stripped by rehype-sanitize.
 */
import { defaultSchema } from 'rehype-sanitize';
import type { Options as SanitizeSchema } from 'rehype-sanitize';

type MdNode = { type: string; value?: string; children?: MdNode[] };

/** remark plugin: turn raw HTML nodes into literal text, so `<b>` is shown, not parsed. */
export function remarkEscapeHtml() {
  const walk = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}

const codeClasses: [string, ...RegExp[]] = ['className', /^language-./, /^math-(inline|display)$/];

export const safeSchema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [...(defaultSchema.attributes?.code ?? []), codeClasses],
  },
};

const extraTags = [
  'div', 'span', 'u', 'mark', 'small', 'big', 'center', 'font', 'figure', 'figcaption',
  'abbr', 'cite', 'dfn', 'time', 'label', 'video', 'audio', 'source', 'picture', 'caption',
  'colgroup', 'col', 'hr', 'br',
];

export const permissiveSchema: SanitizeSchema = {
  ...safeSchema,
  tagNames: [...(safeSchema.tagNames ?? []), ...extraTags],
  attributes: {
    ...safeSchema.attributes,
    '*': [
      ...(safeSchema.attributes?.['*'] ?? []),
      'className', 'style', 'title', 'align', 'dir', 'lang', 'width', 'height', 'color',
    ],
    video: ['src', 'controls', 'poster', 'width', 'height', 'loop', 'muted'],
    audio: ['src', 'controls', 'loop', 'muted'],
    source: ['src', 'type'],
    font: ['color', 'face', 'size'],
  },
  protocols: {
    ...safeSchema.protocols,
    src: ['http', 'https', 'data'],
  },
};
