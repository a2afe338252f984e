import http from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/runtime.js';
import { registryPort, sessionsPort } from '../../src/web/ports.js';
import { ROUTES } from '../../src/web/routes/index.js';
import { startWebServer } from '../../src/web/server.js';
import { shippedDesk } from '../helpers/desk.js';
import { onCleanup } from '../helpers/kernel.js';
import { WsClient } from '../web/helpers.js';
import { FUZZ_RUNS, withTimeout } from './helpers.js';

/**
 * Random HTTP requests and WebSocket messages against a live web server over a real
 * runtime (with the calculator running): every answer is a documented status with one
 * clear line, nothing a request refused changed the desktop, and the server and every
 * other client keep working.
 */
const RUNS = Math.max(40, Math.round(FUZZ_RUNS / 4));

/** A path segment: real ids, traversal, encodings, junk. */
const segment = fc.oneof(
  fc.constantFrom('calculator', 'generated', '..', '%2e%2e', '%00', '%ff', 'a%2Fb', '__proto__', 'constructor', '', '💥', 'x'.repeat(300)),
  fc.stringMatching(/^[A-Za-z0-9._~%-]{0,16}$/),
);

/** A route of the table with its `:params` (and `*path`) filled, or a path no route has. */
const routePath = fc.oneof(
  fc.tuple(fc.constantFrom(...ROUTES.filter((r) => !r.path.startsWith('/syscalls/'))), fc.array(segment, { minLength: 3, maxLength: 3 })).map(([r, segs]) => ({
    method: r.method as string,
    path: r.path.replace(/[:*]\w+/g, () => segs.shift() ?? 'x'),
  })),
  fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), fc.array(segment, { maxLength: 4 })).map(([method, segs]) => ({ method, path: `/${segs.join('/')}` })),
);

/** Bodies: JSON of any shape, objects with the fields routes read, text that is not JSON. */
const field = fc.constantFrom('app_id', 'id', 'tool_id', 'params', 'prompt', 'name', 'message', 'blueprint', 'x', 'y', 'w', 'h', 'mode', 'zone', 'policy', 'args', '__proto__');
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.dictionary(field, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 80 }),
  fc.constantFrom('', '{', '{"app_id":', 'null', '[]', '{"app_id":"calculator","tool_id":"ui.set"}', '\u0000', '\uFEFF{}'),
);

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const headers = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data; boundary=x', '', 'application/x-www-form-urlencoded'),
    accept: fc.constantFrom('*/*', 'text/event-stream', 'application/json, text/event-stream', 'text/html'),
    extra: fc.tuple(fc.stringMatching(/^x-[a-z0-9-]{1,12}$/), headerValue),
  },
  { requiredKeys: [] },
);

interface Answer {
  status: number;
  body: string;
  contentType: string;
}

interface Served {
  base: string;
  token: string;
  runtime: Runtime;
}

/** The web server as `agentos serve` starts it: the shipped apps' registry, sessions, the offline generator. */
async function serve(): Promise<Served> {
  const { runtime, registry } = await shippedDesk();
  const web = await startWebServer({ runtime, catalog: registry, registry: registryPort(registry), sessions: sessionsPort(runtime), port: 0, token: 'fuzz-token-123', rateLimit: 1_000_000_000, spawnTerminals: false });
  onCleanup(() => web.close());
  await runtime.launchApp('calculator');
  return { base: web.url.replace(/\/$/, ''), token: web.token, runtime };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function request(t: Served, method: string, target: string, hdrs: Record<string, string>, data?: string): Promise<Answer> {
  const u = new URL(t.base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: target.replace(/[^\x21-\x7e]/gu, encodeURIComponent), agent, headers: { Authorization: `Bearer ${t.token}`, ...hdrs } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text, contentType: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    // Framed as a browser frames it (Node sends a DELETE body unframed otherwise).
    if (data !== undefined) req.setHeader('Content-Length', Buffer.byteLength(data));
    req.end(data);
  });
}

/** The part of the desktop a refused request must leave as it was. */
const desktopOf = (t: Served) => {
  const d = t.runtime.getSnapshot();
  return JSON.stringify({ apps: Object.keys(d.apps), windows: d.windows, stack: d.stack, focused: d.focused, state: Object.values(d.apps).map((a) => a.state) });
};

