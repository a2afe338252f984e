import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as W from '../../src/runtime/windows.js';

const close = (a: W.Rect, b: W.Rect) => {
  for (const k of ['x', 'y', 'w', 'h'] as const) expect(a[k], k).toBeCloseTo(b[k], 9);
};
const inside = (r: W.Rect) => r.x >= -1e-12 && r.y >= -1e-12 && r.x + r.w <= 1 + 1e-12 && r.y + r.h <= 1 + 1e-12;
const area = (rs: W.Rect[]) => rs.reduce((s, r) => s + r.w * r.h, 0);
const overlaps = (a: W.Rect, b: W.Rect) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1e-9 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1e-9;
const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `w${i}` }));

describe('snap zones', () => {
  it('has nine zones, each a rectangle on the desktop', () => {
    expect(W.SNAP_ZONES).toHaveLength(9);
    for (const z of W.SNAP_ZONES) expect(inside(W.rectForZone(z))).toBe(true);
    close(W.rectForZone('left'), { x: 0, y: 0, w: 0.5, h: 1 });
    close(W.rectForZone('right'), { x: 0.5, y: 0, w: 0.5, h: 1 });
    close(W.rectForZone('top'), { x: 0, y: 0, w: 1, h: 0.5 });
    close(W.rectForZone('bottom'), { x: 0, y: 0.5, w: 1, h: 0.5 });
    close(W.rectForZone('top-left'), { x: 0, y: 0, w: 0.5, h: 0.5 });
    close(W.rectForZone('bottom-right'), { x: 0.5, y: 0.5, w: 0.5, h: 0.5 });
    close(W.rectForZone('maximize'), W.FULL);
  });

  it('the four quarter zones tile the desktop exactly', () => {
    const quarters = (['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const).map(W.rectForZone);
    expect(area(quarters)).toBeCloseTo(1, 12);
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) expect(overlaps(quarters[i]!, quarters[j]!)).toBe(false);
  });

  it('rectForZone returns a copy, not the table', () => {
    const r = W.rectForZone('left');
    r.w = 0.9;
    expect(W.rectForZone('left').w).toBe(0.5);
  });

  it('finds the zone under a dragged pointer', () => {
    expect(W.snapZoneAt({ x: 0.5, y: 0.5 })).toBeNull();
    expect(W.snapZoneAt({ x: 0, y: 0.5 })).toBe('left');
    expect(W.snapZoneAt({ x: 1, y: 0.5 })).toBe('right');
    expect(W.snapZoneAt({ x: 0.5, y: 1 })).toBe('bottom');
    expect(W.snapZoneAt({ x: 0.5, y: 0 })).toBe('maximize');
    expect(W.snapZoneAt({ x: 0.2, y: 0 })).toBe('top');
    expect(W.snapZoneAt({ x: 0.8, y: 0 })).toBe('top');
    expect(W.snapZoneAt({ x: 0, y: 0 })).toBe('top-left');
    expect(W.snapZoneAt({ x: 1, y: 0 })).toBe('top-right');
    expect(W.snapZoneAt({ x: 0, y: 1 })).toBe('bottom-left');
    expect(W.snapZoneAt({ x: 1, y: 1 })).toBe('bottom-right');
    // Along an edge, within the corner's reach.
    expect(W.snapZoneAt({ x: 0.05, y: 0.01 })).toBe('top-left');
    expect(W.snapZoneAt({ x: 0.01, y: 0.95 })).toBe('bottom-left');
  });

  it('takes the edge and corner sizes a view gives (one cell of a small terminal)', () => {
    expect(W.snapZoneAt({ x: 0.04, y: 0.5 })).toBeNull();
    expect(W.snapZoneAt({ x: 0.04, y: 0.5 }, 0.05)).toBe('left');
    expect(W.snapZoneAt({ x: 0.15, y: 0 }, 0.02, 0.2)).toBe('top-left');
  });

  it('every point maps to nothing or one of the nine zones', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y) => {
        const z = W.snapZoneAt({ x, y });
        return z === null || W.isSnapZone(z);
      }),
    );
  });
});

