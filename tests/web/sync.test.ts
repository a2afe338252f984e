import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppInstance, Desktop } from '../../src/runtime/types.js';
import { EMPTY_DESKTOP } from '../../src/runtime/types.js';
import { newWindow } from '../../src/runtime/windows.js';
import { PatchGapError, applyPatch, diffDesktop } from '../../src/web/sync.js';

const app = (id: string, version = 0): AppInstance => ({
  id,
  appId: id,
  title: id,
  blueprint: { app: { id, name: id }, services: [], ui: { title: id, layout: 'vertical', components: [], lifecycle: {} } },
  state: {},
  errors: [],
  parent: null,
  pid: 10,
  startedAt: 0,
  version,
});

/** One change of the kind the runtime makes, with the same structural sharing. */
type Op =
  | { k: 'launch'; id: string }
  | { k: 'close'; id: string }
  | { k: 'set'; id: string; key: string; value: unknown }
  | { k: 'del'; id: string; key: string }
  | { k: 'move'; id: string; x: number }
  | { k: 'focus'; id: string }
  | { k: 'chat'; text: string }
  | { k: 'edit-chat'; text: string }
  | { k: 'notify'; text: string }
  | { k: 'clip'; text: string };

function step(d: Desktop, op: Op): Desktop {
  const v = { version: d.version + 1 };
  switch (op.k) {
    case 'launch':
      if (d.apps[op.id]) return d;
      return { ...d, ...v, apps: { ...d.apps, [op.id]: app(op.id) }, windows: { ...d.windows, [op.id]: newWindow(op.id, { x: 0, y: 0, w: 0.5, h: 0.5 }) }, stack: [...d.stack, op.id] };
    case 'close': {
      if (!d.apps[op.id]) return d;
      const { [op.id]: _a, ...apps } = d.apps;
      const { [op.id]: _w, ...windows } = d.windows;
      return { ...d, ...v, apps, windows, stack: d.stack.filter((s) => s !== op.id), focused: d.focused === op.id ? null : d.focused };
    }
    case 'set':
    case 'del': {
      const a = d.apps[op.id];
      if (!a) return d;
      const state: Record<string, unknown> = { ...a.state };
      if (op.k === 'set') state[op.key] = op.value;
      else delete state[op.key];
      return { ...d, ...v, apps: { ...d.apps, [op.id]: { ...a, state, version: a.version + 1 } } };
    }
    case 'move': {
      const w = d.windows[op.id];
      if (!w) return d;
      return { ...d, ...v, windows: { ...d.windows, [op.id]: { ...w, rect: { ...w.rect, x: op.x } } } };
    }
    case 'focus':
      return d.apps[op.id] ? { ...d, ...v, focused: op.id, stack: [...d.stack.filter((s) => s !== op.id), op.id] } : d;
    case 'chat':
      return { ...d, ...v, chat: [...d.chat.slice(-3), { id: d.version + 1, role: 'user', content: op.text, at: 0 }] };
    case 'edit-chat': {
      if (!d.chat.length) return d;
      const chat = d.chat.slice();
      chat[chat.length - 1] = { ...chat[chat.length - 1]!, content: op.text };
      return { ...d, ...v, chat };
    }
    case 'notify':
      return { ...d, ...v, notifications: [...d.notifications, { id: d.version, app: null, title: 't', message: op.text, level: 'info', at: 0 }] };
    case 'clip':
      return { ...d, ...v, clipboard: op.text };
  }
}

const ids = fc.constantFrom('a', 'b', 'c');
const keys = fc.constantFrom('x', 'y', 'display');
const json = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  ids.map((id) => ({ k: 'launch' as const, id })),
  ids.map((id) => ({ k: 'close' as const, id })),
  fc.record({ k: fc.constant('set' as const), id: ids, key: keys, value: json }),
  fc.record({ k: fc.constant('del' as const), id: ids, key: keys }),
  fc.record({ k: fc.constant('move' as const), id: ids, x: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
  ids.map((id) => ({ k: 'focus' as const, id })),
  fc.string().map((text) => ({ k: 'chat' as const, text })),
  fc.string().map((text) => ({ k: 'edit-chat' as const, text })),
  fc.string().map((text) => ({ k: 'notify' as const, text })),
  fc.string().map((text) => ({ k: 'clip' as const, text })),
);

/** What a view sees: the snapshot as it crosses the wire. */
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('desktop sync patches', () => {
  it('a client applying every patch (sent as JSON) holds the same desktop as the server', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { maxLength: 25 }), (batches) => {
        let server = EMPTY_DESKTOP;
        let client = wire(server);
        for (const batch of batches) {
          const before = server;
          for (const o of batch) server = step(server, o);
          const patch = diffDesktop(before, server);
          if (patch) client = applyPatch(client, wire(patch));
          expect(client).toEqual(wire(server));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sends only what changed: one state key, not the app or its Blueprint', () => {
    let d = step(EMPTY_DESKTOP, { k: 'launch', id: 'a' });
    d = step(d, { k: 'set', id: 'a', key: 'big', value: 'x'.repeat(10_000) });
    const next = step(d, { k: 'set', id: 'a', key: 'display', value: '7' });
    const patch = diffDesktop(d, next)!;
    expect(patch.apps).toEqual({ a: { version: 2, set: { display: '7' } } });
    expect(JSON.stringify(patch).length).toBeLessThan(120);
    expect(diffDesktop(next, next)).toBeNull();
  });

  it('refuses a patch that does not start from the client\'s version', () => {
    const a = step(EMPTY_DESKTOP, { k: 'launch', id: 'a' });
    const b = step(a, { k: 'clip', text: 'x' });
    expect(() => applyPatch(EMPTY_DESKTOP, diffDesktop(a, b)!)).toThrow(PatchGapError);
  });

  it('keeps unchanged apps and windows as the same objects (React skips them)', () => {
    const d = step(step(EMPTY_DESKTOP, { k: 'launch', id: 'a' }), { k: 'launch', id: 'b' });
    const client = wire(d);
    const next = step(d, { k: 'set', id: 'a', key: 'x', value: 1 });
    const applied = applyPatch(client, diffDesktop(d, next)!);
    expect(applied.apps.b).toBe(client.apps.b);
    expect(applied.windows).toBe(client.windows);
    expect(applied.apps.a).not.toBe(client.apps.a);
  });
});
