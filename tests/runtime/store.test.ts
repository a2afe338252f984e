import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/runtime/store.js';
import { defineTool } from '../../src/runtime/tools/types.js';
import { StateTxn } from '../../src/runtime/txn.js';
import { blueprint, button, on, testRuntime } from './setup.js';

describe('store', () => {
  it('gives immutable snapshots with a version that grows by one per change', () => {
    const s = new Store();
    const seen: number[] = [];
    const off = s.subscribe((d, prev) => seen.push(d.version - prev.version));
    const a = s.getSnapshot();
    s.update(() => ({ clipboard: 'x' }));
    const b = s.getSnapshot();
    expect(b).not.toBe(a);
    expect(a.clipboard).toBe('');
    expect(b.version).toBe(a.version + 1);
    expect(s.update(() => null)).toBe(b);
    off();
    s.update(() => ({ clipboard: 'y' }));
    expect(seen).toEqual([1]);
  });

  it('a throwing listener does not stop other listeners or the change', () => {
    const s = new Store();
    let called = false;
    s.subscribe(() => {
      throw new Error('view broke');
    });
    s.subscribe(() => (called = true));
    s.update(() => ({ clipboard: 'z' }));
    expect(called).toBe(true);
    expect(s.getSnapshot().clipboard).toBe('z');
  });

  it('a state change copies only the app it touches (structural sharing)', async () => {
    const rt = testRuntime();
    const a = await rt.launch(blueprint([button('b', '1', on('ui.append'))], { id: 'a' }));
    const b = await rt.launch(blueprint([], { id: 'b' }));
    const before = rt.getSnapshot();
    await rt.dispatchEvent(a, { component: 'b', event: 'click' });
    const after = rt.getSnapshot();
    expect(after.apps[b]).toBe(before.apps[b]);
    expect(after.windows).toBe(before.windows);
    expect(after.apps[a]).not.toBe(before.apps[a]);
    expect(after.apps[a]!.version).toBe(before.apps[a]!.version + 1);
    expect(Object.isFrozen(after.apps[a]!.state)).toBe(true);
  });
});

describe('a tool run is a transaction', () => {
  it('a transaction reads its own writes and commits them onto the latest state', () => {
    const txn = new StateTxn({ a: 1, b: 2 });
    txn.set('a', 10);
    txn.delete('b');
    expect(txn.get('a')).toBe(10);
    expect(txn.get('b')).toBeUndefined();
    expect(txn.all()).toEqual({ a: 10 });
    // Another tool wrote c meanwhile: it is kept.
    expect(txn.apply({ a: 1, b: 2, c: 3 })).toEqual({ a: 10, c: 3 });
    const untouched = { a: 1 };
    expect(new StateTxn(untouched).apply(untouched)).toBe(untouched);
  });

  it('a tool that throws leaves no trace in state and becomes an error on its app', async () => {
    const half = defineTool({
      id: 'test.half',
      doc: 'writes, then fails',
      params: z.object({}),
      run(ctx) {
        ctx.state.set('display', 'half-written');
        ctx.desktop!.notify({ message: 'should not appear' });
        throw new Error('disk on fire');
      },
    });
    const rt = testRuntime({ tools: [half] });
    const id = await rt.launch(blueprint([{ type: 'input', id: 'display', props: { value: '0' } }, button('go', 'go', [{ tool: 'ui.set', args: { key: 'first', value: 1 } }, { tool: 'test.half' }, { tool: 'ui.set', args: { key: 'never', value: 1 } }])]));
    const version = rt.getSnapshot().apps[id]!.version;
    await rt.dispatchEvent(id, { component: 'go', event: 'click' });
    const app = rt.getSnapshot().apps[id]!;
    expect(app.state).toEqual({ display: '0', first: 1 });
    expect(rt.getSnapshot().notifications).toHaveLength(0);
    expect(app.errors).toEqual([expect.objectContaining({ code: 'ETOOL', message: 'disk on fire', tool: 'test.half', component: 'go', event: 'click' })]);
    expect(app.version).toBeGreaterThan(version);
  });

  it('an async tool commits its writes when it finishes, without undoing writes made meanwhile', async () => {
    let release!: () => void;
    const slow = defineTool({
      id: 'test.slow',
      doc: 'waits',
      params: z.object({}),
      async run(ctx) {
        ctx.state.set('slow', 'started');
        await new Promise<void>((r) => (release = r));
        ctx.state.set('slow', 'done');
      },
    });
    const rt = testRuntime({ tools: [slow] });
    const id = await rt.launch(blueprint([button('s', 's', on('test.slow')), button('f', 'f', on('ui.set', { key: 'fast', value: 1 }))]));
    const pending = rt.dispatchEvent(id, { component: 's', event: 'click' });
    await new Promise((r) => setTimeout(r, 5));
    expect(rt.getSnapshot().apps[id]!.state.slow).toBeUndefined();
    await rt.dispatchEvent(id, { component: 'f', event: 'click' });
    release();
    await pending;
    expect(rt.getSnapshot().apps[id]!.state).toEqual({ slow: 'done', fast: 1 });
  });

  it('a field\'s older change chain gives way to a newer one, however their awaits finish', async () => {
    const releases: (() => void)[] = [];
    const echo = defineTool({
      id: 'test.echo',
      doc: 'copies the field into `shown`, slowly',
      params: z.object({}),
      async run(ctx) {
        const typed = ctx.state.get('q');
        await new Promise<void>((r) => releases.push(r));
        ctx.state.set('shown', typed);
      },
    });
    const rt = testRuntime({ tools: [echo] });
    const id = await rt.launch(blueprint([{ type: 'input', id: 'q', props: { value: '' }, on_event: { change: [{ tool: 'test.echo' }, { tool: 'ui.set', args: { key: 'after', value: '{{state.q}}' } }] } }]));
    const first = rt.dispatchEvent(id, { component: 'q', event: 'change', value: 'ca' });
    const second = rt.dispatchEvent(id, { component: 'q', event: 'change', value: 'cat' });
    await new Promise((r) => setTimeout(r, 5));
    // The newer chain finishes first, the older one last: the field's last value stays shown.
    releases[1]!();
    await second;
    releases[0]!();
    await first;
    expect(rt.getSnapshot().apps[id]!.state).toMatchObject({ q: 'cat', shown: 'cat', after: 'cat' });
    expect(rt.getSnapshot().apps[id]!.errors).toEqual([]);
  });
});