describe('rectangles', () => {
  it('clampRect enforces the minimum size and keeps the window on the desktop', () => {
    close(W.clampRect({ x: 0.9, y: 0.9, w: 0.05, h: 0.05 }, { w: 0.2, h: 0.3 }), { x: 0.8, y: 0.7, w: 0.2, h: 0.3 });
    close(W.clampRect({ x: -0.5, y: -1, w: 2, h: 2 }), W.FULL);
    close(W.clampRect({ x: 0.1, y: 0.1, w: 0.5, h: 0.5 }), { x: 0.1, y: 0.1, w: 0.5, h: 0.5 });
  });

  it('moveRect stops at the edges', () => {
    close(W.moveRect({ x: 0.5, y: 0.5, w: 0.4, h: 0.4 }, 0.5, 0.5), { x: 0.6, y: 0.6, w: 0.4, h: 0.4 });
    close(W.moveRect({ x: 0.1, y: 0.1, w: 0.4, h: 0.4 }, -1, -1), { x: 0, y: 0, w: 0.4, h: 0.4 });
  });

  it('resizeRect moves the dragged edge and keeps the opposite one', () => {
    const r = { x: 0.2, y: 0.2, w: 0.4, h: 0.4 };
    close(W.resizeRect(r, 'right', 0.1, 0), { x: 0.2, y: 0.2, w: 0.5, h: 0.4 });
    close(W.resizeRect(r, 'left', -0.1, 0), { x: 0.1, y: 0.2, w: 0.5, h: 0.4 });
    close(W.resizeRect(r, 'top', 0, -0.1), { x: 0.2, y: 0.1, w: 0.4, h: 0.5 });
    close(W.resizeRect(r, 'bottom-right', 0.1, 0.1), { x: 0.2, y: 0.2, w: 0.5, h: 0.5 });
    close(W.resizeRect(r, 'top-left', -0.1, -0.1), { x: 0.1, y: 0.1, w: 0.5, h: 0.5 });
    // Never below the minimum, never off the desktop; the opposite edge stays.
    close(W.resizeRect(r, 'right', -1, 0, { w: 0.1, h: 0.1 }), { x: 0.2, y: 0.2, w: 0.1, h: 0.4 });
    close(W.resizeRect(r, 'left', 1, 0, { w: 0.1, h: 0.1 }), { x: 0.5, y: 0.2, w: 0.1, h: 0.4 });
    close(W.resizeRect(r, 'bottom', 0, 5), { x: 0.2, y: 0.2, w: 0.4, h: 0.8 });
  });

  it('resizing anything, anywhere, stays on the desktop and above the minimum', () => {
    const edges: W.ResizeEdge[] = ['left', 'right', 'top', 'bottom', 'top-left', 'top-right', 'bottom-left', 'bottom-right'];
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, unit, fc.constantFrom(...edges), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (x, y, w, h, edge, dx, dy) => {
        const min = { w: 0.1, h: 0.1 };
        const r = W.resizeRect(W.clampRect({ x, y, w, h }, min), edge, dx, dy, min);
        return inside(r) && r.w >= min.w - 1e-9 && r.h >= min.h - 1e-9;
      }),
    );
  });

  it('contains and windowAt hit-test from the top of the stack', () => {
    const rects = { a: { x: 0, y: 0, w: 0.6, h: 0.6 }, b: { x: 0.4, y: 0.4, w: 0.6, h: 0.6 }, c: null };
    expect(W.windowAt(['a', 'b', 'c'], rects, { x: 0.5, y: 0.5 })).toBe('b');
    expect(W.windowAt(['b', 'a'], rects, { x: 0.5, y: 0.5 })).toBe('a');
    expect(W.windowAt(['a', 'b'], rects, { x: 0.1, y: 0.9 })).toBeNull();
    expect(W.contains(rects.a, { x: 0.6, y: 0.1 })).toBe(false);
  });
});

describe('cascade', () => {
  it('opens each new window a step down and right of the last', () => {
    const a = W.cascade(0);
    const b = W.cascade(1);
    expect(b.x - a.x).toBeCloseTo(W.CASCADE_STEP, 9);
    expect(b.y - a.y).toBeCloseTo(W.CASCADE_STEP, 9);
    close(a, { x: 0, y: 0, ...W.DEFAULT_SIZE });
  });

  it('wraps before a window would leave the desktop, and never stacks a later round exactly', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) {
      const r = W.cascade(n, { w: 0.8, h: 0.8 }, 0.05);
      expect(inside(r)).toBe(true);
      seen.add(`${r.x.toFixed(6)},${r.y.toFixed(6)}`);
    }
    expect(W.cascade(5, { w: 0.8, h: 0.8 }, 0.05).y).toBeCloseTo(0, 9);
    expect(seen.size).toBeGreaterThan(5);
  });

  it('a full-size window always opens at the origin', () => {
    for (let n = 0; n < 5; n++) close(W.cascade(n, { w: 1, h: 1 }), W.FULL);
  });
});

