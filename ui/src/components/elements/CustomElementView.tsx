/**
 * Custom JSX element (`.inline-custom`, `.side-custom`, `.page-custom`): the module the
 * server compiled (`GET <root>/elements/<Name>.js`, docs/elements.md) is imported, its
 * `createElement(scope)` called per instance and again when `props` change, and the
 * component rendered inside an error boundary. The container carries `cl-tw`, the scope
 * of the Tailwind CSS the server builds for element JSX (linked once, on first use).
 */
import { useEffect, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import type { Api } from '../../client/api.js';
import type { IElement } from '../../client/types.js';
import { useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { instantiate, loadedModule } from './custom-modules.js';
import { makeScope, type ElementScope, type Props } from './custom-scope.js';
import { ElementBoundary, ElementStatus } from './ElementBoundary.js';

interface ElementModule {
  default: (scope: ElementScope) => ComponentType;
  error?: { file: string; line: number; column: number; message: string } | null;
}

const modules = new Map<string, Promise<ElementModule>>();

function importElement(api: Api, name: string): Promise<ElementModule> {
  const url = api.url(`/elements/${encodeURIComponent(name)}.js`);
  let p = modules.get(url);
  if (!p) {
    p = import(/* webpackIgnore: true */ url) as Promise<ElementModule>;
    p.catch(() => modules.delete(url));
    modules.set(url, p);
  }
  return p;
}

function linkTailwind(api: Api): void {
  if (document.querySelector('link[data-crt-tailwind]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = api.url('/elements/tailwind.css');
  link.dataset.crtTailwind = '';
  document.head.appendChild(link);
}

const EMPTY: Props = {};

/** Builds the component for these props (inside the boundary, so a throw is shown). */
function Instance({ mod, props, makeScopeFor }: { mod: ElementModule; props: Props; makeScopeFor: (p: Props) => ElementScope }) {
  const Comp = useMemo(() => mod.default(makeScopeFor(props)), [mod, props, makeScopeFor]);
  const recoil = loadedModule('recoil') as { RecoilRoot?: ComponentType<{ children: ReactNode }> } | undefined;
  const body = <Comp />;
  // Recoil hooks need a root; Chainlit renders elements inside its app's.
  return recoil?.RecoilRoot ? <recoil.RecoilRoot>{body}</recoil.RecoilRoot> : body;
}

type LoadState = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; mod: ElementModule };

export function CustomElementView({ element, display }: { element: IElement; display: string }) {
  const t = useT();
  const c = useController();
  const latest = useRef(element);
  latest.current = element;
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const props = element.props ?? EMPTY;
  const makeScopeFor = useMemo(
    () => (p: Props) => makeScope(p, { api: c.api, session: c.session, current: () => latest.current }),
    [c],
  );

  useEffect(() => {
    linkTailwind(c.api);
    let live = true;
    importElement(c.api, element.name)
      // Loads every module the element imports before the first render.
      .then(async (mod) => {
        if (typeof mod.default !== 'function') throw new Error('the module has no createElement export');
        await instantiate(() => mod.default(makeScopeFor(latest.current.props ?? EMPTY)));
        return mod;
      })
      .then(
        (mod) => live && setLoad({ state: 'ready', mod }),
        (err: unknown) => live && setLoad({ state: 'error', error: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
  }, [c, element.name, makeScopeFor]);

  let body: ReactNode;
  if (load.state === 'loading') body = <ElementStatus text={t('components.elements.loading', { name: element.name })} />;
  else if (load.state === 'error') {
    body = (
      <pre className="custom-element-error" role="alert">
        {t('components.elements.custom.failed', { name: element.name, error: load.error })}
      </pre>
    );
  } else {
    body = (
      <ElementBoundary className="custom-element-error" label={t('components.elements.custom.crashed', { name: element.name })} resetKey={props}>
        <Instance mod={load.mod} props={props} makeScopeFor={makeScopeFor} />
      </ElementBoundary>
    );
  }
  return (
    <div className={`${display}-custom custom-element cl-tw`} data-element-name={element.name}>
      {body}
    </div>
  );
}
