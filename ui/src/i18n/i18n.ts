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

export const I18nContext = createContext<Translate>(makeTranslate(undefined));

export function useT(): Translate {
  return useContext(I18nContext);
}