describe('tiling', () => {
  for (const layout of W.TILE_LAYOUTS) {
    it(`${layout}: for 1..12 windows, covers the desktop exactly with no overlap`, () => {
      for (let n = 1; n <= 12; n++) {
        const rects = Object.values(W.tile(ids(n), layout));
        expect(rects).toHaveLength(n);
        expect(area(rects)).toBeCloseTo(1, 9);
        for (const r of rects) expect(inside(r)).toBe(true);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(overlaps(rects[i]!, rects[j]!), `${layout} ${n}: ${i}/${j}`).toBe(false);
      }
    });
  }

  it('columns and rows split evenly in order', () => {
    const cols = W.tile(ids(4), 'columns');
    close(cols.w0!, { x: 0, y: 0, w: 0.25, h: 1 });
    close(cols.w3!, { x: 0.75, y: 0, w: 0.25, h: 1 });
    const rows = W.tile(ids(2), 'rows');
    close(rows.w1!, { x: 0, y: 0.5, w: 1, h: 0.5 });
  });

  it('grid: 5 windows are 3 + 2, the last row widened', () => {
    const g = W.tile(ids(5), 'grid');
    close(g.w0!, { x: 0, y: 0, w: 1 / 3, h: 0.5 });
    close(g.w3!, { x: 0, y: 0.5, w: 0.5, h: 0.5 });
    close(g.w4!, { x: 0.5, y: 0.5, w: 0.5, h: 0.5 });
  });

  it('main-and-stack: the first window takes the main share, the rest stack on the right', () => {
    const m = W.tile(ids(3), 'main-and-stack', { mainRatio: 0.6 });
    close(m.w0!, { x: 0, y: 0, w: 0.6, h: 1 });
    close(m.w1!, { x: 0.6, y: 0, w: 0.4, h: 0.5 });
    close(m.w2!, { x: 0.6, y: 0.5, w: 0.4, h: 0.5 });
    close(W.tile(ids(1), 'main-and-stack').w0!, W.FULL);
  });

  it('no windows, no rectangles', () => {
    expect(W.tile([], 'grid')).toEqual({});
  });
});

describe('window states', () => {
  const base = W.newWindow('a', { x: 0.1, y: 0.1, w: 0.4, h: 0.4 });

  it('a new window is normal and floating where it was placed', () => {
    expect(W.windowState(base)).toBe('normal');
    close(W.displayRect(base)!, base.rect);
  });

  it('maximize, fullscreen and snap change where it is drawn; restore brings back the floating rectangle', () => {
    close(W.displayRect(W.maximize(base))!, W.FULL);
    expect(W.windowState(W.fullscreen(base))).toBe('fullscreen');
    const snapped = W.snap(base, 'left');
    close(W.displayRect(snapped)!, W.rectForZone('left'));
    close(W.displayRect(W.restore(snapped))!, base.rect);
    close(W.displayRect(W.restore(W.maximize(base)))!, base.rect);
    expect(W.windowState(W.snap(base, 'maximize'))).toBe('maximized');
  });

  it('minimize hides it; restore un-minimizes to what it was (maximized stays maximized)', () => {
    const m = W.minimize(W.maximize(base));
    expect(W.windowState(m)).toBe('minimized');
    expect(W.displayRect(m)).toBeNull();
    const back = W.restore(m);
    expect(W.windowState(back)).toBe('maximized');
    expect(W.windowState(W.restore(back))).toBe('normal');
  });

  it('toggleMaximize flips between maximized and normal', () => {
    const once = W.toggleMaximize(base);
    expect(once.mode).toBe('maximized');
    expect(W.toggleMaximize(once).mode).toBe('normal');
  });

  it('placing a window leaves any zone, tile or maximize, and respects the minimum', () => {
    const p = W.place({ ...W.snap(base, 'right'), tiled: W.FULL }, { x: 0.95, y: 0.95, w: 0.01, h: 0.01 }, { w: 0.2, h: 0.2 });
    expect(p.zone).toBeNull();
    expect(p.tiled).toBeNull();
    close(p.rect, { x: 0.8, y: 0.8, w: 0.2, h: 0.2 });
  });

  it('a tiled window is drawn in its tile until restored', () => {
    const t = { ...base, tiled: { x: 0.5, y: 0, w: 0.5, h: 1 } };
    close(W.displayRect(t)!, t.tiled);
    close(W.displayRect(W.restore(t))!, base.rect);
  });

  it('state functions never mutate their input', () => {
    const frozen = Object.freeze({ ...base, rect: Object.freeze({ ...base.rect }) }) as W.WindowGeometry;
    for (const f of [W.minimize, W.maximize, W.fullscreen, W.restore, W.toggleMaximize]) f(frozen);
    W.snap(frozen, 'top');
    W.place(frozen, W.FULL);
    expect(frozen.mode).toBe('normal');
  });
});

