import type { Desktop } from '../../runtime/types.js';
import type { CatalogItem, ClientMessage, RequestId, ServerMessage } from '../protocol.js';
import { PatchGapError, applyPatch } from '../sync.js';

export type Status = 'connecting' | 'open' | 'closed';

export interface View {
  desktop: Desktop | null;
  catalog: CatalogItem[];
  status: Status;
}

type Listener = () => void;
type Handler = (m: ServerMessage) => void;
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** Messages that belong to a generation or a chat reply (the spotlight and chat panel follow them). */
const STREAM_TYPES = new Set(['generation_start', 'thought', 'token', 'generation_token', 'ui_component', 'ui_generated', 'ui_complete', 'complete', 'error']);

/**
 * The browser's link to the desktop: one WebSocket on /stream (the HttpOnly cookie carries
 * the token), the desktop mirrored by applying patches, requests answered by `ack`, and a
 * reconnect with backoff. React reads it through useSyncExternalStore.
 */
export class Connection {
  private ws: WebSocket | null = null;
  private view: View = { desktop: null, catalog: [], status: 'connecting' };
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<RequestId, Pending>();
  private readonly streams = new Set<Handler>();
  private readonly terminals = new Map<string, Set<Handler>>();
  private readonly errors = new Set<(message: string) => void>();
  private readonly opens = new Set<() => void>();
  private nextId = 1;
  private retry = 0;

  constructor(private readonly url: string) {}

  start() {
    this.setView({ status: 'connecting' });
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.setView({ status: 'open' });
      for (const h of this.opens) h();
    };
    ws.onmessage = (e) => this.receive(JSON.parse(String(e.data)) as ServerMessage);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.setView({ status: 'closed' });
      for (const p of this.pending.values()) p.reject(new Error('disconnected'));
      this.pending.clear();
      const wait = Math.min(10_000, 250 * 2 ** this.retry++);
      setTimeout(() => this.start(), wait);
    };
  }

  // ---- React ----------------------------------------------------------------------------

  subscribe = (l: Listener) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  getSnapshot = () => this.view;

  private setView(patch: Partial<View>) {
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l();
  }

  // ---- sending --------------------------------------------------------------------------

  /** Fire and forget (failures come back as error messages, shown as toasts). */
  send(m: ClientMessage) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  /** Send and wait for the server's ack (its result) or error (rejects). */
  request<R = unknown>(m: ClientMessage): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      if (this.ws?.readyState !== WebSocket.OPEN) return reject(new Error('not connected'));
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ ...m, id }));
    });
  }

  /** Generation and chat messages as they stream; returns the unsubscribe. */
  onStream(h: Handler) {
    this.streams.add(h);
    return () => void this.streams.delete(h);
  }

  onTerminal(appId: string, h: Handler) {
    let set = this.terminals.get(appId);
    if (!set) this.terminals.set(appId, (set = new Set()));
    set.add(h);
    return () => void set!.delete(h);
  }

  /** Called on every (re)connection: terminals ask for their output again. */
  onOpen(h: () => void) {
    this.opens.add(h);
    if (this.ws?.readyState === WebSocket.OPEN) h();
    return () => void this.opens.delete(h);
  }

  /** Errors not tied to a request (a click the app refused): the desktop shows them as toasts. */
  onError(h: (message: string) => void) {
    this.errors.add(h);
    return () => void this.errors.delete(h);
  }

  // ---- receiving ------------------------------------------------------------------------

  private receive(m: ServerMessage) {
    switch (m.type) {
      case 'desktop':
        return this.setView({ desktop: m.desktop, catalog: m.catalog });
      case 'catalog':
        return this.setView({ catalog: m.catalog });
      case 'patch': {
        const d = this.view.desktop;
        if (!d) return;
        try {
          this.setView({ desktop: applyPatch(d, m) });
        } catch (e) {
          if (e instanceof PatchGapError) this.send({ type: 'sync' });
          else throw e;
        }
        return;
      }
      case 'ack': {
        const p = m.id !== undefined ? this.pending.get(m.id) : undefined;
        if (p) this.pending.delete(m.id!), p.resolve(m.result);
        return;
      }
      case 'term_data':
      case 'term_info':
        for (const h of this.terminals.get(m.app_id) ?? []) h(m);
        return;
    }
    if (m.type === 'error' && m.id !== undefined && this.pending.has(m.id)) {
      const p = this.pending.get(m.id)!;
      this.pending.delete(m.id);
      p.reject(new Error(m.error));
      return;
    }
    if (STREAM_TYPES.has(m.type)) for (const h of this.streams) h(m);
    if (m.type === 'error' && !('generation_id' in m && m.generation_id)) for (const h of this.errors) h(m.error);
  }
}

export function streamUrl(): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/stream`;
}
