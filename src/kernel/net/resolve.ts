import dns from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { KernelError, refusal } from '../errors.js';
import type { Process } from '../proc/table.js';
import { CAPABILITIES } from '../sandbox/capabilities.js';
import { netError } from './errors.js';
import { checkConnect, decideConnect, embeddedIPv4, hostPort, isLoopback } from './host.js';

/** Where a connection may go: the name as checked, and every address it resolved to, each checked. */
export interface Pinned {
  host: string;
  addresses: { address: string; family: 4 | 6 }[];
}

/**
 * This machine and private networks. A name reaches these only when a grant covers the
 * address itself: otherwise a granted internet name that its DNS points here (rebinding)
 * would open the loopback services, the LAN or the cloud metadata endpoint.
 */
const INTERNAL: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'a "this host" address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a shared (carrier NAT) address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address (cloud metadata lives here)'],
  ['224.0.0.0', 3, 'ipv4', 'a multicast or reserved address'],
  ['::', 128, 'ipv6', 'the unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['fc00::', 7, 'ipv6', 'a private (unique local) address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
];
const ranges = INTERNAL.map(([net, prefix, type, what]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return { list, type, what };
});

/** What kind of internal address this is, or undefined for a public one. */
export function internalKind(address: string): string | undefined {
  const v4 = isIP(address) === 6 ? embeddedIPv4(address) : address;
  if (v4) return ranges.find((r) => r.type === 'ipv4' && r.list.check(v4, 'ipv4'))?.what;
  return ranges.find((r) => r.type === 'ipv6' && r.list.check(address, 'ipv6'))?.what;
}

/** `localhost` and `*.localhost` always mean this machine (RFC 6761): their loopback answer is no rebinding. */
const isLocalName = (host: string) => /(^|\.)localhost\.?$/.test(host);

/**
 * Check a connection the way it will be made: the name as written, then every address the
 * system resolver gives for it (deny wins: one refused address refuses the name). The
 * caller connects only to the addresses returned, so a second lookup cannot lead elsewhere.
 */
export async function pinHost(proc: Process, host: string, port?: number): Promise<Pinned> {
  checkConnect(proc, host, port);
  const pin = await lookupAll(host);
  if (!isIP(host)) for (const { address } of pin.addresses) checkAddress(proc, host, address, port);
  return pin;
}

/**
 * Where a socket may bind, checked the way `pinHost` checks a connection. Loopback
 * (127.0.0.1, ::1, and localhost while it resolves only to loopback) needs no grant;
 * any other host needs NETWORK_ACCESS for the name and for each address it resolves to.
 * The socket binds a pinned address, never the name, so no later lookup can move it.
 */
export async function pinBind(proc: Process, host: string): Promise<Pinned> {
  if (isLoopback(host)) {
    const pin = await lookupAll(host);
    if (pin.addresses.every((a) => internalKind(a.address) === 'a loopback address')) return pin;
  }
  return pinHost(proc, host);
}

/** Every address the system resolver gives for a name (an address stands for itself). */
async function lookupAll(host: string): Promise<Pinned> {
  if (isIP(host)) return { host, addresses: [{ address: host, family: isIP(host) as 4 | 6 }] };
  let found: dns.LookupAddress[];
  try {
    found = await dns.promises.lookup(host, { all: true });
  } catch (e) {
    throw netError(e, `looking up ${host}`);
  }
  if (!found.length) throw new KernelError('ENOENT', `looking up ${host}: host not found`);
  const addresses = found.map((f) => {
    const v4 = f.family === 6 ? embeddedIPv4(f.address) : undefined;
    return v4 ? { address: v4, family: 4 as const } : { address: f.address, family: f.family as 4 | 6 };
  });
  return { host, addresses };
}

function checkAddress(proc: Process, host: string, address: string, port?: number) {
  const r = decideConnect(proc.grants, address, port);
  const where = port === undefined ? address : hostPort(address, port);
  if (r.rule) {
    if (r.allowed) return;
    throw refusal('EACCES', `permission denied: ${host} resolves to ${address}, and ${CAPABILITIES.NETWORK_ACCESS.display} is denied for ${where} (needs NETWORK_ACCESS)`, where);
  }
  const kind = internalKind(address);
  if (!kind || (isLocalName(host) && kind === 'a loopback address')) return;
  throw refusal('EACCES', `permission denied: ${host} resolves to ${address}, ${kind} the grants do not allow; grant ${where} itself to reach it (needs NETWORK_ACCESS)`, where);
}

/** A `lookup` for node:net and node:http that answers only with the pinned addresses. */
export function pinnedLookup(pin: Pinned) {
  return (hostname: string, options: dns.LookupOptions, callback: (...args: any[]) => void) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    const ok = pin.addresses.filter((a) => family === undefined || a.family === family);
    if (hostname.replace(/^\[(.*)\]$/, '$1') !== pin.host || !ok.length) {
      const err = Object.assign(new Error(`${hostname} was not the checked host ${pin.host}`), { code: 'ENOTFOUND' });
      return void callback(err);
    }
    if (options.all) callback(null, ok);
    else callback(null, ok[0]!.address, ok[0]!.family);
  };
}
