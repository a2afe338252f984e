import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { parseBlueprint } from '../../src/blueprint/parse.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { createRuntime, memoryCatalog, type Runtime } from '../../src/runtime/index.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import { round, stats, type Suite } from '../harness.js';
import { guarded, notMeasured } from './guard.js';

const TOKEN = 'bench-token';
const ROUNDTRIP_GOAL = 'p99 <= 5 ms on loopback';

/** A /stream client that keeps its messages and resolves waits on a matching one. */
class StreamClient {
  private waiters: { pred: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  errors = 0;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      if (m.type === 'error') this.errors++;
      this.waiters = this.waiters.filter((w) => (w.pred(m) ? (w.resolve(m), false) : true));
    });
    ws.on('error', () => this.errors++);
  }
  static async open(base: string): Promise<StreamClient> {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/stream`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const c = new StreamClient(ws);
    const hello = c.next((m) => m.type === 'desktop');
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await hello;
    return c;
  }
  send(m: unknown) {
    this.ws.send(JSON.stringify(m));
  }
  next(pred: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching /stream message in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }
}

interface Served {
  web: WebServer;
  runtime: Runtime;
  base: string;
  calc: string;
  done(): Promise<void>;
}

/** The web server over a fresh kernel with the calculator running, limiter raised. */
async function serve(): Promise<Served> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'agentos-bench-'));
  const kernel = new Kernel({ home });
  const runtime = createRuntime({ kernel });
  const file = path.resolve('tests/runtime/fixtures/calculator.bp');
  const bp = parseBlueprint(readFileSync(file, 'utf8'), file);
  const web = await startWebServer({ runtime, catalog: memoryCatalog([bp]), port: 0, token: TOKEN, rateLimit: 10_000_000, spawnTerminals: false });
  const calc = await runtime.launch(bp);
  return {
    web,
    runtime,
    calc,
    base: web.url.replace(/\/$/, ''),
    async done() {
      await web.close();
      await runtime.shutdown();
      await kernel.shutdown();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A click sent on /stream to the patch that carries the new state back (what the page applies to its DOM). */
async function eventRoundtrip(s: Served) {
  const c = await StreamClient.open(s.base);
  const samples: number[] = [];
  for (let i = 0; i < 1100; i++) {
    const component = i % 8 === 7 ? 'btn-clear' : 'btn-7';
    const patch = c.next((m) => m.type === 'patch');
    const t = performance.now();
    c.send({ type: 'event', id: i, app_id: s.calc, component, event: 'click' });
    await patch;
    if (i >= 100) samples.push(performance.now() - t);
  }
  c.ws.close();
  if (c.errors) throw new Error(`${c.errors} errors on /stream`);
  return { ...stats(samples), note: 'WebSocket client on loopback: event message to the state patch, no browser', goal: ROUNDTRIP_GOAL };
}

const CHROMIUM = '/usr/lib/chromium/chromium';
/**
 * Clicks before measuring: Chromium's start-up work ends in the first second, but its JIT
 * (TurboFan, on the same two cores) keeps compiling the page's code for the first ~2,000
 * clicks (seen in a Chromium trace). What a user who has used the page for a while gets.
 */
const WARM_CLICKS = 3000;
const MEASURED_CLICKS = 1000;

/**
 * Clicks `n` times in the page (`press(i)`) and times each to the DOM change it causes,
 * inside the page: no driver round trips in the figure. The change is observed (a
 * MutationObserver fires right after the DOM changes), not polled: a polling loop competes
 * with the socket's message task for the page's thread.
 */
function clickTimes(page: import('playwright-core').Page, setup: string, n: number): Promise<number[]> {
  return page.evaluate(
    async ({ setup, n }) => {
      // The scene is picked by name: page.evaluate sends data, not code, into the page.
      const scenes = (window as unknown as { __bench: Record<string, () => { target: Element; read: () => string; press: (i: number) => void }> }).__bench;
      const { target, read, press } = scenes[setup]!();
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const before = read();
        const done = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the page stayed at ${before} for 5 s after a click`)), 5000);
          const mo = new MutationObserver(() => {
            if (read() === before) return;
            mo.disconnect();
            clearTimeout(timer);
            resolve();
          });
          mo.observe(target, { attributes: true, childList: true, subtree: true, characterData: true });
        });
        const t = performance.now();
        press(i);
        await done;
        out.push(performance.now() - t);
      }
      return out;
    },
    { setup, n },
  );
}

