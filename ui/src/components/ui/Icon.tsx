/**
 * Lucide icon by name (actions, commands, starters, step icons use names on the wire).
 * The full icon map is a lazy chunk: fetched the first time a named icon is shown.
 */
import { useEffect, useState, type ComponentType } from 'react';
import type { LucideProps } from 'lucide-react';

type IconMap = Record<string, ComponentType<LucideProps>>;
let iconMap: IconMap | null = null;
let loading: Promise<IconMap> | null = null;

function loadIcons(): Promise<IconMap> {
  // The module namespace, not `icons`: it also carries the renamed icons' old names.
  loading ??= import('lucide-react').then((m) => (iconMap = m as unknown as IconMap));
  return loading;
}

export function pascalIconName(name: string): string {
  return name
    .trim()
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

export function NamedIcon({ name, ...props }: { name: string } & LucideProps) {
  const [map, setMap] = useState<IconMap | null>(iconMap);
  useEffect(() => {
    if (!map) void loadIcons().then(setMap);
  }, [map]);
  if (!map) return <span className="icon-placeholder" aria-hidden="true" />;
  const Comp = map[pascalIconName(name)] ?? map[name];
  if (!Comp) return null;
  return <Comp aria-hidden="true" {...props} />;
}
