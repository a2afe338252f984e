import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { agentWindows, watchAgentWindows } from '../mcp/agent-windows.js';
import type { Desktop } from '../runtime/types.js';
import type { WebContext } from './context.js';
import { errorResponse } from './errors.js';
import type { Outgoing } from './generation.js';
import { handleMessage } from './stream-handlers.js';
import { MAX_WS_MESSAGE_BYTES, type CatalogItem, type RequestId } from './protocol.js';
import type { RateLimiter } from './rate-limit.js';
import { diffDesktop, withAgentFlags } from './sync.js';
import type { TerminalHub, TerminalListener } from './terminals.js';

/** A client whose unsent bytes pass this stops getting patches until it drains, then resyncs. */
const MAX_BUFFERED = 8 * 1024 * 1024;
/** Generations one client may have running at once. */
export const MAX_GENERATIONS_PER_CLIENT = 2;

/** One browser (or script) on /stream. */
export class StreamClient implements TerminalListener {
  readonly id = randomUUID();
  /** Cancelled when the client goes away: its generations stop. */
  readonly abort = new AbortController();
  generations = 0;
  /** Behind on patches: gets the whole desktop when it catches up. */
  lagging = false;

  constructor(
    readonly ws: WebSocket,
    private readonly hub: StreamHub,
  ) {}

  send(m: Outgoing) {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.hub.web.metrics.ws('out', m.type);
    this.ws.send(JSON.stringify({ ...m, timestamp: Date.now() }, jsonValue));
  }

  /** An error for this client only (malformed or refused messages never touch the others). */
  fail(error: unknown, id?: RequestId) {
    this.hub.web.metrics.wsErrors++;
    const r = typeof error === 'string' ? { body: { error: { code: 'EINVAL', message: error } } } : errorResponse(error);
    this.send({ type: 'error', error: r.body.error.message, code: r.body.error.code, ...(id !== undefined ? { id } : {}) });
  }

  data(appId: string, data: string) {
    this.send({ type: 'term_data', app_id: appId, data });
  }

  info(appId: string, info: Parameters<TerminalListener['info']>[1]) {
    this.send({ type: 'term_info', app_id: appId, ...info });
  }
}

/**
 * The WebSocket side: desktop sync for every client (the whole desktop on connect, then one
 * patch per batch of changes, computed once and sent to all), and each client's messages.
 */
export class StreamHub {
  readonly clients = new Set<StreamClient>();
  private readonly wss: WebSocketServer;
  /** The desktop as last sent: patches go from here. */
  private sent: Desktop;
  private flushing = false;
  private readonly unsubscribe: () => void;
  private catalog: CatalogItem[] = [];

  constructor(
    readonly web: WebContext,
    readonly terminals: TerminalHub,
    private readonly limiter: RateLimiter,
  ) {
    // Frames up to 16 MiB are read so that an oversized one gets a clear error; past that
    // ws closes only that connection.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 16 * MAX_WS_MESSAGE_BYTES, perMessageDeflate: false });
    this.sent = this.current();
    const stops = [web.runtime.subscribe(() => this.schedule()), watchAgentWindows(web.runtime, () => this.schedule())];
    this.unsubscribe = () => stops.forEach((stop) => stop());
    void this.refreshCatalog();
  }

  /** Called by the server after the upgrade passed its checks. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
  }

  /** The dock's apps changed (an app was saved or removed): every client gets the new list. */
  async refreshCatalog() {
    try {
      this.catalog = await this.web.launchable();
    } catch {
      this.catalog = [];
    }
    for (const c of this.clients) c.send({ type: 'catalog', catalog: this.catalog });
  }

  private connected(ws: WebSocket) {
    const client = new StreamClient(ws, this);
    this.clients.add(client);
    this.web.metrics.wsOpen++;
    this.web.metrics.wsOpened++;
    client.send({ type: 'system', message: 'connected to AgentOS', client_id: client.id, version: this.web.version });
    client.send({ type: 'desktop', desktop: this.sent, catalog: this.catalog });
    ws.on('message', (raw, isBinary) => {
      const size = Array.isArray(raw) ? raw.reduce((n, b) => n + b.length, 0) : (raw as Buffer | ArrayBuffer).byteLength;
      if (isBinary) return client.fail('binary frames are not understood; send JSON text');
      if (size > MAX_WS_MESSAGE_BYTES) return client.fail(`message of ${size} bytes is over the ${MAX_WS_MESSAGE_BYTES} byte limit; it was skipped`);
      const wait = this.limiter.take(`ws:${client.id}`);
      if (wait > 0) {
        this.web.metrics.rateLimited++;
        return client.send({ type: 'error', error: `too many messages: wait ${Math.ceil(wait * 1000)} ms`, code: 'EAGAIN' });
      }
      const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : Array.isArray(raw) ? Buffer.concat(raw).toString('utf8') : Buffer.from(raw).toString('utf8');
      void handleMessage(this, client, text).catch((e) => client.fail(e));
    });
    ws.on('close', () => {
      this.clients.delete(client);
      this.web.metrics.wsOpen--;
      client.abort.abort();
      this.terminals.detach(client);
    });
    ws.on('error', () => {}); // One client's broken socket is its own business.
  }

  /** The whole desktop again, for a client that missed patches. */
  resync(client: StreamClient) {
    client.lagging = false;
    client.send({ type: 'desktop', desktop: this.sent, catalog: this.catalog });
  }

  private schedule() {
    if (this.flushing) return;
    this.flushing = true;
    // Changes made in one turn (a tool's commit, a launch) go out as one patch.
    setImmediate(() => this.flush());
  }

  private flush() {
    this.flushing = false;
    const now = this.current();
    const patch = diffDesktop(this.sent, now);
    this.sent = now;
    if (!patch) return;
    if (patch.apps) {
      this.terminals.prune();
      // An app that is not in the dock yet (generated and saved, imported) may have joined the catalog.
      const known = new Set(this.catalog.map((e) => e.id));
      if (Object.values(patch.apps).some((c) => c && 'full' in c && !known.has(c.full.appId))) void this.refreshCatalog();
    }
    const text = JSON.stringify({ type: 'patch', ...patch, timestamp: Date.now() }, jsonValue);
    for (const c of this.clients) {
      if (c.ws.readyState !== c.ws.OPEN) continue;
      if (c.ws.bufferedAmount > MAX_BUFFERED) {
        c.lagging = true;
        continue;
      }
      if (c.lagging) {
        this.resync(c);
        continue;
      }
      this.web.metrics.ws('out', 'patch');
      c.ws.send(text);
    }
  }

  /** The runtime's desktop as browsers see it: with the agent's windows flagged. */
  private current(): Desktop {
    return withAgentFlags(this.web.runtime.getSnapshot(), agentWindows(this.web.runtime));
  }

  close() {
    this.unsubscribe();
    for (const c of this.clients) {
      c.abort.abort();
      c.ws.terminate();
    }
    this.clients.clear();
    this.wss.close();
  }
}

/** JSON has no bigint or bytes: numbers when exact, else text; bytes as base64. */
export function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return value;
}
