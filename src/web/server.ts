import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { KernelError } from '../kernel/errors.js';
import type { Runtime } from '../runtime/runtime.js';
import { folderCatalog, type AppCatalog } from '../runtime/catalog.js';
import { VERSION } from '../version.js';
import { loadAssets } from './assets.js';
import { parseJsonBody, readBody } from './body.js';
import type { ChatPort, RegistryPort, SessionsPort, WebContext } from './context.js';
import { HttpError, errorResponse } from './errors.js';
import { mcpEndpoint } from './mcp-http.js';
import { webChat } from './chat.js';
import { defaultGenerator } from './generator.js';
import { WebMetrics } from './metrics.js';
import { tokenBucket } from './rate-limit.js';
import { Reply, Router, type Route, type RouteCtx } from './route.js';
import { ROUTES } from './routes/index.js';
import { SECURITY_HEADERS, checkHost, guard, newToken, presentedToken, sameToken, tokenCookie, type HostPolicy } from './security.js';
import { StreamHub, jsonValue } from './stream.js';
import { TerminalHub } from './terminals.js';

export interface WebServerOptions {
  runtime: Runtime;
  /** Where launchable apps come from (default: the shipped apps under /apps). */
  catalog?: AppCatalog;
  registry?: RegistryPort;
  sessions?: SessionsPort;
  chat?: ChatPort;
  /** The app generator's stream (default: src/ai with the configured provider). */
  generate?: WebContext['generate'];
  /** Default 127.0.0.1. Anything else is reachable from other machines. */
  host?: string;
  /** Default 7777; 0 picks a free port. */
  port?: number;
  /** Default: AGENTOS_TOKEN, else a new random one. */
  token?: string;
  /** Requests (and WebSocket messages) a second per client; default 50. */
  rateLimit?: number;
  /** Largest request body; default 1 MiB. */
  maxBodyBytes?: number;
  /** The built client (default dist/web in the package). */
  assetsDir?: string;
  /** Start ptys for terminal windows (false when the terminal desktop runs them). */
  spawnTerminals?: boolean;
}

export interface WebServer {
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** http://HOST:PORT/ */
  readonly url: string;
  /** The URL to open: with `?token=`. */
  readonly loginUrl: string;
  readonly server: http.Server;
  readonly context: WebContext;
  /** The request function (tests call it through a real socket). */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 7777;
export const DEFAULT_RATE = 50;
export const DEFAULT_MAX_BODY = 1024 * 1024;

const JSON_TYPE = 'application/json; charset=utf-8';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The web view and API over a live runtime: listening when this resolves. */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { runtime } = opts;
  const kernel = runtime.kernel;
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? (process.env.AGENTOS_TOKEN || newToken());
  const rate = opts.rateLimit ?? DEFAULT_RATE;
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  // The token holder acts as a child of the user's process with the user's grants: never more.
  const user = kernel.procs.get(kernel.userPid)!;
  const proc = kernel.spawnProcess({ name: 'web', kind: 'service', grants: user.grants.map((g) => ({ ...g })), profile: user.profile, ppid: kernel.userPid, cwd: '/home' });
  const catalog = opts.catalog ?? folderCatalog(kernel, kernel.userPid);
  const router = new Router(ROUTES);
  const limiter = tokenBucket(rate, Math.max(rate * 2, 10));
  let port = opts.port ?? DEFAULT_PORT;
  const policy: HostPolicy = { host, port: () => port };
  let hub: StreamHub | undefined;

