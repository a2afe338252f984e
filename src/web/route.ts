import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { WebContext } from './context.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteCtx<B = unknown> {
  req: IncomingMessage;
  url: URL;
  /** `:name` segments of the path, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The body, parsed as JSON and checked against the route's schema. */
  body: B;
  web: WebContext;
  /** Whether the request carried the right token (public routes may show more when it did). */
  authed: boolean;
  /** The response, for the one kind of route that writes it itself (/mcp streams); others return a value. */
  res?: ServerResponse;
}

/** A response other than JSON with status 200 (text, redirects, files, other statuses). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: string | Buffer | unknown,
    readonly headers: Record<string, string> = {},
  ) {}
  static json(status: number, value: unknown, headers: Record<string, string> = {}) {
    return new Reply(status, value, headers);
  }
  static text(status: number, text: string | Buffer, contentType: string, headers: Record<string, string> = {}) {
    return new Reply(status, text, { 'Content-Type': contentType, ...headers });
  }
  static redirect(location: string, headers: Record<string, string> = {}) {
    return new Reply(303, '', { Location: location, ...headers });
  }
}

/**
 * One entry of the route table: method, path (`/apps/:id/focus`), the body's schema, and
 * the handler. A handler returns a JSON value (200) or a Reply, or throws (HttpError,
 * KernelError) for the error response.
 */
export interface Route<S extends z.ZodType = z.ZodType> {
  method: Method;
  path: string;
  /** One line: what it does (GET /routes and the README list it). */
  doc: string;
  body?: S;
  /** Reachable without the token (only `GET /` and the minimal `GET /health`). */
  public?: boolean;
  handler(ctx: RouteCtx<z.infer<S>>): unknown;
}

export function defineRoute<S extends z.ZodType = z.ZodType>(r: Route<S>): Route<S> {
  return r;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

interface Compiled {
  route: Route;
  parts: string[];
}

/**
 * The table compiled for lookup: split into segments once; a request is matched segment
 * by segment (`:x` takes one segment, `*x` the rest). Paths are fixed literals first,
 * so order in the table does not matter for correctness.
 */
export class Router {
  private readonly compiled: Compiled[];

  constructor(readonly routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({ route, parts: split(route.path) }));
    // Literal segments beat parameters: /registry/apps/:id after /registry/apps.
    this.compiled.sort((a, b) => specificity(b.parts) - specificity(a.parts));
  }

  /** The route for a request, `'method'` when the path exists under other methods, or null. */
  match(method: string, pathname: string): Match | { allowed: Method[] } | null {
    const segs = split(pathname);
    const allowed: Method[] = [];
    for (const c of this.compiled) {
      const params = matchParts(c.parts, segs);
      if (!params) continue;
      if (c.route.method === method || (method === 'HEAD' && c.route.method === 'GET')) return { route: c.route, params };
      allowed.push(c.route.method);
    }
    return allowed.length ? { allowed: [...new Set(allowed)] } : null;
  }
}

const split = (p: string) => p.split('/').filter(Boolean);
const specificity = (parts: string[]) => parts.reduce((n, p) => n * 4 + (p.startsWith('*') ? 0 : p.startsWith(':') ? 1 : 2), 0) * 64 + parts.length;

function matchParts(parts: string[], segs: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.startsWith('*')) {
      params[p.slice(1)] = segs.slice(i).map(decode).join('/');
      return params;
    }
    const s = segs[i];
    if (s === undefined) return null;
    if (p.startsWith(':')) {
      const v = decode(s);
      if (v === null) return null;
      params[p.slice(1)] = v;
    } else if (p !== s) return null;
  }
  return segs.length === parts.length ? params : null;
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