/** The scenes clickTimes drives, installed in each page before it loads. */
function installScenes(calcSelector: string) {
  const q = (sel: string) => document.querySelector(`${calcSelector} ${sel}`) as HTMLElement;
  (window as unknown as { __bench: unknown }).__bench = {
    // Our desktop: the calculator's 7 (every eighth click C, so the display stays short).
    calculator: () => {
      const input = () => q('[data-component-id="display"] input') as HTMLInputElement;
      return {
        target: q('[data-component-id="display"]'),
        read: () => input().value,
        press: (i: number) => {
          const el = q(`[data-component-id="${i % 8 === 7 ? 'btn-clear' : 'btn-7'}"]`);
          (el.querySelector('button') ?? el).click();
        },
      };
    },
    // The floor: a page that sends on a bare WebSocket and writes the echo into a div.
    echo: () => {
      const out = document.getElementById('echo')!;
      const ws = (window as unknown as { __echo: { send(d: string): void; onmessage: (e: { data: unknown }) => void } }).__echo;
      ws.onmessage = (e) => (out.textContent = String(e.data));
      return { target: out, read: () => out.textContent ?? '', press: (i: number) => ws.send(String(i)) };
    },
  };
}

/** A bare node:http + ws echo server with a one-div page: what a click costs with no app at all. */
async function echoServer() {
  const { WebSocketServer } = await import('ws');
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><div id="echo">-</div>');
  });
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  wss.on('connection', (ws) => ws.on('message', (m) => ws.send(String(m))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * A click in Chromium on the calculator's 7 to the display showing the new value, and the
 * same for a bare WebSocket echo page in the same browser (the floor this machine sets).
 * The first clicks after launch are reported apart (`cold`): Chromium is still starting.
 */
async function browserRoundtrip(s: Served) {
  if (!existsSync(CHROMIUM)) return notMeasured(ROUNDTRIP_GOAL, `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const echo = await echoServer();
  try {
    const win = `[data-app-id="${s.calc}"]`;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(installScenes, win);
    await page.goto(s.web.loginUrl);
    await page.waitForSelector('.shell[data-ready="yes"]', { timeout: 30_000 });
    await page.waitForSelector(`${win} [data-component-id="display"] input`, { timeout: 30_000 });
    const warming = await clickTimes(page, 'calculator', WARM_CLICKS);
    const ours = await clickTimes(page, 'calculator', MEASURED_CLICKS);

    const bare = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await bare.addInitScript(installScenes, win);
    await bare.goto(echo.url);
    await bare.evaluate(
      (url) =>
        new Promise<void>((resolve, reject) => {
          // window's WebSocket: this module's `WebSocket` is the ws package's.
          const ws = new window.WebSocket(url);
          (window as unknown as { __echo: unknown }).__echo = ws;
          ws.onopen = () => resolve();
          ws.onerror = () => reject(new Error(`no WebSocket at ${url}`));
        }),
      echo.url.replace('http', 'ws'),
    );
    const floorWarming = await clickTimes(bare, 'echo', WARM_CLICKS);
    const floor = await clickTimes(bare, 'echo', MEASURED_CLICKS);
    return {
      ...stats(ours),
      cold: stats(warming.slice(20, 220)),
      bare_websocket_echo: { ...stats(floor), cold: stats(floorWarming.slice(20, 220)) },
      note: `Chromium headless on loopback, click to the display input updated (MutationObserver), timed in the page; ${MEASURED_CLICKS} clicks after ${WARM_CLICKS} warming ones (cold: clicks 20-220 after launch); bare_websocket_echo: a one-div page and a bare ws echo server in the same browser`,
      goal: ROUNDTRIP_GOAL,
    };
  } finally {
    await browser.close();
    await echo.close();
  }
}

/** Requests a second from `concurrency` keep-alive clients for `ms`, in this process. */
async function load(url: string, headers: Record<string, string>, ms: number, concurrency = 16): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let done = 0;
  let failed = 0;
  const until = performance.now() + ms;
  const one = () =>
    new Promise<void>((resolve) => {
      http
        .get(url, { agent, headers }, (res) => {
          if (res.statusCode !== 200) failed++;
          res.resume().on('end', resolve);
        })
        .on('error', () => (failed++, resolve()));
    });
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      await one();
      done++;
    }
  }));
  const s = (performance.now() - t) / 1000;
  agent.destroy();
  if (failed) throw new Error(`${failed} of ${done} requests to ${url} failed`);
  return done / s;
}

async function httpRps(s: Served) {
  const body = JSON.stringify(await (await fetch(`${s.base}/apps`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json());
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  try {
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/apps`;
    await load(`${s.base}/apps`, { Authorization: `Bearer ${TOKEN}` }, 300);
    await load(bareUrl, {}, 300);
    const ours = await load(`${s.base}/apps`, { Authorization: `Bearer ${TOKEN}` }, 1500);
    const plain = await load(bareUrl, {}, 1500);
    return { get_apps: Math.round(ours), bare_node_http: Math.round(plain), ratio: round(ours / plain, 2), concurrency: 16, note: 'load generator in the same process, keep-alive, same body', goal: 'report beside a bare node:http server' };
  } finally {
    bare.closeAllConnections();
    await new Promise((r) => bare.close(r));
  }
}

/** 50 clients on /stream, each seeing every change, with no errors. */
async function wsClients(s: Served) {
  const clients: StreamClient[] = [];
  try {
    for (let i = 0; i < 50; i++) clients.push(await StreamClient.open(s.base));
    let synced = 0;
    const rounds = 20;
    for (let r = 0; r < rounds; r++) {
      const seen = clients.map((c) => c.next((m) => m.type === 'patch'));
      clients[r % clients.length]!.send({ type: 'event', app_id: s.calc, component: r % 8 === 7 ? 'btn-clear' : 'btn-7', event: 'click' });
      synced += (await Promise.allSettled(seen)).filter((x) => x.status === 'fulfilled').length;
    }
    const errors = clients.reduce((n, c) => n + c.errors, 0);
    return { clients: clients.length, held: clients.filter((c) => c.ws.readyState === WebSocket.OPEN).length, patches_received: synced, patches_expected: rounds * clients.length, errors, goal: '50 clients connected and syncing with no errors' };
  } finally {
    for (const c of clients) c.ws.close();
  }
}

/** The browser client as shipped: each built asset gzipped. */
function bundleSize() {
  const dir = path.resolve('dist/web/assets');
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f));
  if (!files.length) throw new Error(`no built client in ${dir}: run node scripts/build.mjs`);
  const kb = (ext: string) => round(files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length, 0) / 1024, 1);
  const js = kb('.js');
  const css = kb('.css');
  return { js_gzip_kb: js, css_gzip_kb: css, total_gzip_kb: round(js + css, 1), goal: '<= 300' };
}

/** Issue 8: the web server and client. */
export const web: Suite = {
  name: 'web',
  issue: 8,
  async run() {
    const out: Record<string, unknown> = { web_bundle_kb: await guarded('<= 300', async () => bundleSize()) };
    const s = await serve();
    try {
      out.web_event_roundtrip_ms = {
        browser: await guarded(ROUNDTRIP_GOAL, () => browserRoundtrip(s), 90_000),
        websocket: await guarded(ROUNDTRIP_GOAL, () => eventRoundtrip(s)),
        goal: ROUNDTRIP_GOAL,
      };
      out.http_rps = await guarded('report beside a bare node:http server', () => httpRps(s));
      out.ws_clients_held = await guarded('50 clients connected and syncing with no errors', () => wsClients(s));
    } finally {
      await s.done();
    }
    return out;
  },
};
