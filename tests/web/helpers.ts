import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { GenEvent } from '../../src/ai/events.js';
import { parseBlueprint } from '../../src/blueprint/parse.js';
import type { Blueprint } from '../../src/blueprint/types.js';
import { createRuntime, memoryCatalog, type Runtime } from '../../src/runtime/index.js';
import { startWebServer, type WebServer, type WebServerOptions } from '../../src/web/server.js';
import { onCleanup, testKernel } from '../helpers/kernel.js';

export const FIXTURES = path.resolve('tests/web/fixtures');
export const fixture = (name: string): Blueprint => {
  const file = path.join(FIXTURES, name);
  return parseBlueprint(readFileSync(file, 'utf8'), file);
};

/** A generator that needs no provider: one thought, one token, the given Blueprint. */
export function fakeGenerator(bp: Blueprint): WebServerOptions['generate'] {
  return async function* (prompt: string): AsyncGenerator<GenEvent> {
    yield { type: 'thought', text: `making "${prompt}"` };
    yield { type: 'token', text: '{"app":', round: 1 };
    yield { type: 'component', component: bp.ui.components[0]!, index: 0, round: 1 };
    yield { type: 'complete', blueprint: bp, provider: 'template', model: 'template', cached: false };
  };
}

export interface TestServer {
  web: WebServer;
  runtime: Runtime;
  base: string;
  token: string;
  /** fetch with the token (as a header) and JSON in and out. */
  api(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers; text: string }>;
}

/**
 * A web server on 127.0.0.1 and a free port, closed after the test: over the given runtime
 * (the caller shuts it down), or a fresh kernel and runtime with the calculator fixture.
 */
export async function testServer(opts: Partial<WebServerOptions> = {}): Promise<TestServer> {
  const own = opts.runtime ? undefined : createRuntime({ kernel: testKernel() });
  const runtime = opts.runtime ?? own!;
  const calc = fixture('calculator.bp');
  const web = await startWebServer({
    catalog: memoryCatalog([calc]),
    generate: fakeGenerator({ ...calc, app: { ...calc.app, id: 'generated', name: 'Generated' } }),
    port: 0,
    token: 'test-token',
    rateLimit: 1000,
    ...opts,
    runtime,
  });
  onCleanup(async () => {
    await web.close();
    await own?.shutdown();
  });
  const base = web.url.replace(/\/$/, '');
  return {
    web,
    runtime,
    base,
    token: web.token,
    async api(method, p, body, headers = {}) {
      const res = await fetch(base + p, {
        method,
        headers: { Authorization: `Bearer ${web.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        redirect: 'manual',
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, headers: res.headers, text };
    },
  };
}

/** A WebSocket client on /stream that keeps every message and can wait for one. */
export class WsClient {
  readonly messages: any[] = [];
  private waiters: { pred: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => (w.pred(m) ? (w.resolve(m), false) : true));
    });
  }
  static async open(t: Pick<TestServer, 'base' | 'token'>, headers: Record<string, string> = {}): Promise<WsClient> {
    const ws = new WebSocket(`${t.base.replace('http', 'ws')}/stream`, { headers: { Authorization: `Bearer ${t.token}`, ...headers } });
    const c = new WsClient(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    onCleanup(() => ws.close());
    return c;
  }
  send(m: unknown) {
    this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }
  next(pred: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
    const have = this.messages.find(pred);
    if (have) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message in ${timeoutMs} ms; got ${this.messages.map((m) => m.type).join(', ')}`)), timeoutMs);
      this.waiters.push({ pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }
  /** A fresh message matching, ignoring what came before. */
  after(pred: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
    const seen = this.messages.length;
    return this.next((m) => this.messages.indexOf(m) >= seen && pred(m), timeoutMs);
  }
}
