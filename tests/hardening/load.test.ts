import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBlueprint } from '../../src/blueprint/parse.js';
import { formatError } from '../../src/kernel/errors.js';
import { appRuntimeOptions, openRegistry } from '../../src/runtime/registry/index.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { displayRect, toCells, type Rect } from '../../src/runtime/windows.js';
import { kernelError, onCleanup, tempDir, testKernel } from '../helpers/kernel.js';
import { fixture, testServer, WsClient } from '../web/helpers.js';

/**
 * Many of everything at once: apps in the registry, windows on the desktop, WebSocket
 * clients and their messages, queued bytes. Each test checks that things still work and
 * stay within their limits; how fast is for `npm run bench`.
 */

const bulkApp = (i: number) =>
  JSON.stringify({ app: { id: `bulk-${String(i).padStart(5, '0')}`, name: `Bulk ${i}`, category: 'utilities' }, ui: { components: [{ type: 'text', id: 'hello', props: { content: `app ${i}` } }] } });

const EPS = 1e-9;
function expectValidRect(r: Rect | null, what: string) {
  expect(r, what).not.toBeNull();
  const { x, y, w, h } = r!;
  for (const v of [x, y, w, h]) expect(Number.isFinite(v), `${what}: ${JSON.stringify(r)}`).toBe(true);
  expect(w > 0 && h > 0, `${what} has a size: ${JSON.stringify(r)}`).toBe(true);
  expect(x >= -EPS && y >= -EPS && x + w <= 1 + EPS && y + h <= 1 + EPS, `${what} lies on the desktop: ${JSON.stringify(r)}`).toBe(true);
}