describe('the web server under random requests', () => {
  it('answers every request with a documented status and one clear line, and refusals change nothing', { timeout: 120_000 }, async () => {
    const t = await serve();
    await fc.assert(
      fc.asyncProperty(routePath, headers, fc.option(body, { nil: undefined }), async (route, h, data) => {
        const hdrs: Record<string, string> = {};
        if (h['content-type']) hdrs['content-type'] = h['content-type'];
        if (h.accept) hdrs.accept = h.accept;
        if (h.extra) hdrs[h.extra[0]] = h.extra[1];
        // A request that would start streaming (GET /mcp as an event stream) is left to its own test.
        fc.pre(!(route.path === '/mcp' && route.method === 'GET'));
        const before = desktopOf(t);
        const what = `${route.method} ${route.path} ${JSON.stringify(hdrs)} ${JSON.stringify(data)}`;
        if (process.env.FUZZ_LOG) console.log(what);
        const a = await withTimeout(request(t, route.method, route.path, hdrs, route.method === 'GET' || route.method === 'HEAD' ? undefined : data), 10_000, what);
        expect(a.status, `${what} → ${a.status} ${a.body.slice(0, 300)}`).toBeLessThan(500);
        if (a.status >= 400) {
          expect(desktopOf(t), what).toBe(before);
          if (route.method !== 'HEAD' && a.contentType.includes('application/json')) {
            const parsed = JSON.parse(a.body);
            const message = parsed.error?.message ?? parsed.error;
            expect(typeof message, `${what} → ${a.body}`).toBe('string');
            expect(message, what).not.toMatch(/\n|\s+at .+:\d+/);
          }
        }
      }),
      { numRuns: RUNS, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), endOnFailure: true } : {}) },
    );
    // Still serving, and what it says of its apps is what its runtime holds (accepted
    // requests may have closed and launched some).
    expect((await request(t, 'GET', '/health', {})).status).toBe(200);
    const apps = JSON.parse((await request(t, 'GET', '/apps', {})).body);
    expect(apps.apps.map((a: { id: string }) => a.id)).toEqual(Object.keys(t.runtime.getSnapshot().apps));
  });
});

/** A /stream message: any JSON, the protocol's types with random fields, or text that is not JSON. */
const TYPES = ['event', 'ping', 'sync', 'window', 'key', 'tile', 'cycle', 'launch', 'tool', 'dialog', 'dismiss', 'clear_errors', 'term_open', 'term_input', 'term_resize', 'term_close', 'explode', '', '__proto__'];
const FIELDS = {
  app_id: fc.constantFrom('calculator', 'nope', '', 7),
  component: fc.constantFrom('btn-7', 'btn-clear', 'display', 'nope', ''),
  event: fc.constantFrom('click', 'change', 'submit', 'explode'),
  value: fc.jsonValue({ maxDepth: 2 }),
  action: fc.constantFrom('place', 'move', 'resize', 'snap', 'minimize', 'maximize', 'restore', 'close', 'focus', 'explode'),
  zone: fc.constantFrom('left', 'right', 'top-left', 'center', 'nowhere'),
  edge: fc.constantFrom('left', 'bottom-right', 'middle'),
  dx: fc.oneof(fc.double(), fc.integer()),
  dy: fc.oneof(fc.double(), fc.integer()),
  rect: fc.record({ x: fc.double(), y: fc.double(), w: fc.double(), h: fc.double() }),
  key: fc.constantFrom('7', 'Enter', 'Escape', '', 'x'.repeat(70)),
  layout: fc.constantFrom('columns', 'grid', 'off', 'spiral'),
  tool: fc.constantFrom('ui.set', 'ui.append', 'ui.compute', 'fs.write', 'nope'),
  args: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  direction: fc.constantFrom(1, -1, 0),
  dialog_id: fc.integer(),
  notification_id: fc.integer(),
  data: fc.string({ maxLength: 20 }),
  cols: fc.integer({ min: -5, max: 100_000 }),
  rows: fc.integer({ min: -5, max: 100_000 }),
};
const message = fc.oneof(
  fc.tuple(fc.constantFrom(...TYPES), fc.record(FIELDS, { requiredKeys: [] })).map(([type, rest]) => ({ type, ...rest })),
  fc.dictionary(fc.constantFrom('type', 'app_id', 'x', 'y', 'w', 'h', 'zone', 'data', 'cols', 'rows', 'mode', 'id'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
).map((v) => JSON.stringify(v));
const junk = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('{', '', 'null', '[', '\u0000', '{"type":"ping"'));

describe('the /stream WebSocket under random messages', () => {
  it('answers, never closes a client, and keeps the others syncing', { timeout: 120_000 }, async () => {
    const t = await serve();
    const fuzzer = await WsClient.open(t);
    const other = await WsClient.open(t);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(message, junk), async (m) => {
        // Chat and generation start model work; they have their own tests.
        fc.pre(!/"type":"(chat|generate_ui)"/.test(m));
        const id = ++n;
        fuzzer.send(m);
        fuzzer.send({ type: 'ping', id: 1e6 + id });
        // Messages are handled in order: once the ping is answered, the random one was too.
        await fuzzer.next((r) => r.type === 'pong' && r.id === 1e6 + id, 5000);
        expect(fuzzer.ws.readyState).toBe(fuzzer.ws.OPEN);
      }),
      { numRuns: RUNS },
    );
    for (const e of fuzzer.messages.filter((r) => r.type === 'error')) {
      expect(typeof e.error).toBe('string');
      expect(e.error).not.toMatch(/\n|\s+at .+:\d+/);
    }
    // The other client was never disturbed and still follows the desktop.
    expect(other.messages.some((r) => r.type === 'error')).toBe(false);
    other.send({ type: 'ping', id: 1 });
    expect(await other.after((r) => r.type === 'pong')).toMatchObject({ id: 1 });
    expect(other.ws.readyState).toBe(other.ws.OPEN);
  });
});