  const web: WebContext = {
    kernel,
    runtime,
    pid: proc.pid,
    catalog,
    registry: opts.registry,
    sessions: opts.sessions,
    chat: undefined,
    generate: opts.generate ?? defaultGenerator(kernel, proc.pid),
    metrics: WebMetrics.for(kernel, () => Object.keys(runtime.getSnapshot().apps).length),
    version: VERSION,
    startedAt: Date.now(),
    clients: () => hub?.clients.size ?? 0,
    launchable: async () => (opts.registry ? opts.registry.list() : catalog.list()),
    catalogChanged: () => void hub?.refreshCatalog(),
    launchApp: async (appId, o = {}) => runtime.launch(await (opts.registry ? opts.registry.get(appId) : catalog.load(appId)), { parent: o.parent ?? null }),
    assets: loadAssets(opts.assetsDir),
    isToken: (t) => sameToken(t, token),
    tokenCookie: (t) => tokenCookie(t, port),
    routes: () => ROUTES,
  };
  web.chat = opts.chat ?? webChat(web);
  web.mcp = mcpEndpoint({ kernel, runtime, registry: catalog });
  const terminals = new TerminalHub(kernel, runtime, opts.spawnTerminals ?? true);
  hub = new StreamHub(web, terminals, limiter);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    let label = 'unmatched';
    let status = 500;
    try {
      const url = requestUrl(req);
      checkHost(req, policy);
      const wait = limiter.take(clientKey(req));
      if (wait > 0) {
        web.metrics.rateLimited++;
        throw new HttpError(429, 'EAGAIN', `too many requests: at most ${rate} a second; retry after ${Math.ceil(wait)} s`, { 'Retry-After': String(Math.max(1, Math.ceil(wait))) });
      }
      const m = router.match(method, url.pathname);
      const route = m && 'route' in m ? m.route : undefined;
      if (route) label = route.path;
      const authed = sameToken(presentedToken(req, url, false, port), token);
      guard(req, url, { policy, token, needsToken: !route?.public, stateChanging: !READS.has(method), allowQueryToken: false });
      if (!m) throw new HttpError(404, 'ENOENT', `no route ${method} ${url.pathname}; GET /routes lists them`);
      if (!route) {
        const allowed = (m as { allowed: string[] }).allowed;
        throw new HttpError(405, 'EINVAL', `${url.pathname} takes ${allowed.join(', ')}, not ${method}`, { Allow: allowed.join(', ') });
      }
      let body: unknown;
      if (route.body) {
        const raw = await readBody(req, maxBody);
        web.metrics.bytesIn += raw.length;
        body = parseJsonBody(raw, route.body);
      } else if (!READS.has(method)) {
        const raw = await readBody(req, maxBody);
        web.metrics.bytesIn += raw.length;
      }
      const ctx: RouteCtx = { req, url, params: (m as { params: Record<string, string> }).params, query: url.searchParams, body, web, authed, res };
      const result = await route.handler(ctx);
      status = send(res, method, result instanceof Reply ? result : Reply.json(200, result), web);
    } catch (e) {
      const r = errorResponse(e);
      status = send(res, method, Reply.json(r.status, r.body, r.headers), web);
    } finally {
      web.metrics.request(method, label, status, (performance.now() - started) / 1000);
    }
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    try {
      const url = requestUrl(req);
      if (url.pathname !== '/stream') throw new HttpError(404, 'ENOENT', 'WebSocket upgrades go to /stream');
      guard(req, url, { policy, token, needsToken: true, stateChanging: true, allowQueryToken: true });
      const wait = limiter.take(clientKey(req));
      if (wait > 0) throw new HttpError(429, 'EAGAIN', 'too many connections', { 'Retry-After': String(Math.max(1, Math.ceil(wait))) });
      hub!.upgrade(req, socket, head);
    } catch (e) {
      const r = errorResponse(e);
      const body = JSON.stringify(r.body);
      const extra = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      socket.end(`HTTP/1.1 ${r.status} ${http.STATUS_CODES[r.status] ?? ''}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`);
    }
  };

  const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => void handle(req, res));
  server.on('upgrade', onUpgrade);
  // A request the parser cannot read gets its status and one line, then the connection closes.
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (e.code !== 'HPE_HEADER_OVERFLOW' && !e.code?.startsWith('HPE_'))) return void socket.destroy();
    const [status, message] = e.code === 'HPE_HEADER_OVERFLOW' ? [431, 'the request headers are over 16 KB'] : [400, 'the request is not valid HTTP/1.1'];
    const body = JSON.stringify({ error: { code: 'EINVAL', message } });
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  try {
    port = await listen(server, port, host);
  } catch (e) {
    hub.close();
    terminals.shutdown();
    kernel.procs.exit(proc.pid);
    throw e;
  }

  const shown = host.includes(':') ? `[${host}]` : host;
  const base = `http://${shown === '0.0.0.0' || shown === '[::]' ? '127.0.0.1' : shown}:${port}/`;
  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    token,
    url: base,
    loginUrl: `${base}?token=${encodeURIComponent(token)}`,
    server,
    context: web,
    handle,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Ends the MCP sessions' streams and their watches on the runtime.
        void web.mcp?.close();
        hub!.close();
        terminals.shutdown();
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => {
        if (kernel.procs.get(proc.pid)) kernel.procs.exit(proc.pid);
      });
      return closing;
    },
  };
}

/** The rate limit is per client address (every local page shares 127.0.0.1's bucket). */
const clientKey = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';

/**
 * The request target as a URL. Joined rather than resolved against a base: `//x` would be
 * read as another host ("Invalid URL"), not as this server's path `//x`.
 */
function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) throw new HttpError(400, 'EINVAL', 'the request target must be a path starting with /');
  try {
    return new URL(`http://localhost${target}`);
  } catch {
    throw new HttpError(400, 'EINVAL', 'the request target is not a valid path');
  }
}

function send(res: ServerResponse, method: string, reply: Reply, web: WebContext): number {
  if (res.headersSent) return reply.status;
  let body: string | Buffer;
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', ...reply.headers };
  if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) body = reply.body;
  else {
    body = JSON.stringify(reply.body ?? null, jsonValue);
    headers['Content-Type'] ??= JSON_TYPE;
  }
  headers['Content-Length'] = String(Buffer.byteLength(body));
  // Answered before its body was read (401, 404, 413...): the rest of the body is still on
  // the connection, so it closes rather than being reused for the next request.
  const req = res.req;
  if (!req.complete && (Number(req.headers['content-length']) > 0 || req.headers['transfer-encoding'] !== undefined)) headers.Connection = 'close';
  res.writeHead(reply.status, headers);
  if (method === 'HEAD') res.end();
  else res.end(body);
  web.metrics.bytesOut += Buffer.byteLength(body);
  return reply.status;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? new KernelError('EADDRINUSE', `port ${port} on ${host} is in use; pick another with --port (0 picks a free one)`) : e.code === 'EADDRNOTAVAIL' ? new KernelError('EINVAL', `cannot listen on ${host}: no such address here`) : e);
    });
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      server.on('error', () => {});
      resolve((server.address() as { port: number }).port);
    });
  });
}

export type { Route };
