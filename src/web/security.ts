import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { HttpError } from './errors.js';

/**
 * Who may talk to the web server. Everything but `GET /` and a minimal `GET /health` needs
 * the token (a header, the HttpOnly cookie `GET /?token=` sets, or `?token=` on the
 * WebSocket). Host is checked so a DNS-rebinding page cannot reach us by another name;
 * Origin is checked on WebSocket upgrades and state-changing requests so another site
 * cannot act with the user's cookie.
 */
/** One cookie per port: two desktops on one machine (each its own token) do not overwrite each other's. */
export const cookieName = (port: number) => `agentos_token_${port}`;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieOf(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The token a request presents, from the strongest place first. */
export function presentedToken(req: IncomingMessage, url: URL, allowQuery: boolean, port: number): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-agentos-token'];
  if (typeof header === 'string') return header;
  const cookie = cookieOf(req, cookieName(port));
  if (cookie) return cookie;
  return allowQuery ? (url.searchParams.get('token') ?? undefined) : undefined;
}

export function tokenCookie(token: string, port: number): string {
  return `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

export interface HostPolicy {
  /** The host the server was told to bind (127.0.0.1 by default). */
  host: string;
  /** The port it listens on (known after listen). */
  port: () => number;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const ANY = new Set(['0.0.0.0', '::', '[::]']);

/**
 * Whether a Host header names us: loopback names, the configured host, or (when bound to
 * every interface) any IP literal — a rebinding attack needs a DNS name, never an IP —
 * and in every case our port.
 */
export function hostAllowed(hostHeader: string | undefined, policy: HostPolicy): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase());
  if (!m) return false;
  const name = m[1]!;
  const port = m[2] ? Number(m[2]) : 80;
  if (port !== policy.port()) return false;
  if (LOOPBACK_NAMES.has(name)) return true;
  const configured = policy.host.toLowerCase();
  if (name === configured || `[${configured}]` === name) return true;
  return ANY.has(configured) && isIP(name.replace(/^\[|\]$/g, '')) !== 0;
}

/** A browser's Origin must be this very server (scheme http, the Host it asked for). */
export function originAllowed(req: IncomingMessage, policy: HostPolicy): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') return false;
  const origin = req.headers.origin;
  // Non-browser clients (curl, scripts with the token) send no Origin; browsers always do
  // on cross-origin requests and WebSocket upgrades.
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:') return false;
  return u.host.toLowerCase() === String(req.headers.host ?? '').toLowerCase() && hostAllowed(u.host, policy);
}

/** 403 unless the Host header names this server. */
export function checkHost(req: IncomingMessage, policy: HostPolicy) {
  if (!hostAllowed(req.headers.host, policy)) {
    throw new HttpError(403, 'EACCES', `Host "${req.headers.host ?? ''}" is not this server; use http://127.0.0.1:${policy.port()}/`);
  }
}

/**
 * The checks after the rate limit, in order; throws the HttpError that answers the request.
 * `needsToken` is false only for the public routes.
 */
export function guard(req: IncomingMessage, url: URL, opts: { policy: HostPolicy; token: string; needsToken: boolean; stateChanging: boolean; allowQueryToken: boolean }) {
  checkHost(req, opts.policy);
  if (opts.stateChanging && !originAllowed(req, opts.policy)) {
    throw new HttpError(403, 'EACCES', `requests from ${req.headers.origin ?? 'another site'} are refused: only pages served by this server may change the desktop`);
  }
  if (opts.needsToken && !sameToken(presentedToken(req, url, opts.allowQueryToken, opts.policy.port()), opts.token)) {
    throw new HttpError(401, 'EACCES', 'missing or wrong token: open the URL `agentos serve` printed (it ends in ?token=...), or send Authorization: Bearer TOKEN');
  }
}

/**
 * No inline script anywhere (`script-src 'self'`); styles may be inline (React and xterm.js
 * set them); app media and pages load from anywhere, pages only in sandboxed iframes.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "media-src 'self' data: blob: http: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  'frame-src http: https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
