import { isIPv4, isIPv6 } from 'node:net';
import { KernelError } from '../errors.js';
import type { Process } from '../proc/table.js';
import type { Grant } from '../sandbox/capabilities.js';
import { decide, denied, type CheckResult } from '../sandbox/policy.js';

/** Hosts a process may bind without NETWORK_ACCESS: this machine only. */
export const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopback = (host: string) => LOOPBACK.has(host);

/**
 * A host as the WHATWG URL parser understands it (lower case, IDN to punycode, IPv6
 * compressed), so that a check and the connection see the same name. IPv4 written
 * any other way than dotted decimal (2130706433, 0177.0.0.1, 127.1, %31) is refused:
 * such spellings exist to slip past allowlists.
 */
export function normalizeHost(raw: string): string {
  const given = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (!given || /[\s/?#@\\]/.test(given)) throw new KernelError('EINVAL', `"${raw}" is not a host name or address`);
  let url: URL;
  try {
    url = new URL(`http://${isIPv6(given) ? `[${given}]` : given}/`);
  } catch {
    throw new KernelError('EINVAL', `"${raw}" is not a host name or address`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  refuseOddAddress(given, host);
  return host;
}

function refuseOddAddress(given: string, host: string) {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(bare) && given.toLowerCase() !== bare) {
    throw new KernelError('EINVAL', `"${given}" is an unusual spelling of the address ${bare}; write ${bare}`);
  }
  const v4 = isIPv6(bare) ? embeddedIPv4(bare) : undefined;
  if (v4) throw new KernelError('EINVAL', `"${given}" is the IPv4 address ${v4} in IPv6 form; write ${v4}`);
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or -compatible (::a.b.c.d) IPv6 address. */
export function embeddedIPv4(v6: string): string | undefined {
  const [head, tail] = v6.includes('::') ? v6.split('::') : [v6, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right].map((g) => parseInt(g, 16));
  if (groups.length !== 8 || groups.slice(0, 5).some((g) => g !== 0) || (groups[5] !== 0 && groups[5] !== 0xffff)) return undefined;
  const [hi, lo] = [groups[6]!, groups[7]!];
  if (groups[5] === 0 && hi === 0) return undefined; // :: and ::1 are IPv6's own
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** An http(s) URL, parsed; its host is checked like any other. Other schemes are refused. */
export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new KernelError('EINVAL', `"${raw.slice(0, 200)}" is not a URL (write http://host/path)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new KernelError('EINVAL', `only http and https URLs are allowed, not ${url.protocol.replace(/:$/, '')}`);
  const authority = /^[a-z][a-z0-9+.-]*:\/*(?:[^@/?#\\]*@)?(\[[^\]]*\]|[^:/?#\\]*)/i.exec(raw.trim())?.[1] ?? '';
  refuseOddAddress(authority.replace(/^\[(.*)\]$/, '$1'), url.hostname);
  return url;
}

export const hostOfUrl = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** `host:port`, with brackets around IPv6 so the port stays separate. */
export const hostPort = (host: string, port: number) => `${isIPv6(host) ? `[${host}]` : host}:${port}`;

/**
 * NETWORK_ACCESS for a connection: a grant naming `host:port` decides when there is
 * one (it is the more specific rule); otherwise grants naming the host do. Without a
 * port (an HTTP URL's default, say) only host rules apply.
 */
export function decideConnect(grants: readonly Grant[], host: string, port?: number): CheckResult {
  if (port !== undefined) {
    const exact = decide(grants, 'NETWORK_ACCESS', hostPort(host, port));
    if (exact.rule?.scope?.some((p) => /:\d+$/.test(p) && !isIPv6(p))) return exact;
  }
  return decide(grants, 'NETWORK_ACCESS', host);
}

export function checkConnect(proc: Process, host: string, port?: number) {
  const r = decideConnect(proc.grants, host, port);
  if (!r.allowed) throw denied('NETWORK_ACCESS', r, port === undefined ? host : hostPort(host, port));
}
