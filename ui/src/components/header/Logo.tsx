/** App logo for the current theme: ui.logo_file_url, else /logo?theme=<variant>. */
import { useApp, useController } from '../../app/context.js';

export function Logo({ className }: { className?: string }) {
  const c = useController();
  const variant = useApp((s) => s.variant);
  const custom = useApp((s) => s.settings?.ui.logo_file_url);
  const name = useApp((s) => s.settings?.ui.name ?? '');
  const src = custom || c.api.url(`/logo?theme=${variant}`);
  return <img src={src} alt={name} className={`logo ${className ?? ''}`} />;
}
