import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { COMPONENT_TYPES, type Component } from '../../../src/blueprint/types.js';
import { focusOrder, RENDERERS } from '../../../src/tui/components/index.js';
import { decodePng } from '../../../src/tui/components/png.js';
import { DIM, draw, INVERSE } from './draw.js';
import { plainLines } from '../../../src/tui/render/block.js';
import { textWidth } from '../../../src/tui/render/width.js';

const comp = (type: Component['type'], id: string, props: Record<string, unknown> = {}, children?: Component[]): Component => ({ type, id, props, ...(children ? { children } : {}) });

describe('renderer table', () => {
  it('has a renderer for every one of the 23 component types', () => {
    expect(COMPONENT_TYPES).toHaveLength(23);
    for (const t of COMPONENT_TYPES) expect(RENDERERS[t], t).toBeDefined();
  });

  it('draws every type at its width without throwing', () => {
    for (const t of COMPONENT_TYPES) {
      const d = draw({ type: t, props: { text: 'x', content: 'x', src: 'a.png', open: true } }, { width: 24 });
      expect(d.block.width, t).toBeLessThanOrEqual(24);
      // Every line exactly as wide as the block says: layouts rely on it.
      for (const l of plainLines(d.block)) expect(textWidth(l), t).toBe(d.block.width);
    }
  });

  it('strips control sequences from app text before drawing it', () => {
    const d = draw({ type: 'text', props: { content: 'safe\x1b]0;pwned\x07\x1b[2Jtext\x1b[31m!' } });
    expect(d.frame).not.toContain(']0;');
    expect(d.frame).not.toContain('\x1b[2J');
    expect(d.text).toContain('safetext!');
  });
});

