import type { IncomingMessage } from 'node:http';
import { KernelError } from '../errors.js';
import { netError } from './errors.js';
import { pinnedLookup, type Pinned } from './resolve.js';

export const REDIRECT_LIMIT = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Set by the client from the URL and body; a caller setting them could smuggle requests. */
const RESERVED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'upgrade', 'keep-alive', 'te', 'trailer']);
/** Credentials that must not follow a redirect to another origin. */
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];

export interface HttpRequest {
  method: string;
  url: URL;
  /** The first URL's host, checked and resolved (resolve.ts). */
  pinned: Pinned;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  maxBytes: number;
  /**
   * Called for every URL a redirect leads to, before it is fetched: checks and resolves it,
   * or throws to refuse. `location` is the header as the server wrote it.
   */
  allow(url: URL, location: string): Promise<Pinned>;
}

export interface HttpResponse {
  status: number;
  status_text: string;
  url: string;
  redirects: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
}

/**
 * One HTTP exchange, following redirects ourselves so that every hop is checked against
 * the caller's grants. Each hop connects only to the addresses its check resolved
 * (node:http with a pinned lookup; TLS still verifies the certificate for the name), so
 * DNS answering differently the second time cannot lead the request elsewhere.
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    const name = k.toLowerCase();
    if (RESERVED_HEADERS.has(name)) throw new KernelError('EINVAL', `header "${k}" is set by the kernel, not the caller`);
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name) || /[\r\n\0]/.test(v)) throw new KernelError('EINVAL', `header "${k}" has an invalid name or value`);
    headers[name] = v;
  }
  const signal = AbortSignal.timeout(req.timeoutMs);
  let url = req.url;
  let pinned = req.pinned;
  let method = req.method.toUpperCase();
  let body = req.body;
  for (let hops = 0; ; hops++) {
    const what = `${method} ${url.origin}`;
    const res = await send(url, pinned, method, headers, body, signal, what);
    const location = res.headers.location;
    if (REDIRECTS.has(res.statusCode ?? 0) && location) {
      res.destroy();
      if (hops >= REDIRECT_LIMIT) throw new KernelError('ELOOP', `more than ${REDIRECT_LIMIT} redirects from ${req.url.href}`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new KernelError('EIO', `${url.href} redirected to an invalid URL`);
      }
      pinned = await req.allow(next, location);
      // As browsers do: 303, and 301/302 after a POST, continue as a GET without a body.
      if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        delete headers['content-type'];
      }
      if (next.origin !== url.origin) for (const h of CREDENTIALS) delete headers[h];
      url = next;
      continue;
    }
    const { data, truncated } = await readLimited(res, req.maxBytes, signal, `${method} ${url.href}`);
    return {
      status: res.statusCode ?? 0,
      status_text: res.statusMessage ?? '',
      url: url.href,
      redirects: hops,
      headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
      body: data,
      truncated,
    };
  }
}

/** One request to the pinned addresses; resolves with the response head. */
async function send(url: URL, pinned: Pinned, method: string, headers: Record<string, string>, body: Buffer | undefined, signal: AbortSignal, what: string): Promise<IncomingMessage> {
  // Loaded on first use: most kernels (a one-shot CLI command) never make a request.
  const client = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method, headers, signal, agent: false, lookup: pinnedLookup(pinned) as never }, resolve);
    request.on('error', (e) => reject(signal.aborted ? new KernelError('ETIMEDOUT', `${what}: timed out`) : netError(e, what)));
    request.end(body);
  });
}

/** The body up to maxBytes; the rest is not downloaded. */
function readLimited(res: IncomingMessage, maxBytes: number, signal: AbortSignal, what: string): Promise<{ data: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      const room = maxBytes - size;
      if (chunk.length > room) {
        if (room > 0) parts.push(chunk.subarray(0, room));
        res.destroy();
        return resolve({ data: Buffer.concat(parts, maxBytes), truncated: true });
      }
      parts.push(chunk);
      size += chunk.length;
    });
    res.on('end', () => resolve({ data: Buffer.concat(parts, size), truncated: false }));
    res.on('error', (e) => reject(signal.aborted ? new KernelError('ETIMEDOUT', `${what}: timed out`) : netError(e, what)));
    res.on('close', () => {
      if (!res.complete) reject(signal.aborted ? new KernelError('ETIMEDOUT', `${what}: timed out`) : new KernelError('EPIPE', `${what}: the connection closed before the response ended`));
    });
  });
}
