import ipaddr from 'ipaddr.js';
import { ChainlitRtError } from '../../errors.js';

/**
 * Whether an IP address is one a client-chosen MCP URL may reach: a public unicast address.
 * Everything else — loopback, private (10/8, 172.16/12, 192.168/16), link-local (cloud
 * metadata at 169.254.169.254), unique-local IPv6, carrier-grade NAT, unspecified,
 * multicast, reserved, and IPv6 forms that embed an IPv4 address (IPv4-mapped `::ffff:…`,
 * NAT64, 6to4, Teredo) — is refused, so `::ffff:127.0.0.1` is as closed as `127.0.0.1`.
 * Text that is not an IP address is refused too (the caller resolves names first).
 */
export function isPublicAddress(address: string): boolean {
  // `[::1]` as it appears in a URL host.
  const text = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(text)) return false;
  let parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/**
 * Whether a URL host is an IP literal. The WHATWG URL parser already normalises the odd
 * forms (`2130706433`, `0x7f.1`, `0177.0.0.1` all become `127.0.0.1`), so checking the
 * parsed `hostname` covers them.
 */
export function isIpLiteral(hostname: string): boolean {
  const text = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(text) && (text.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(text));
}

/** `features.mcp.allow_private_addresses`: none, all, or these addresses and networks. */
export type PrivateAddressPolicy = boolean | readonly string[];

function parseNetwork(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  try {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    throw new ChainlitRtError('CRT_CONFIG', `features.mcp.allow_private_addresses: "${entry}" is not an IP address or CIDR network`, { expose: true });
  }
}

/**
 * Whether a client-chosen MCP URL may reach an address: public addresses always; the
 * others only as the policy allows. An IPv4-mapped IPv6 address is judged as its IPv4
 * address, so allowing `127.0.0.1` allows `::ffff:127.0.0.1` and nothing more.
 */
export function addressAllowed(address: string, policy: PrivateAddressPolicy): boolean {
  if (isPublicAddress(address)) return true;
  if (policy === true) return true;
  if (policy === false) return false;
  const text = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(text)) return false;
  let parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return policy.some((entry) => {
    const [network, bits] = parseNetwork(entry);
    return network.kind() === parsed.kind() && parsed.match(network, bits);
  });
}