describe('z-order and focus', () => {
  it('raise puts a window on top, lower at the bottom, without duplicates', () => {
    expect(W.raise(['a', 'b', 'c'], 'a')).toEqual(['b', 'c', 'a']);
    expect(W.raise(['a', 'b', 'c'], 'c')).toEqual(['a', 'b', 'c']);
    expect(W.raise(['a'], 'z')).toEqual(['a', 'z']);
    expect(W.lower(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
  });

  it('cycles focus forward and back, skipping minimized windows and wrapping', () => {
    const order = [
      { id: 'a', minimized: false },
      { id: 'b', minimized: true },
      { id: 'c', minimized: false },
    ];
    expect(W.cycleFocus(order, 'a', 1)).toBe('c');
    expect(W.cycleFocus(order, 'c', 1)).toBe('a');
    expect(W.cycleFocus(order, 'a', -1)).toBe('c');
    expect(W.cycleFocus(order, null, 1)).toBe('a');
    expect(W.cycleFocus(order, null, -1)).toBe('c');
    expect(W.cycleFocus(order, 'b', 1)).toBe('c');
    expect(W.cycleFocus([{ id: 'a', minimized: true }], 'a')).toBeNull();
    expect(W.cycleFocus([], null)).toBeNull();
    expect(W.cycleFocus([{ id: 'a', minimized: false }], 'a')).toBe('a');
  });
});

describe('cells', () => {
  it('converts fractions to integer cells and back', () => {
    expect(W.toCells({ x: 0, y: 0, w: 0.5, h: 1 }, 80, 24)).toEqual({ x: 0, y: 0, w: 40, h: 24 });
    expect(W.fromCells({ x: 40, y: 12, w: 40, h: 12 }, 80, 24)).toEqual({ x: 0.5, y: 0.5, w: 0.5, h: 0.5 });
    expect(W.minSizeFor(20, 6, 80, 24)).toEqual({ w: 0.25, h: 0.25 });
    expect(W.minSizeFor(200, 6, 80, 24).w).toBe(1);
    expect(W.pointFromCell(0, 0, 10, 10)).toEqual({ x: 0.05, y: 0.05 });
  });

  it('tiled windows in any terminal size cover every cell exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.constantFrom(...W.TILE_LAYOUTS), fc.integer({ min: 20, max: 300 }), fc.integer({ min: 8, max: 100 }), (n, layout, cols, rows) => {
        const grid = new Uint8Array(cols * rows);
        for (const r of Object.values(W.tile(ids(n), layout))) {
          const c = W.toCells(r, cols, rows);
          for (let y = c.y; y < c.y + c.h; y++) for (let x = c.x; x < c.x + c.w; x++) grid[y * cols + x]!++;
        }
        return grid.every((v) => v === 1);
      }),
      { numRuns: 200 },
    );
  });

  it('the four quarters and the two halves share edges in cells for odd sizes', () => {
    for (const [cols, rows] of [[81, 25], [79, 23], [3, 3]] as const) {
      const l = W.toCells(W.rectForZone('left'), cols, rows);
      const r = W.toCells(W.rectForZone('right'), cols, rows);
      expect(l.x + l.w).toBe(r.x);
      expect(l.w + r.w).toBe(cols);
    }
  });
});