describe('load: the registry, windows, WebSocket clients, IPC', () => {
  it('10,000 saved apps: the registry opens them all, lists them, and launches one', async () => {
    const home = tempDir();
    const dir = path.join(home, 'apps');
    mkdirSync(dir);
    const N = 10_000;
    for (let i = 0; i < N; i++) writeFileSync(path.join(dir, `bulk-${String(i).padStart(5, '0')}.bp`), bulkApp(i));
    const kernel = testKernel({ home });
    const { registry, problems } = await openRegistry(kernel);
    expect(problems).toEqual([]);
    const listed = await registry.list();
    expect(listed.filter((e) => e.id.startsWith('bulk-'))).toHaveLength(N);
    expect(registry.get('bulk-09999')).toMatchObject({ name: 'Bulk 9999', source: 'saved' });

    const runtime = createRuntime({ kernel, headless: true, ...appRuntimeOptions(registry) });
    onCleanup(() => runtime.shutdown());
    const id = await runtime.launchApp('bulk-04242');
    expect(runtime.props(id, 'hello').content).toBe('app 4242');
  }, 60_000);

  it('100 windows in one runtime: each has a rectangle on the desktop, tiling keeps them apart, closing all leaves no process', async () => {
    const kernel = testKernel();
    const runtime = createRuntime({ kernel, headless: true });
    onCleanup(() => runtime.shutdown());
    const before = new Set(kernel.procs.list().map((p) => p.pid));
    const bp = parseBlueprint(bulkApp(1), 'bulk.bp');
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push(await runtime.launch(bp));
    expect(new Set(ids).size).toBe(100);

    let d = runtime.getSnapshot();
    expect(Object.keys(d.windows)).toHaveLength(100);
    expect(d.stack).toHaveLength(100);
    for (const id of ids) expectValidRect(displayRect(d.windows[id]!), `window ${id}`);

    runtime.windows.tile('grid');
    d = runtime.getSnapshot();
    const cells = ids.map((id) => {
      const r = displayRect(d.windows[id]!);
      expectValidRect(r, `tiled window ${id}`);
      return toCells(r!, 200, 60);
    });
    // Tiled, no two windows overlap (in cells of a 200×60 terminal).
    const overlap = (a: (typeof cells)[number], b: (typeof cells)[number]) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) expect(overlap(cells[i]!, cells[j]!), `windows ${ids[i]} and ${ids[j]}`).toBe(false);

    const appPids = ids.map((id) => d.apps[id]!.pid);
    for (const id of ids) await runtime.close(id);
    await runtime.idle();
    d = runtime.getSnapshot();
    expect(Object.keys(d.apps)).toEqual([]);
    expect(Object.keys(d.windows)).toEqual([]);
    for (const pid of appPids) expect(kernel.procs.get(pid), `process ${pid}`).toBeUndefined();
    expect(kernel.procs.list().filter((p) => !before.has(p.pid) && p.kind === 'app')).toEqual([]);
  }, 60_000);

  it('100 WebSocket clients and a flood of messages: the flooder is rate limited, the server still answers and every client keeps syncing', async () => {
    const t = await testServer({ rateLimit: 100 });
    const clients: WsClient[] = [];
    for (let i = 0; i < 100; i++) clients.push(await WsClient.open(t));
    await Promise.all(clients.map((c) => c.next((m) => m.type === 'desktop')));

    // One client floods: well-formed pings, broken JSON, unknown types, far past its rate.
    const [flooder, ...others] = clients as [WsClient, ...WsClient[]];
    for (let i = 0; i < 1500; i++) flooder.send(i % 3 === 0 ? { type: 'ping', id: i } : i % 3 === 1 ? '{not json' : { type: 'no-such-type', id: i });
    // Every other client sends a small burst of its own at the same time, within its rate.
    others.forEach((c, n) => {
      for (let i = 0; i < 5; i++) c.send({ type: 'ping', id: `${n}-${i}` });
    });
    await Promise.all(others.map((c, n) => c.next((m) => m.type === 'pong' && m.id === `${n}-4`, 20_000)));
    const refused = await flooder.next((m) => m.type === 'error' && m.code === 'EAGAIN', 20_000);
    expect(refused.error).toMatch(/^too many messages: wait \d+ ms$/);
    expect(t.web.context.metrics.rateLimited).toBeGreaterThan(0);
    expect(others.some((c) => c.messages.some((m) => m.code === 'EAGAIN'))).toBe(false);

    // After the flood: a fresh ping is answered, and a change reaches every client.
    const late = clients[50]!;
    late.send({ type: 'ping', id: 'after' });
    await late.next((m) => m.type === 'pong' && m.id === 'after', 20_000);
    await t.runtime.launch(fixture('calculator.bp'));
    await t.runtime.idle();
    const version = t.runtime.getSnapshot().version;
    await Promise.all(clients.map((c) => c.next((m) => (m.type === 'patch' || m.type === 'desktop') && m.version >= version, 20_000)));
    expect(t.web.context.metrics.wsOpen).toBe(100);
  }, 60_000);

  it('a flood of queued bytes stops at the 100 MB global limit with one ENOSPC line; other syscalls go on, and destroying frees it', async () => {
    const k = testKernel();
    const { id } = await k.syscall<{ id: number }>(k.userPid, 'queue.create', { capacity: 100 });
    const chunk = 'x'.repeat(16 * 1024 * 1024);
    let sent = 0;
    let refused: unknown;
    for (; sent < 10; sent++) {
      try {
        await k.syscall(k.userPid, 'queue.send', { id, data: chunk });
      } catch (e) {
        refused = e;
        break;
      }
    }
    expect(sent).toBe(6);
    expect(formatError(refused)).toBe('agentos: queue.send: ENOSPC: queued messages would exceed the 100 MB global limit; receive or destroy queued messages first');
    // Another queue is refused too (the limit is global), but the kernel still answers.
    const other = await k.syscall<{ id: number }>(k.userPid, 'queue.create', {});
    expect((await kernelError(k.syscall(k.userPid, 'queue.send', { id: other.id, data: chunk }))).code).toBe('ENOSPC');
    expect(await k.syscall(k.userPid, 'fs.write', { path: '/tmp/ok', content: 'ok' })).toMatchObject({ bytes: 2 });
    await k.syscall(k.userPid, 'queue.destroy', { id });
    expect(await k.syscall(k.userPid, 'queue.send', { id: other.id, data: chunk })).toMatchObject({ delivered: 1 });
  }, 30_000);
});
