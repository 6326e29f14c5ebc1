/**
 * UI strings. The catalogue comes from GET /project/translations (PROTOCOL.md §4.4, i18next
 * style nested keys); the bundled en-US catalogue fills any key the served one lacks.
 */
import { createContext, useContext } from 'react';
import enUS from '../../../translations/en-US.json' with { type: 'json' };

export type Catalogue = { [key: string]: string | Catalogue };
export type Vars = Record<string, string | number>;
export type Translate = (key: string, vars?: Vars) => string;

const bundled = enUS as Catalogue;

function lookup(cat: Catalogue | undefined, key: string): string | undefined {
  let node: string | Catalogue | undefined = cat;
  for (const part of key.split('.')) {
    if (!node || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function makeTranslate(cat: Catalogue | undefined): Translate {
  return (key, vars) => {
    const raw = lookup(cat, key) ?? lookup(bundled, key) ?? key;
    if (!vars) return raw;
    return raw.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) =>
      vars[name] !== undefined ? String(vars[name]) : '',
    );
  };
}

const LANG_RE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,4})?(-[a-zA-Z0-9]{2,8})?(-x-[a-zA-Z0-9]{1,8})?$/;

/** Browser language if the server would accept it, else en-US. */
export function browserLanguage(): string {
  const lang = navigator.language || 'en-US';
  return LANG_RE.test(lang) ? lang : 'en-US';
}

// Primary language subtags whose usual script runs right to left.
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
// Script subtags (ISO 15924) written right to left; an explicit script decides over the language.
const RTL_SCRIPTS = new Set(['adlm', 'arab', 'hebr', 'mand', 'nkoo', 'rohg', 'samr', 'syrc', 'thaa']);

/** Writing direction of a language tag: `ar-SA`, `he`, `ur`, `pa-Arab` → rtl; `en-US`, `ku-Latn` → ltr. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  const [primary = '', second] = language.toLowerCase().split('-');
  if (second && /^[a-z]{4}$/.test(second)) return RTL_SCRIPTS.has(second) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}

/** Marks the page with the language its texts are in: screen readers, fonts and bidi layout follow. */
export function applyLanguage(root: HTMLElement, language: string): void {
  root.lang = language;
  root.dir = textDirection(language);
}

export interface ServedCatalogue {
  catalogue: Catalogue;
  /** Language of `catalogue` (the server's Content-Language), which `ui.language` or a fallback may make differ from the one asked for. */
  language: string;
}

/**
 * GET /project/translations for a language. A failed request yields an empty catalogue, so
 * the bundled en-US texts show and the page is marked en-US.
 */
export async function fetchCatalogue(url: string, requested: string, init: RequestInit = { credentials: 'include' }): Promise<ServedCatalogue> {
  try {
    const res = await fetch(url, init);
    if (!res.ok) return { catalogue: {}, language: 'en-US' };
    const body = (await res.json()) as { translation?: Catalogue };
    const catalogue = body.translation ?? {};
    const served = res.headers.get('content-language');
    const language = served && LANG_RE.test(served) ? served : Object.keys(catalogue).length ? requested : 'en-US';
    return { catalogue, language };
  } catch {
    return { catalogue: {}, language: 'en-US' };
  }
}

export const I18nContext = createContext<Translate>(makeTranslate(undefined));

export function useT(): Translate {
  return useContext(I18nContext);
}
