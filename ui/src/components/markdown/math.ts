/** LaTeX support (features.latex), loaded lazily with KaTeX's stylesheet. */
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';

let cssAdded = false;

export function ensureKatexCss(assetBase: string): void {
  if (cssAdded) return;
  cssAdded = true;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `${assetBase}/katex.css`;
  document.head.appendChild(link);
}

export { rehypeKatex, remarkMath };
