import { KernelError } from '../errors.js';
import { netError } from './errors.js';

export const REDIRECT_LIMIT = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Set by the client from the URL and body; a caller setting them could smuggle requests. */
const RESERVED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'upgrade', 'keep-alive', 'te', 'trailer']);
/** Credentials that must not follow a redirect to another origin. */
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  maxBytes: number;
  /** Called for every URL a redirect leads to, before it is fetched: throws to refuse. */
  allow(url: URL): void;
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
 * One HTTP exchange with fetch, following redirects ourselves so that every hop is
 * checked against the caller's grants (fetch would follow them unchecked).
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (RESERVED_HEADERS.has(k.toLowerCase())) throw new KernelError('EINVAL', `header "${k}" is set by the kernel, not the caller`);
    try {
      headers.set(k, v);
    } catch {
      throw new KernelError('EINVAL', `header "${k}" has an invalid name or value`);
    }
  }
  const signal = AbortSignal.timeout(req.timeoutMs);
  let url = req.url;
  let method = req.method.toUpperCase();
  let body = req.body;
  for (let hops = 0; ; hops++) {
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body && new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), redirect: 'manual', signal });
    } catch (e) {
      throw netError(e, `${method} ${url.origin}`);
    }
    const location = res.headers.get('location');
    if (REDIRECTS.has(res.status) && location) {
      await res.body?.cancel().catch(() => {});
      if (hops >= REDIRECT_LIMIT) throw new KernelError('ELOOP', `more than ${REDIRECT_LIMIT} redirects from ${req.url.href}`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new KernelError('EIO', `${url.href} redirected to an invalid URL`);
      }
      req.allow(next);
      // As browsers do: 303, and 301/302 after a POST, continue as a GET without a body.
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      if (next.origin !== url.origin) for (const h of CREDENTIALS) headers.delete(h);
      url = next;
      continue;
    }
    const { data, truncated } = await readLimited(res, req.maxBytes, `${method} ${url.href}`);
    return {
      status: res.status,
      status_text: res.statusText,
      url: url.href,
      redirects: hops,
      headers: Object.fromEntries(res.headers),
      body: data,
      truncated,
    };
  }
}

/** The body up to maxBytes; the rest is not downloaded. */
async function readLimited(res: Response, maxBytes: number, what: string): Promise<{ data: Buffer; truncated: boolean }> {
  if (!res.body) return { data: Buffer.alloc(0), truncated: false };
  const reader = res.body.getReader();
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { data: Buffer.concat(parts, size), truncated: false };
      const room = maxBytes - size;
      if (value.length > room) {
        if (room > 0) parts.push(Buffer.from(value.buffer, value.byteOffset, room));
        await reader.cancel().catch(() => {});
        return { data: Buffer.concat(parts, maxBytes), truncated: true };
      }
      parts.push(Buffer.from(value.buffer, value.byteOffset, value.length));
      size += value.length;
    }
  } catch (e) {
    throw netError(e, what);
  }
}
