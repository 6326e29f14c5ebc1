import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { ChainlitRtError } from '../../errors.js';
import { addressAllowed, isIpLiteral, type PrivateAddressPolicy } from './address.js';

/** The fetch the MCP SDK's HTTP transports accept (`FetchLike`). */
export type McpFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** Refused by the address policy; the message is safe to show. */
export function addressRefused(message: string): ChainlitRtError {
  return new ChainlitRtError('CRT_MCP_REFUSED', message, { expose: true, status: 400 });
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Checks what can be checked from the URL alone: the scheme, and a host given as an IP literal. */
export function checkUrl(url: URL, policy: PrivateAddressPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw addressRefused(`Only http and https MCP URLs are allowed, not ${url.protocol}`);
  if (isIpLiteral(url.hostname) && !addressAllowed(url.hostname, policy)) {
    throw addressRefused(`MCP URL refused: ${url.hostname} is a private, loopback or link-local address`);
  }
}

/**
 * Resolves a name as `net.connect` would and refuses it when any of its addresses is not
 * public. It is the lookup of the socket itself, so the address checked is the address
 * connected to: a name that resolves to a public address for a check and to 127.0.0.1 for
 * the connection (DNS rebinding) finds nothing to exploit.
 */
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(policy: PrivateAddressPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => lookupChecked(policy, hostname, options, callback);
}

function lookupChecked(policy: PrivateAddressPolicy, hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void {
  dnsLookup(hostname, { family: typeof options.family === 'number' ? options.family : 0, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    let refused: LookupAddress | undefined;
    try {
      refused = addresses.find((a) => !addressAllowed(a.address, policy));
    } catch (policyErr) {
      return callback(policyErr as NodeJS.ErrnoException, []);
    }
    if (refused) return callback(addressRefused(`MCP URL refused: ${hostname} resolves to ${refused.address}, a private, loopback or link-local address`) as NodeJS.ErrnoException, []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(addressRefused(`MCP URL refused: ${hostname} has no address`) as NodeJS.ErrnoException, []);
    callback(null, first.address, first.family);
  });
}

/** The refusal inside undici's `TypeError: fetch failed`, when that is why it failed. */
function refusalIn(err: unknown): ChainlitRtError | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof ChainlitRtError && (e.code === 'CRT_MCP_REFUSED' || e.code === 'CRT_CONFIG')) return e;
  }
  return undefined;
}

/**
 * Resolves a URL's host name ahead of connecting, for a clear refusal before anything is
 * sent. It is not what makes the policy hold (a name may resolve differently a moment
 * later): the socket's own lookup below checks again.
 */
export async function checkResolved(url: URL, policy: PrivateAddressPolicy): Promise<void> {
  checkUrl(url, policy);
  if (isIpLiteral(url.hostname)) return;
  await new Promise<void>((resolve, reject) => {
    lookupChecked(policy, url.hostname, { all: true }, (err) => (err ? reject(err) : resolve()));
  });
}

export interface GuardedFetch {
  fetch: McpFetch;
  /** Closes the connection pool (the connection's sockets go with it). */
  close(): Promise<void>;
}

/**
 * A fetch for client-chosen MCP URLs (CVE-2026-45019 was SSRF through these transports).
 * Every request, and every redirect hop (followed here, one at a time, never by undici),
 * is checked: the scheme, an IP-literal host, and — through the socket's own lookup — the
 * address a name resolves to. `policy` is the manifest's
 * `features.mcp.allow_private_addresses` (address.ts).
 */
export function createGuardedFetch(policy: PrivateAddressPolicy): GuardedFetch {
  const agent = new Agent({ connect: { lookup: guardedLookup(policy) } });
  const once = async (url: URL, init: UndiciRequestInit): Promise<Response> => {
    checkUrl(url, policy);
    try {
      // undici's Response is the web Response the SDK expects (Node's global fetch is undici too).
      return (await undiciFetch(url, { ...init, dispatcher: agent })) as unknown as Response;
    } catch (err) {
      throw refusalIn(err) ?? err;
    }
  };
  const guarded: McpFetch = async (input, init) => {
    let url = new URL(input);
    let current = { ...(init as UndiciRequestInit | undefined) };
    const mode = current.redirect ?? 'follow';
    if (mode !== 'follow') return once(url, current);
    for (let hop = 0; ; hop += 1) {
      const response = await once(url, { ...current, redirect: 'manual' });
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location) return response;
      await response.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw addressRefused('MCP URL refused: too many redirects');
      url = new URL(location, url);
      const method = (current.method ?? 'GET').toUpperCase();
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        current = { ...current, method: 'GET', body: undefined };
      }
    }
  };
  return { fetch: guarded, close: () => agent.close() };
}
