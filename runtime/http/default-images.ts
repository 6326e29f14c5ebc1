/*
 * Packaged fallbacks for /logo and /favicon when neither the app's public/ folder nor the
 * UI build has one. Inline, so they exist in every install layout.
 */
import { escapeHtml } from './escape.js';

/**
 * The app's name as a wordmark: what the header and the welcome screen show until the app
 * puts its own `logo_light` / `logo_dark` file in public/ (or sets `ui.logo_file_url`).
 */
export function defaultLogo(theme: 'light' | 'dark', name: string): string {
  // The light theme has a light background, so its logo is dark, and the other way round.
  const color = theme === 'light' ? '#1f2937' : '#f3f4f6';
  const text = escapeHtml(name);
  // A rough width for the text (about 0.6em per character at 18px), so the SVG is not clipped.
  const width = 48 + Math.ceil(name.length * 11);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="40" viewBox="0 0 ${width} 40" role="img" aria-label="${text}">
  <rect x="2" y="6" width="28" height="28" rx="8" fill="none" stroke="${color}" stroke-width="3"/>
  <path d="M10 20h12M16 14v12" stroke="${color}" stroke-width="3" stroke-linecap="round"/>
  <text x="40" y="27" font-family="system-ui, sans-serif" font-size="18" font-weight="600" fill="${color}">${text}</text>
</svg>
`;
}

export const DEFAULT_FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <rect x="2" y="2" width="28" height="28" rx="8" fill="#1f2937"/>
  <path d="M10 16h12M16 10v12" stroke="#f3f4f6" stroke-width="3" stroke-linecap="round"/>
</svg>
`;
