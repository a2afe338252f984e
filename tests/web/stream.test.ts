import { describe, expect, it } from 'vitest';
import type { Desktop } from '../../src/runtime/types.js';
import { applyPatch } from '../../src/web/sync.js';
import { testServer, WsClient } from './helpers.js';

/** A client's copy of the desktop, kept by applying every patch it gets. */
function mirror(c: WsClient) {
  let desktop: Desktop | undefined;
  let applied = 0;
  const step = () => {
    for (; applied < c.messages.length; applied++) {
      const m = c.messages[applied];
      if (m.type === 'desktop') desktop = m.desktop;
      else if (m.type === 'patch' && desktop) desktop = applyPatch(desktop, m);
    }
    return desktop!;
  };
  return { get: step };
}

describe('the /stream WebSocket', () => {
  it('greets with system, then the whole desktop and the catalog', async () => {
    const t = await testServer();
    const c = await WsClient.open(t);
    const sys = await c.next((m) => m.type === 'system');
    expect(sys.timestamp).toBeGreaterThan(0);
    const d = await c.next((m) => m.type === 'desktop');
    expect(d.desktop.apps).toEqual({});
    expect(d.catalog.map((x: any) => x.id)).toEqual(['calculator']);
    expect(c.messages[0].type).toBe('system');
  });

  it('runs a click from the browser and patches every client to the same desktop', { timeout: 60_000 }, async () => {
    const t = await testServer();
    const a = await WsClient.open(t);
    const b = await WsClient.open(t);
    const ma = mirror(a);
    const mb = mirror(b);
    a.send({ type: 'launch', app_id: 'calculator', id: 1 });
    expect((await a.next((m) => m.type === 'ack' && m.id === 1)).result).toEqual({ app_id: 'calculator' });
    for (const [i, btn] of ['btn-7', 'btn-add', 'btn-3', 'btn-equals'].entries()) {
      a.send({ type: 'event', app_id: 'calculator', component: btn, event: 'click', id: 10 + i });
      // The first computation loads the math engine: seconds on a busy machine.
      await a.next((m) => m.type === 'ack' && m.id === 10 + i, 30_000);
    }
    await t.runtime.idle();
    const version = t.runtime.getSnapshot().version;
    await b.next((m) => m.type === 'patch' && m.version === version);
    await a.next((m) => m.type === 'patch' && m.version === version);
    expect(mb.get().apps.calculator!.state.display).toBe('10');
    expect(ma.get()).toEqual(JSON.parse(JSON.stringify(t.runtime.getSnapshot())));
    expect(mb.get()).toEqual(ma.get());
  });

  it('moves, snaps, minimizes and closes windows, and tiles', async () => {
    const t = await testServer();
    const c = await WsClient.open(t);
    const id = await t.runtime.launch((await t.web.context.catalog.load('calculator')));
    let n = 0;
    const send = async (m: object) => {
      const mid = ++n;
      c.send({ ...m, id: mid });
      const r = await c.next((x) => (x.type === 'ack' || x.type === 'error') && x.id === mid);
      expect(r.type).toBe('ack');
    };
    await send({ type: 'window', app_id: id, action: 'place', rect: { x: 0.1, y: 0.1, w: 0.4, h: 0.4 } });
    expect(t.runtime.getSnapshot().windows[id]!.rect).toEqual({ x: 0.1, y: 0.1, w: 0.4, h: 0.4 });
    await send({ type: 'window', app_id: id, action: 'snap', zone: 'left' });
    expect(t.runtime.getSnapshot().windows[id]!.zone).toBe('left');
    await send({ type: 'window', app_id: id, action: 'minimize' });
    expect(t.runtime.getSnapshot().windows[id]!.minimized).toBe(true);
    await send({ type: 'window', app_id: id, action: 'focus' });
    expect(t.runtime.getSnapshot().windows[id]!.minimized).toBe(false);
    await send({ type: 'tile', layout: 'columns' });
    expect(t.runtime.getSnapshot().windows[id]!.tiled).toEqual({ x: 0, y: 0, w: 1, h: 1 });
    await send({ type: 'tile', layout: 'off' });
    await send({ type: 'window', app_id: id, action: 'close' });
    expect(t.runtime.getSnapshot().apps[id]).toBeUndefined();
    c.send({ type: 'window', app_id: id, action: 'minimize', id: 99 });
    expect((await c.next((x) => x.type === 'error' && x.id === 99)).code).toBe('ESRCH');
  });

  it('streams a generation with the original messages, each with a timestamp', async () => {
    const t = await testServer();
    const c = await WsClient.open(t);
    c.send({ type: 'generate_ui', message: 'a calculator', context: {} });
    await c.next((m) => m.type === 'complete');
    const types = c.messages.map((m) => m.type).filter((x) => !['system', 'desktop', 'patch', 'ack', 'catalog'].includes(x));
    expect(types).toEqual(['generation_start', 'thought', 'token', 'generation_token', 'ui_component', 'ui_generated', 'ui_complete', 'complete']);
    const done = c.messages.find((m) => m.type === 'ui_complete');
    expect(done).toMatchObject({ app_id: 'generated' });
    expect(done.ui_spec.app.id).toBe('generated');
    for (const m of c.messages) expect(typeof m.timestamp).toBe('number');
    expect(t.runtime.getSnapshot().apps.generated).toBeDefined();
  });

  it('answers a chat message: the exchange lands in the desktop chat', async () => {
    const t = await testServer();
    const c = await WsClient.open(t);
    c.send({ type: 'chat', message: 'make me a calculator' });
    await c.next((m) => m.type === 'complete');
    await t.runtime.idle();
    const chat = t.runtime.getSnapshot().chat;
    expect(chat.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(chat[1]!.content).toMatch(/Made "Generated"/);
    expect(t.runtime.getSnapshot().apps.generated).toBeDefined();
    expect(c.messages.some((m) => m.type === 'thought')).toBe(true);
  });

  it('refuses tools a page may not call directly', async () => {
    const t = await testServer();
    const c = await WsClient.open(t);
    const id = await t.runtime.launch(await t.web.context.catalog.load('calculator'));
    c.send({ type: 'tool', app_id: id, tool: 'system.clipboard.copy', args: { text: 'x' }, id: 1 });
    expect((await c.next((m) => m.type === 'error' && m.id === 1)).code).toBe('EACCES');
    c.send({ type: 'tool', app_id: id, tool: 'ui.set', args: { key: 'display', value: '5' }, id: 2 });
    await c.next((m) => m.type === 'ack' && m.id === 2);
    expect(t.runtime.getSnapshot().apps[id]!.state.display).toBe('5');
  });

  it('catches up a client that asks for the whole desktop again', async () => {
    const t = await testServer();
    const c = await WsClient.open(t);
    await t.runtime.launch(await t.web.context.catalog.load('calculator'));
    c.send({ type: 'sync' });
    const d = await c.after((m) => m.type === 'desktop');
    expect(Object.keys(d.desktop.apps)).toEqual(['calculator']);
  });
});
