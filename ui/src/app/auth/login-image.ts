/**
 * `ui.login_page_image_filter` / `_dark_filter` hold Tailwind-style classes (as in
 * Chainlit, e.g. `brightness-50 grayscale`). The classes are put on the image for custom
 * CSS, and the filter utilities among them are turned into a CSS `filter` here, since the
 * app's stylesheet does not carry every Tailwind class.
 */
const SIMPLE: Record<string, string> = {
  grayscale: 'grayscale(100%)',
  'grayscale-0': 'grayscale(0)',
  invert: 'invert(100%)',
  'invert-0': 'invert(0)',
  sepia: 'sepia(100%)',
  'sepia-0': 'sepia(0)',
  blur: 'blur(8px)',
  'blur-none': 'blur(0)',
  'blur-sm': 'blur(4px)',
  'blur-md': 'blur(12px)',
  'blur-lg': 'blur(16px)',
  'blur-xl': 'blur(24px)',
};

const SCALED: Array<[RegExp, (n: string) => string]> = [
  [/^brightness-(\d+)$/, (n) => `brightness(${Number(n) / 100})`],
  [/^contrast-(\d+)$/, (n) => `contrast(${Number(n) / 100})`],
  [/^saturate-(\d+)$/, (n) => `saturate(${Number(n) / 100})`],
  [/^opacity-(\d+)$/, (n) => `opacity(${Number(n) / 100})`],
  [/^hue-rotate-(\d+)$/, (n) => `hue-rotate(${n}deg)`],
  [/^-hue-rotate-(\d+)$/, (n) => `hue-rotate(-${n}deg)`],
];

export function filterFromClasses(classes: string | null | undefined): string | undefined {
  const parts: string[] = [];
  for (const cls of (classes ?? '').split(/\s+/).filter(Boolean)) {
    const name = cls.replace(/^(dark:|light:)/, '');
    if (SIMPLE[name]) parts.push(SIMPLE[name]);
    for (const [re, make] of SCALED) {
      const m = re.exec(name);
      if (m) parts.push(make(m[1]!));
    }
  }
  return parts.length ? parts.join(' ') : undefined;
}
