import dns from 'node:dns';
import { z } from 'zod';
import { KernelError } from '../errors.js';
import { netError } from '../net/errors.js';
import { hostOfUrl, normalizeHost, parseHttpUrl } from '../net/host.js';
import { httpRequest } from '../net/http.js';
import { pinHost, type Pinned } from '../net/resolve.js';
import type { Process } from '../proc/table.js';
import { defineSyscall } from '../syscall.js';
import { decode } from './data-args.js';

/** A URL's host and port (the scheme's default when not written), checked and resolved. */
const pinUrl = (proc: Process, url: URL) => pinHost(proc, hostOfUrl(url), Number(url.port || (url.protocol === 'https:' ? 443 : 80)));

const RECORD_TYPES = ['lookup', 'A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV'] as const;

export const netSyscalls = [
  defineSyscall({
    name: 'net.http',
    doc: 'An HTTP(S) request. Needs NETWORK_ACCESS for the URL\'s host (or host:port), for every address it resolves to (private and loopback addresses must be granted as such), and the same for every redirect followed.',
    args: () => z.object({
      url: z.string().min(1).max(8192).describe('an http:// or https:// URL'),
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET').describe('the HTTP method'),
      headers: z.record(z.string(), z.string()).default({}).describe('request headers, name to value'),
      body: z.string().max(64 * 1024 * 1024).optional().describe('the request body (text, or base64 with encoding)'),
      encoding: z.enum(['utf8', 'base64']).default('utf8').describe('of the request body and of the response body returned'),
      timeout_ms: z.number().int().min(1).max(300_000).default(30_000).describe('for the whole exchange, redirects included'),
      max_bytes: z.number().int().min(0).max(64 * 1024 * 1024).default(10 * 1024 * 1024).describe('response bytes kept; the rest is not downloaded'),
      follow_redirects: z.boolean().default(true).describe('follow 3xx redirects (each checked like the first URL)'),
    }),
    caps: [{ cap: 'NETWORK_ACCESS', check: (_k, proc, a) => pinUrl(proc, parseHttpUrl(a.url)) }],
    returns: '{status, status_text, url, redirects, headers, body, bytes, truncated}',
    async run(ctx, a) {
      const url = parseHttpUrl(a.url);
      if (a.body !== undefined && (a.method === 'GET' || a.method === 'HEAD')) throw new KernelError('EINVAL', `a ${a.method} request has no body; use POST or PUT`);
      const r = await httpRequest({
        method: a.method,
        url,
        pinned: ctx.checked.NETWORK_ACCESS as Pinned,
        headers: a.headers,
        body: a.body === undefined ? undefined : decode(a.body, a.encoding),
        timeoutMs: a.timeout_ms,
        maxBytes: a.max_bytes,
        allow(next, location) {
          if (!a.follow_redirects) throw new KernelError('EIO', `${url.href} redirects to ${next.href} (pass follow_redirects=true to follow)`);
          // The host as the server spelled it, so an odd spelling is refused here as in a caller's URL.
          const written = /^[a-z][a-z0-9+.-]*:/i.test(location) ? location : location.startsWith('//') ? `${next.protocol}${location}` : next.href;
          return pinUrl(ctx.proc, parseHttpUrl(written));
        },
      });
      ctx.read(r.body.length);
      return { ...r, body: r.body.toString(a.encoding), bytes: r.body.length };
    },
  }),
  defineSyscall({
    name: 'net.dns',
    doc: 'Look a host name up: its addresses (lookup, as connections see them) or DNS records of a type.',
    args: () => z.object({
      host: z.string().min(1).max(255).describe('the host name'),
      type: z.enum(RECORD_TYPES).default('lookup').describe('lookup (system resolver, /etc/hosts included) or a DNS record type'),
    }),
    caps: [{ cap: 'NETWORK_ACCESS', target: (a: { host?: string }) => (a.host === undefined ? undefined : normalizeHost(a.host)) }],
    returns: '{host, type, addresses} or {host, type, records}',
    async run(ctx, a) {
      const host = ctx.targets.NETWORK_ACCESS ?? normalizeHost(a.host);
      try {
        if (a.type === 'lookup') {
          const found = await dns.promises.lookup(host, { all: true });
          return { host, type: a.type, addresses: found.map((f) => ({ address: f.address, family: f.family === 6 ? 'IPv6' : 'IPv4' })) };
        }
        const records: unknown = await dns.promises.resolve(host, a.type);
        return { host, type: a.type, records };
      } catch (e) {
        throw netError(e, `dns ${a.type} ${host}`);
      }
    },
  }),
];
