import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBlueprint } from '../../src/blueprint/parse.js';
import { desktop } from '../tui/desktop/harness.js';
import { FUZZ_RUNS } from './helpers.js';

/**
 * Random terminal input into the desktop (keys, prefix commands, SGR mouse reports with
 * any coordinates, pastes, broken escape sequences): the desktop never throws, keeps a
 * consistent workspace, keeps drawing a full frame, and still obeys the keyboard after.
 */
const RUNS = Math.max(30, Math.round(FUZZ_RUNS / 10));

const app = (file: string) => parseBlueprint(readFileSync(path.resolve('apps', file), 'utf8'), file);

const PREFIX = '\x01'; // Ctrl+A
const key = fc.oneof(
  fc.constantFrom('\t', '\x1b[Z', '\r', ' ', '\x7f', '\x1b', '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[H', '\x1b[F', '\x1b[5~', '\x1b[6~', '\x1bOP', '\x0b', '\x10', '\x03'),
  fc.constantFrom('0', '1', '7', '+', '=', 'a', 'q', 'x', '?', 'k', 'é', '💥'),
  // Window commands behind the prefix (Ctrl+A q quits: left out, the harness has nothing to quit).
  fc.constantFrom('c', 'n', 'p', 'm', 'z', 'h', 'j', 'l', 'H', 'J', 'K', 'L', 't', 'T', '1', '5', '9', '\t', 'x', '?', '\x01').map((k) => PREFIX + k),
);
const mouse = fc
  .tuple(fc.constantFrom(0, 1, 2, 32, 35, 64, 65, 3, 255), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 120 }), fc.boolean())
  .map(([b, x, y, press]) => `\x1b[<${b};${x};${y}${press ? 'M' : 'm'}`);
const junk = fc.oneof(
  fc.constantFrom('\x1b[', '\x1b[<', '\x1b[<0;', '\x1b[999999999999;1H', '\x1b]0;title\x07', '\x1bP+q\x1b\\', '\x1b[200~', '\x1b[201~', '\x1b[?1049h', '\x00', '\x1b[1;5A'),
  fc.string({ maxLength: 8 }),
  fc.string({ maxLength: 30 }).map((s) => `\x1b[200~${s}\x1b[201~`),
);
const input = fc.array(fc.oneof({ weight: 5, arbitrary: key }, { weight: 3, arbitrary: mouse }, { weight: 1, arbitrary: junk }), { minLength: 1, maxLength: 30 });

describe('the desktop under random input', () => {
  it('never throws, keeps its workspace consistent, and still answers the keyboard', { timeout: 120_000 }, async () => {
    const h = await desktop([app('utilities/calculator.bp'), app('productivity/notes.bp')], { cols: 100, rows: 30 });
    await h.rt.launchApp('calculator');
    await h.rt.launchApp('notes');
    await fc.assert(
      fc.asyncProperty(input, async (seq) => {
        for (const chunk of seq) expect(() => h.type(chunk), JSON.stringify(seq)).not.toThrow();
        await new Promise((r) => setImmediate(r));
        const d = h.rt.getSnapshot();
        // Every window belongs to a running app, the stack holds exactly the running apps.
        expect([...d.stack].sort()).toEqual(Object.keys(d.apps).sort());
        for (const id of Object.keys(d.windows)) expect(d.apps[id], JSON.stringify(seq)).toBeDefined();
        if (d.focused !== null) expect(d.apps[d.focused]).toBeDefined();
        // A whole frame, no taller than the terminal.
        const lines = h.screen().split('\n');
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.length).toBeLessThanOrEqual(30);
        // Leave overlays and menus, and put back what random input closed.
        h.type('\x1b\x1b');
        for (const id of ['calculator', 'notes']) if (!Object.values(h.rt.getSnapshot().apps).some((a) => a.appId === id)) await h.rt.launchApp(id);
      }),
      { numRuns: RUNS },
    );
    // Still obeys: the spotlight opens on Ctrl+K and finds an app.
    h.type('\x1b\x1b\x0b');
    h.type('calc');
    await h.until(/calc/i);
  });
});
