import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../../src/blueprint/types.js';
import { click, desktop, find } from './harness.js';

/** Braille cells with at least one dot (U+2801–U+28FF). */
const dots = (s: string) => [...s].filter((ch) => ch > '\u2800' && ch <= '\u28ff').length;

/** A canvas with no commands of its own: a button writes them into the canvas's state key, as apps do. */
const sketch: Blueprint = {
  app: { id: 'sketch', name: 'Sketch', permissions: ['MINIMAL'] },
  services: [],
  ui: {
    title: 'Sketch',
    layout: 'vertical',
    components: [
      { type: 'button', id: 'draw', props: { text: 'Draw' }, on_event: { click: [{ tool: 'ui.set', args: { key: 'pad', value: [{ op: 'rect', x: 0, y: 0, w: 99, h: 49, fill: true }] } }] } },
      { type: 'canvas', id: 'pad', props: { width: 100, height: 50 } },
    ],
    lifecycle: {},
  },
};

describe('canvas in a window', () => {
  it('draws the commands an app keeps in the canvas state key', async () => {
    const h = await desktop([sketch]);
    const id = await h.rt.launchApp('sketch');
    await h.until('Draw');
    expect(dots(h.screen())).toBe(0);
    const at = find(h.screen(), 'Draw');
    h.type(click(at.x, at.y));
    await h.until(() => Array.isArray(h.rt.getSnapshot().apps[id]!.state.pad));
    await h.until(() => dots(h.screen()) > 20);
    // A filled rectangle over the whole canvas: full cells.
    expect(h.screen()).toContain('⣿⣿⣿⣿');
  });
});
