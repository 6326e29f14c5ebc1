/**
 * `@/lib/utils` for custom elements: `cn()` joins class names (strings, arrays, objects of
 * flags), like clsx. shadcn's version also merges conflicting Tailwind classes; ours keeps
 * them all, and the later one wins in the CSS since kit rules are single-class and come first.
 */
export type ClassValue = string | number | null | undefined | false | ClassValue[] | { [name: string]: unknown };

export function cn(...inputs: ClassValue[]): string {
  const out: string[] = [];
  const add = (v: ClassValue): void => {
    if (!v) return;
    if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
    else if (Array.isArray(v)) v.forEach(add);
    else for (const [k, on] of Object.entries(v)) if (on) out.push(k);
  };
  inputs.forEach(add);
  return out.join(' ');
}

/** The class of the Tailwind scope (runtime/elements/tailwind.ts) for portals' content. */
export const SCOPE = 'cl-tw';
