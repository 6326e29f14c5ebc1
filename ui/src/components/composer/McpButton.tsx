/**
 * The composer's MCP button (`svg.lucide-plug`, DOM-CONTRACT §6) and the #mcp-servers
 * dialog (§16): connected servers with their tools, a form to add one per enabled
 * transport (#server-name, #server-type, #server-command, #server-url, #http-url,
 * #headers), a remove button per server, and the server's refusal shown as is.
 */
import { useState } from 'react';
import { useStore } from '../../client/react.js';
import type { McpClientType } from '../../client/mcp.js';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Dialog } from '../ui/Dialog.js';
import { Plug, Trash2 } from '../ui/icons.js';
import { Tip } from '../ui/Tip.js';

interface McpFeature {
  enabled?: boolean;
  sse?: { enabled?: boolean };
  streamable_http?: { enabled?: boolean };
  stdio?: { enabled?: boolean };
}

/** The transports the current profile allows (none when MCP is off). */
export function useMcpTransports(): McpClientType[] {
  const mcp = useApp((s) => s.settings?.features.mcp as McpFeature | undefined);
  if (!mcp?.enabled) return [];
  const types: McpClientType[] = [];
  if (mcp.stdio?.enabled !== false) types.push('stdio');
  if (mcp.sse?.enabled !== false) types.push('sse');
  if (mcp.streamable_http?.enabled !== false) types.push('streamable-http');
  return types;
}

const TYPE_LABEL: Record<McpClientType, string> = { stdio: 'chat.mcp.types.stdio', sse: 'chat.mcp.types.sse', 'streamable-http': 'chat.mcp.types.http' };

/** `{"Authorization": "Bearer x"}` or `Key: value` lines; null when neither. */
function parseHeaders(text: string): Record<string, string> | null {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      const entries = Object.entries(parsed as Record<string, unknown>);
      return entries.every(([, v]) => typeof v === 'string') ? Object.fromEntries(entries) as Record<string, string> : null;
    } catch {
      return null;
    }
  }
  const headers: Record<string, string> = {};
  for (const line of trimmed.split('\n')) {
    const at = line.indexOf(':');
    if (at <= 0) return null;
    headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}

function AddServerForm({ types }: { types: McpClientType[] }) {
  const t = useT();
  const c = useController();
  const [name, setName] = useState('');
  const [type, setType] = useState<McpClientType>(types.includes('streamable-http') ? 'streamable-http' : types[0]!);
  const [command, setCommand] = useState('');
  const [url, setUrl] = useState('');
  const [headersText, setHeadersText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = types.includes(type) ? type : types[0]!;

  const submit = async () => {
    if (name.trim() === '') return setError(t('chat.mcp.errors.nameRequired'));
    const headers = current === 'stdio' ? {} : parseHeaders(headersText);
    if (headers === null) return setError(t('chat.mcp.errors.headers'));
    setBusy(true);
    setError(null);
    const failure = await c.mcp.add(current === 'stdio'
      ? { name: name.trim(), clientType: 'stdio', command }
      : { name: name.trim(), clientType: current, url, headers });
    setBusy(false);
    if (failure) return setError(failure);
    setName('');
    setCommand('');
    setUrl('');
    setHeadersText('');
  };

  return (
    <form className="mcp-add" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3 className="mcp-heading">{t('chat.mcp.add')}</h3>
      <div className="field">
        <label htmlFor="server-name" className="field-label">{t('chat.mcp.name')}</label>
        <input id="server-name" className="input" value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="server-type" className="field-label">{t('chat.mcp.type')}</label>
        <select id="server-type" className="input" value={current} onChange={(e) => setType(e.target.value as McpClientType)}>
          {types.map((ty) => <option key={ty} value={ty}>{t(TYPE_LABEL[ty])}</option>)}
        </select>
      </div>
      {current === 'stdio' ? (
        <div className="field">
          <label htmlFor="server-command" className="field-label">{t('chat.mcp.command')}</label>
          <input id="server-command" className="input" value={command} placeholder="npx -y @modelcontextprotocol/server-everything" onChange={(e) => setCommand(e.target.value)} />
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={current === 'sse' ? 'server-url' : 'http-url'} className="field-label">{t('chat.mcp.url')}</label>
            <input
              id={current === 'sse' ? 'server-url' : 'http-url'}
              className="input"
              value={url}
              placeholder={current === 'sse' ? 'https://example.com/sse' : 'https://example.com/mcp'}
              onChange={(e) => setUrl(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="headers" className="field-label">{t('chat.mcp.headers')}</label>
            <textarea id="headers" className="input" rows={2} value={headersText} placeholder="Authorization: Bearer …" onChange={(e) => setHeadersText(e.target.value)} />
          </div>
        </>
      )}
      {error ? <p className="mcp-error" role="alert">{error}</p> : null}
      <div className="mcp-actions">
        <button type="submit" id="mcp-connect" className="button button-primary" disabled={busy}>{t('chat.mcp.connect')}</button>
      </div>
    </form>
  );
}

function ServerList() {
  const t = useT();
  const c = useController();
  const servers = useStore(c.mcp.store, (s) => s.servers);
  const [error, setError] = useState<string | null>(null);
  if (servers.length === 0) return <p className="muted small mcp-empty">{t('chat.mcp.empty')}</p>;
  return (
    <ul className="mcp-servers">
      {servers.map((s) => (
        <li key={s.name} className="mcp-server" data-name={s.name} data-status={s.status}>
          <div className="mcp-server-head">
            <span className="mcp-server-name">{s.name}</span>
            <span className="mcp-server-status muted small">{t(`chat.mcp.status.${s.status}`)}</span>
            <button
              type="button"
              className="icon-button mcp-remove"
              aria-label={`${t('chat.mcp.remove')} ${s.name}`}
              onClick={() => void c.mcp.remove(s.name).then(setError)}
            >
              <Trash2 size={16} />
            </button>
          </div>
          {s.error ? <p className="mcp-error small">{s.error}</p> : null}
          {s.tools.length > 0 ? (
            <ul className="mcp-tools">
              {s.tools.map((tool) => <li key={tool.name} className="mcp-tool" title={tool.description}>{tool.name}</li>)}
            </ul>
          ) : s.status === 'connected' ? <p className="muted small">{t('chat.mcp.noTools')}</p> : null}
        </li>
      ))}
      {error ? <li className="mcp-error" role="alert">{error}</li> : null}
    </ul>
  );
}

export function McpButton({ connected }: { connected: boolean }) {
  const t = useT();
  const types = useMcpTransports();
  const [open, setOpen] = useState(false);
  if (types.length === 0) return null;
  return (
    <>
      <Tip text={t('chat.mcp.button')}>
        <button type="button" id="mcp-button" className="icon-button" aria-label={t('chat.mcp.button')} disabled={!connected} onClick={() => setOpen(true)}>
          <Plug size={18} />
        </button>
      </Tip>
      <Dialog open={open} onOpenChange={setOpen} id="mcp-servers" title={t('chat.mcp.title')} description={t('chat.mcp.description')} className="mcp-dialog">
        <ServerList />
        <AddServerForm types={types} />
      </Dialog>
    </>
  );
}
