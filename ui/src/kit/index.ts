/**
 * The `@/components/ui/<name>` modules custom elements import (shadcn-style names and
 * APIs, on Radix). Each is its own lazy chunk: the main bundle only holds this table.
 */
export const kitLoaders: Record<string, () => Promise<object>> = {
  accordion: () => import('./accordion.js'),
  'aspect-ratio': () => import('./aspect-ratio.js'),
  avatar: () => import('./avatar.js'),
  badge: () => import('./badge.js'),
  button: () => import('./button.js'),
  card: () => import('./card.js'),
  carousel: () => import('./carousel.js'),
  checkbox: () => import('./checkbox.js'),
  command: () => import('./command.js'),
  dialog: () => import('./dialog.js'),
  'dropdown-menu': () => import('./dropdown-menu.js'),
  form: () => import('./form.js'),
  'hover-card': () => import('./hover-card.js'),
  input: () => import('./input.js'),
  label: () => import('./label.js'),
  pagination: () => import('./pagination.js'),
  popover: () => import('./popover.js'),
  progress: () => import('./progress.js'),
  'scroll-area': () => import('./scroll-area.js'),
  separator: () => import('./separator.js'),
  select: () => import('./select.js'),
  sheet: () => import('./sheet.js'),
  skeleton: () => import('./skeleton.js'),
  switch: () => import('./switch.js'),
  table: () => import('./table.js'),
  textarea: () => import('./textarea.js'),
  tooltip: () => import('./tooltip.js'),
};
