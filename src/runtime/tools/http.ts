import { z } from 'zod';
import { defineTool, type ToolContext, type ToolDef } from './types.js';

interface HttpReply {
  status: number;
  status_text?: string;
  url?: string;
  headers: Record<string, string | string[]>;
  body: string;
  truncated?: boolean;
}

const url = z.string().min(1).max(8192).describe('an http:// or https:// URL');
const headers = z.record(z.string(), z.string()).optional().describe('request headers');
const key = z.string().min(1).optional().describe('put the response body (parsed when JSON) in this state key');
const timeout = z.number().int().min(1).max(300_000).optional().describe('milliseconds for the whole exchange');

/** A body as sent: text as is, anything else as JSON (with its content type). */
function encodeBody(body: unknown, hdrs: Record<string, string>): { body?: string; headers: Record<string, string> } {
  if (body === undefined) return { headers: hdrs };
  if (typeof body === 'string') return { body, headers: hdrs };
  const hasType = Object.keys(hdrs).some((h) => h.toLowerCase() === 'content-type');
  return { body: JSON.stringify(body), headers: hasType ? hdrs : { ...hdrs, 'content-type': 'application/json' } };
}

function decodeBody(r: HttpReply): unknown {
  const type = r.headers['content-type'];
  const isJson = (Array.isArray(type) ? type.join(';') : (type ?? '')).includes('json');
  if (!isJson) return r.body;
  try {
    return JSON.parse(r.body);
  } catch {
    return r.body;
  }
}

/** Every request is the `net.http` syscall made as the app's process: its NETWORK_ACCESS grants decide. */
async function request(ctx: ToolContext, p: { method: string; url: string; headers?: Record<string, string>; body?: unknown; key?: string; timeout_ms?: number }) {
  const sent = encodeBody(p.body, p.headers ?? {});
  const r = await ctx.syscall<HttpReply>('net.http', {
    url: p.url,
    method: p.method,
    headers: sent.headers,
    ...(sent.body !== undefined ? { body: sent.body } : {}),
    ...(p.timeout_ms ? { timeout_ms: p.timeout_ms } : {}),
  });
  const data = decodeBody(r);
  if (p.key) {
    ctx.state.set(p.key, data);
    ctx.state.set(`${p.key}_status`, r.status);
  }
  return { status: r.status, headers: r.headers, body: data, truncated: r.truncated ?? false };
}

export const HTTP_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'http.get',
    doc: 'GET a URL (needs NETWORK_ACCESS to its host); returns {status, headers, body}.',
    params: () => z.object({ url, headers, key, timeout_ms: timeout }),
    run: (ctx, p) => request(ctx, { ...p, method: 'GET' }),
  }),
  defineTool({
    id: 'http.post',
    doc: 'POST a body (text, or JSON for anything else) to a URL; returns {status, headers, body}.',
    params: () => z.object({ url, body: z.unknown().optional().describe('the body'), headers, key, timeout_ms: timeout }),
    run: (ctx, p) => request(ctx, { ...p, method: 'POST' }),
  }),
  defineTool({
    id: 'http.request',
    doc: 'Any HTTP request; returns {status, headers, body}.',
    params: () => z.object({
      url,
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET').describe('the method'),
      body: z.unknown().optional().describe('the body'),
      headers,
      key,
      timeout_ms: timeout,
    }),
    run: (ctx, p) => request(ctx, p),
  }),
];
