import path from 'node:path';
import { z } from 'zod';
import { KernelError } from '../../kernel/errors.js';
import { argsJsonSchema, argsOf, capsOf } from '../../kernel/introspect.js';
import { HttpError } from '../errors.js';
import { Reply, defineRoute, type Route } from '../route.js';

/** What a file from the VFS may be served as: media and plain text only, never HTML or script. */
const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.txt': 'text/plain; charset=utf-8',
};
const MAX_VFS_FILE = 64 * 1024 * 1024;

/** A syscall whose arguments JSON Schema cannot express still lists (as any object). */
function schemaOf(def: Parameters<typeof argsJsonSchema>[0]) {
  try {
    return argsJsonSchema(def);
  } catch {
    return { type: 'object' };
  }
}

export const metaRoutes: Route<any>[] = [
  defineRoute({
    method: 'GET',
    path: '/health',
    doc: 'Whether the server is up; with the token, also uptime, apps, processes, memory, syscalls and clients.',
    public: true,
    handler: ({ web, authed }) => {
      if (!authed) return { status: 'ok' };
      const m = web.kernel.metrics.snapshot();
      const mem = process.memoryUsage();
      return {
        status: 'ok',
        version: web.version,
        uptime_s: Math.round((Date.now() - web.startedAt) / 1000),
        apps: Object.keys(web.runtime.getSnapshot().apps).length,
        processes: web.kernel.procs.list().length,
        websocket_clients: web.clients(),
        syscalls_total: m.syscalls_total,
        syscall_errors_total: m.errors_total,
        memory: { rss: mem.rss, heap_used: mem.heapUsed },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/metrics',
    doc: 'Prometheus text: syscalls, HTTP, WebSocket, generation, cache, running apps.',
    handler: async ({ web }) => Reply.text(200, await web.kernel.metrics.prometheus(), 'text/plain; version=0.0.4; charset=utf-8'),
  }),
  defineRoute({
    method: 'GET',
    path: '/metrics/json',
    doc: 'The same figures as JSON (kernel and web).',
    handler: ({ web }) => ({ kernel: web.kernel.metrics.snapshot(), web: web.metrics.snapshot() }),
  }),
  defineRoute({
    method: 'GET',
    path: '/syscalls',
    doc: 'The syscall table: name, arguments (with JSON Schema), capabilities, what it does and returns.',
    handler: ({ web }) => ({
      syscalls: [...web.kernel.table.values()].map((def) => ({
        name: def.name,
        doc: def.doc,
        args: argsOf(def),
        schema: schemaOf(def),
        caps: capsOf(def),
        returns: def.returns ?? null,
      })),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/syscalls/:name',
    doc: 'Make one syscall as you (through the sandbox): the body is its arguments object.',
    body: z.record(z.string(), z.unknown()).default({}),
    handler: async ({ web, params, body }) => ({ result: (await web.kernel.syscall(web.pid, params.name!, body)) ?? null }),
  }),
  defineRoute({
    method: 'GET',
    path: '/vfs/*path',
    doc: 'A media or text file from the VFS (for image, video and audio sources), read as you.',
    handler: async ({ web, params }) => {
      const file = '/' + params.path!;
      const type = MEDIA_TYPES[path.extname(file).toLowerCase()];
      if (!type) throw new HttpError(415, 'EINVAL', `only media and .txt files are served from the VFS, not ${path.extname(file) || 'files without an extension'}`);
      const st = await web.kernel.syscall<{ type: string; size: number }>(web.pid, 'fs.stat', { path: file });
      if (st.type !== 'file') throw new KernelError('EISDIR', `${file} is not a file`);
      if (st.size > MAX_VFS_FILE) throw new HttpError(413, 'E2BIG', `${file} is over ${MAX_VFS_FILE / 1024 / 1024} MiB`);
      const b64 = await web.kernel.syscall<string>(web.pid, 'fs.read', { path: file, encoding: 'base64' });
      // An SVG may carry script: served under its own sandboxing CSP it cannot run any.
      return Reply.text(200, Buffer.from(b64, 'base64'), type, { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox", 'Cache-Control': 'no-store' });
    },
  }),
];