describe('button', () => {
  it('draws the label in brackets, and variants filled', () => {
    expect(draw({ type: 'button', props: { text: 'OK' } }).lines[0]!.trim()).toBe('[ OK ]');
    const primary = draw({ type: 'button', props: { text: 'Go', variant: 'primary' } });
    expect(primary.text.trim()).toBe('Go');
    expect(primary.frame).toMatch(/\x1b\[[0-9;]*44/); // blue background
    expect(draw({ type: 'button', props: { text: 'Del', variant: 'danger' } }).frame).toMatch(/\x1b\[[0-9;]*41/);
  });

  it('shows focus inverted and disabled dim; fullWidth fills the row', () => {
    expect(draw({ type: 'button', id: 'b', props: { text: 'OK' } }, { view: { focus: 'b' } }).frame).toMatch(INVERSE);
    expect(draw({ type: 'button', props: { text: 'OK', disabled: true } }).frame).toMatch(DIM);
    const wide = draw({ type: 'button', props: { text: 'OK', fullWidth: true } }, { width: 20 });
    expect(wide.lines[0]).toMatch(/^\[ +OK +\]$/);
    expect(wide.block.hits[0]).toMatchObject({ id: 'c1', w: 20 });
  });
});

describe('input', () => {
  it('shows the placeholder when empty and the value otherwise', () => {
    expect(draw({ type: 'input', props: { placeholder: 'Your name' } }).text).toContain('Your name');
    expect(draw({ type: 'input', id: 'n' }, { state: { n: 'Ada' } }).text).toContain('Ada');
  });

  it('masks passwords', () => {
    const d = draw({ type: 'input', id: 'p', props: { type: 'password' } }, { state: { p: 'secret' } });
    expect(d.text).toContain('••••••');
    expect(d.text).not.toContain('secret');
  });

  it('draws the cursor where typing goes and scrolls long values to it', () => {
    const d = draw({ type: 'input', id: 'n' }, { state: { n: 'hello' }, view: { focus: 'n', cursor: { n: 1 } } });
    expect(d.block.cursor).toEqual({ x: 2, y: 0 });
    expect(d.frame).toMatch(/\x1b\[[0-9;]*7[0-9;]*me/); // the "e" under the cursor is inverse
    const long = draw({ type: 'input', id: 'n' }, { width: 10, state: { n: 'abcdefghijklmnopqrstuvwxyz' }, view: { focus: 'n' } });
    expect(long.text).toContain('tuvwxyz');
    expect(long.text).not.toContain('abc');
  });

  it('shows an error message in red and disabled dim', () => {
    const d = draw({ type: 'input', props: { error: 'required' } });
    expect(d.lines[1]).toContain('required');
    expect(draw({ type: 'input', props: { disabled: true, value: 'x' } }).frame).toMatch(DIM);
  });
});

describe('text', () => {
  it('wraps to the width and aligns', () => {
    const d = draw({ type: 'text', props: { content: 'one two three four five six' } }, { width: 10 });
    expect(d.lines.length).toBeGreaterThan(2);
    expect(d.lines.every((l) => l.length <= 10)).toBe(true);
    expect(draw({ type: 'text', props: { content: 'hi', align: 'right' } }, { width: 6 }).lines[0]).toBe('    hi');
  });

  it('shows state written by tools (ui.set on its id)', () => {
    expect(draw({ type: 'text', id: 'display', props: { content: '0' } }, { state: { display: '10' } }).text.trim()).toBe('10');
  });

  it('styles variants: h1 bold and upper case, caption dim', () => {
    const h1 = draw({ type: 'text', props: { content: 'Title', variant: 'h1' } });
    expect(h1.text).toContain('TITLE');
    expect(h1.frame).toMatch(/\x1b\[(?:[0-9;]*;)?1(?:;[0-9;]*)?m/);
    expect(draw({ type: 'text', props: { content: 'note', variant: 'caption' } }).frame).toMatch(DIM);
  });
});

describe('checkbox and radio', () => {
  it('show their state, focus and disabled', () => {
    expect(draw({ type: 'checkbox', props: { label: 'Agree', checked: true } }).text).toContain('[x] Agree');
    expect(draw({ type: 'checkbox', id: 'a', props: { label: 'Agree' } }, { state: { a: false } }).text).toContain('[ ] Agree');
    expect(draw({ type: 'radio', props: { label: 'Red', name: 'color', value: 'red' } }, { state: { color: 'red' } }).text).toContain('(•) Red');
    expect(draw({ type: 'radio', id: 'r', props: { label: 'Blue', name: 'color', value: 'blue' } }, { state: { color: 'red' }, view: { focus: 'r' } }).frame).toMatch(INVERSE);
    expect(draw({ type: 'checkbox', props: { label: 'x', disabled: true } }).frame).toMatch(DIM);
  });
});

describe('slider', () => {
  it('places the knob by value and gives the track a hit with its range', () => {
    const d = draw({ type: 'slider', id: 's', props: { min: 0, max: 10, value: 5 } }, { width: 20 });
    expect(d.text).toContain('●');
    expect(d.text).toContain(' 5');
    const track = d.block.hits.find((h) => h.part === 'track')!;
    expect(track.value).toMatchObject({ min: 0, max: 10, step: 1 });
    const at0 = draw({ type: 'slider', props: { value: 0 } }, { width: 20 }).lines[0]!;
    const at100 = draw({ type: 'slider', props: { value: 100 } }, { width: 20 }).lines[0]!;
    expect(at0.indexOf('●')).toBeLessThan(at100.indexOf('●'));
  });
});

describe('container, grid and list', () => {
  it('stacks children in a column and lays a row side by side', () => {
    const col = draw(comp('container', 'c', {}, [comp('text', 't1', { content: 'A' }), comp('text', 't2', { content: 'B' })]));
    expect(col.lines.map((l) => l.trim())).toEqual(['A', 'B']);
    const row = draw(comp('container', 'r', { layout: 'horizontal' }, [comp('button', 'b1', { text: '1' }), comp('button', 'b2', { text: '2' })]));
    expect(row.lines[0]).toMatch(/\[ 1 \] \[ 2 \]/);
    expect(row.block.hits.map((h) => h.id)).toEqual(['b1', 'b2']);
  });

  it('grid puts children in equal columns', () => {
    const g = draw(comp('grid', 'g', { columns: 3 }, ['7', '8', '9', '4'].map((n) => comp('button', `b${n}`, { text: n }))), { width: 20 });
    expect(g.lines[0]).toMatch(/\[ +7 +\] \[ +8 +\] \[ +9 +\]/);
    expect(g.lines[1]).toMatch(/^\[ +4 +\]/);
    const b8 = g.block.hits.find((h) => h.id === 'b8')!;
    expect(b8.y).toBe(0);
    expect(b8.x).toBeGreaterThan(0);
  });

  it('a container with maxHeight scrolls to the focused child and shows a scrollbar', () => {
    const kids = Array.from({ length: 20 }, (_, i) => comp('button', `b${i}`, { text: `item ${i}` }));
    const d = draw(comp('container', 'c', { maxHeight: 5 }, kids), { view: { focus: 'b15' } });
    expect(d.lines).toHaveLength(5);
    expect(d.text).toContain('item 15');
    expect(d.text).not.toContain('item 0 ');
    expect(d.text).toMatch(/[┃│]/);
  });

  it('a list of thousands of items draws only the rows in view', () => {
    const items = Array.from({ length: 5000 }, (_, i) => `row ${i}`);
    const d = draw(comp('list', 'l', { items }), { viewport: 8, view: { focus: 'l', highlight: { l: 4000 } } });
    expect(d.lines).toHaveLength(8);
    expect(d.text).toContain('row 4000');
    expect(d.block.hits.filter((h) => h.part === 'item')).toHaveLength(8);
    expect(d.block.hits.find((h) => h.part === 'scroll')!.value).toMatchObject({ total: 5000 });
  });

  it('a list of child components is virtualized too, and striped / bordered variants draw', () => {
    const kids = Array.from({ length: 3000 }, (_, i) => comp('text', `t${i}`, { content: `child ${i}` }));
    const d = draw(comp('list', 'l', {}, kids), { viewport: 6, view: { scroll: { l: 100 } } });
    expect(d.lines).toHaveLength(6);
    expect(d.text).toContain('child 100');
    expect(draw(comp('list', 'l', { items: ['a'], variant: 'bordered' })).text).toMatch(/╭/);
  });
});

describe('select', () => {
  it('shows the chosen option closed, and its options when open', () => {
    const props = { options: ['Red', { label: 'Green', value: 'g' }, 'Blue'] };
    expect(draw({ type: 'select', id: 's', props }, { state: { s: 'g' } }).text).toContain('Green ▾'.slice(0, 5));
    const open = draw({ type: 'select', id: 's', props }, { state: { s: 'g' }, view: { focus: 's', open: 's', highlight: { s: 2 } } });
    expect(open.lines).toHaveLength(4);
    expect(open.text).toContain('✓ Green');
    expect(open.block.hits.filter((h) => h.part === 'option').map((h) => h.value)).toEqual([0, 1, 2]);
    expect(draw({ type: 'select', props: { ...props, disabled: true } }).frame).toMatch(DIM);
  });
});

describe('textarea', () => {
  it('wraps its value over its rows and shows the cursor row', () => {
    const d = draw({ type: 'textarea', id: 't', props: { rows: 3 } }, { width: 12, state: { t: 'line one\nline two\nline three\nline four' }, view: { focus: 't' } });
    expect(d.lines).toHaveLength(3);
    expect(d.text).toContain('line four');
    expect(d.block.cursor!.y).toBe(2);
    expect(draw({ type: 'textarea', props: { placeholder: 'Write…' } }).text).toContain('Write…');
  });
});

describe('badge, card, divider, progress', () => {
  it('badge draws its text on a colored background', () => {
    const d = draw({ type: 'badge', props: { text: 'NEW', variant: 'success' } });
    expect(d.text.trim()).toBe('NEW');
    expect(d.frame).toMatch(/\x1b\[[0-9;]*42/);
  });

  it('card frames its children with title and footer', () => {
    const d = draw(comp('card', 'k', { title: 'Stats', footer: 'today' }, [comp('text', 't', { content: 'body' })]));
    expect(d.lines[0]).toContain('Stats');
    expect(d.lines[1]).toContain('body');
    expect(d.lines[2]).toContain('today');
  });

  it('divider spans the width; dashed uses dashes', () => {
    expect(draw({ type: 'divider' }, { width: 8 }).lines[0]).toBe('────────');
    expect(draw({ type: 'divider', props: { variant: 'dashed' } }, { width: 4 }).lines[0]).toBe('╌╌╌╌');
  });

  it('progress fills by value', () => {
    const half = draw({ type: 'progress', props: { value: 50 } }, { width: 14 });
    expect(half.text).toContain('50%');
    expect(half.text).toContain('█████');
    expect(draw({ type: 'progress', props: { value: 3, max: 4 } }).text).toContain('75%');
  });
});

describe('modal and tabs', () => {
  it('modal draws nothing closed, and an overlay with its children when open', () => {
    expect(draw(comp('modal', 'm', { title: 'Hi' }, [comp('text', 't', { content: 'inside' })])).lines.filter(Boolean)).toHaveLength(0);
    const open = draw(comp('modal', 'm', { title: 'Hi' }, [comp('text', 't', { content: 'inside' })]), { state: { m: true } });
    const o = open.block.overlays![0]!;
    expect(o.center).toBe(true);
    expect(o.block.lines.join('\n')).toContain('inside');
    expect(o.block.hits.find((h) => h.part === 'close')).toBeDefined();
  });

  it('focus stays inside an open modal', () => {
    const ui = [comp('button', 'outside'), comp('modal', 'm', { open: true }, [comp('button', 'ok'), comp('button', 'cancel')])];
    expect(focusOrder(ui, {})).toEqual(['ok', 'cancel']);
    expect(focusOrder(ui, { m: false })).toEqual(['outside']);
  });

  it('tabs show the titles and only the active child', () => {
    const ui = comp('tabs', 'tb', {}, [comp('container', 'one', { label: 'One' }, [comp('text', 'x', { content: 'first' })]), comp('container', 'two', { label: 'Two' }, [comp('text', 'y', { content: 'second' })])]);
    const d = draw(ui);
    expect(d.lines[0]).toContain('One');
    expect(d.lines[0]).toContain('Two');
    expect(d.text).toContain('first');
    expect(d.text).not.toContain('second');
    expect(draw(ui, { state: { tb: 'two' } }).text).toContain('second');
    expect(d.block.hits.filter((h) => h.part === 'tab').map((h) => h.value)).toEqual(['one', 'two']);
    expect(draw(ui, { view: { focus: 'tb' } }).frame).toMatch(INVERSE);
  });
});

describe('app-shortcut', () => {
  it('draws icon and name, list and card variants with the description', () => {
    expect(draw({ type: 'app-shortcut', props: { name: 'Notes', icon: '*' } }).text).toContain('Notes');
    expect(draw({ type: 'app-shortcut', props: { name: 'Notes', icon: '*', description: 'write', variant: 'list' } }).text).toContain('Notes — write');
    expect(draw({ type: 'app-shortcut', props: { name: 'Notes', description: 'write', variant: 'card' } }).text).toMatch(/╭[\s\S]*write/);
  });
});

describe('image, video, audio, iframe, canvas', () => {
  it('image without a decoded source is a labelled placeholder', () => {
    const d = draw({ type: 'image', props: { src: '/home/cat.png', alt: 'A cat' } });
    expect(d.text).toContain('A cat');
    expect(d.text).toContain('/home/cat.png');
  });

  it('image draws decoded pixels in half blocks', () => {
    const png = tinyPng(4, 4, (x, y) => (y < 2 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
    const img = decodePng(png);
    expect(img).toMatchObject({ width: 4, height: 4 });
    const d = draw({ type: 'image', props: { src: 'x.png' } }, { width: 4, assets: { image: () => img } });
    expect(d.text).toContain('▀▀▀▀');
    expect(d.frame).toMatch(/38;5;196|31|91/); // red on top
  });

  it('video, audio and iframe show their source and the way to open the web view', () => {
    for (const [type, word] of [['video', 'Video'], ['audio', 'Audio'], ['iframe', 'Web page']] as const) {
      const d = draw({ type, props: { src: 'https://example.com/x' } }, { width: 60 });
      expect(d.text).toContain(word);
      expect(d.text).toContain('https://example.com/x');
      expect(d.text).toContain('--web');
      expect(d.block.hits[0]).toMatchObject({ part: 'open-web' });
    }
  });

  it('canvas draws its commands in braille cells', () => {
    const d = draw(
      {
        type: 'canvas',
        props: {
          width: 40,
          height: 20,
          commands: [
            { op: 'line', x1: 0, y1: 0, x2: 39, y2: 0 },
            { op: 'rect', x: 2, y: 8, w: 10, h: 8, fill: true, color: 'red' },
            { op: 'circle', x: 30, y: 10, r: 5 },
            { op: 'text', x: 20, y: 16, text: 'hi' },
            { op: 'point', x: 39, y: 19 },
          ],
        },
      },
      { width: 20 },
    );
    expect(d.lines[0]).toMatch(/^[⠀-⣿]+/);
    expect(d.lines[0]!.startsWith('⠉')).toBe(true);
    expect(d.text).toContain('hi');
    expect(d.text).toMatch(/⣿/);
  });
});

/** A PNG made here (truecolor + alpha, no filter), so the decoder test needs no fixture file. */
function tinyPng(w: number, h: number, px: (x: number, y: number) => number[]): Buffer {
  const raw: number[] = [];
  for (let y = 0; y < h; y++) {
    raw.push(0);
    for (let x = 0; x < w; x++) raw.push(...px(x, y));
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(raw))), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
