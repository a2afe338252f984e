/**
 * Window geometry as pure functions, shared by the terminal and the browser views.
 * Rectangles are fractions of the desktop area ({x, y, w, h} in 0..1), so one layout
 * restores in any terminal size or browser window; views convert to cells or pixels.
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface Size {
  w: number;
  h: number;
}

export const SNAP_ZONES = ['left', 'right', 'top', 'bottom', 'top-left', 'top-right', 'bottom-left', 'bottom-right', 'maximize'] as const;
export type SnapZone = (typeof SNAP_ZONES)[number];

export const TILE_LAYOUTS = ['columns', 'rows', 'grid', 'main-and-stack'] as const;
export type TileLayout = (typeof TILE_LAYOUTS)[number];

/** normal | maximized | fullscreen; minimized is a flag so a window restores to what it was. */
export type WindowMode = 'normal' | 'maximized' | 'fullscreen';
export type WindowState = WindowMode | 'minimized';

export interface WindowGeometry {
  id: string;
  /** The floating rectangle: used when mode is normal and no zone is set. */
  rect: Rect;
  mode: WindowMode;
  /** Snapped or tiled into this rectangle's zone; null when floating. */
  zone: SnapZone | null;
  /** A tiled rectangle (set by tile()), used like a zone: restore() returns to `rect`. */
  tiled: Rect | null;
  minimized: boolean;
}

export const FULL: Rect = Object.freeze({ x: 0, y: 0, w: 1, h: 1 });

/** The original's defaults (800×600 on a ~1440×900 desktop; minimum 400×300). */
export const DEFAULT_SIZE: Size = { w: 0.55, h: 0.6 };
export const DEFAULT_MIN: Size = { w: 0.15, h: 0.15 };
export const CASCADE_STEP = 0.03;
/** How close to an edge (as a fraction) a drag must come to snap; views may pass their own. */
export const SNAP_EDGE = 0.02;
/** How far along an edge a corner zone reaches. */
export const SNAP_CORNER = 0.1;

const ZONE_RECTS: Record<SnapZone, Rect> = {
  left: { x: 0, y: 0, w: 0.5, h: 1 },
  right: { x: 0.5, y: 0, w: 0.5, h: 1 },
  top: { x: 0, y: 0, w: 1, h: 0.5 },
  bottom: { x: 0, y: 0.5, w: 1, h: 0.5 },
  'top-left': { x: 0, y: 0, w: 0.5, h: 0.5 },
  'top-right': { x: 0.5, y: 0, w: 0.5, h: 0.5 },
  'bottom-left': { x: 0, y: 0.5, w: 0.5, h: 0.5 },
  'bottom-right': { x: 0.5, y: 0.5, w: 0.5, h: 0.5 },
  maximize: FULL,
};

export const isSnapZone = (s: string): s is SnapZone => (SNAP_ZONES as readonly string[]).includes(s);
export const isTileLayout = (s: string): s is TileLayout => (TILE_LAYOUTS as readonly string[]).includes(s);

export function rectForZone(zone: SnapZone): Rect {
  return { ...ZONE_RECTS[zone] };
}

/**
 * The zone a dragged window snaps to when the pointer is at `p`, or null. Near two edges
 * (within `corner` along them) is a corner; the top edge's middle third maximizes, the
 * rest of the top edge is the top half; left, right and bottom edges are their halves.
 */
export function snapZoneAt(p: Point, edge: number = SNAP_EDGE, corner: number = SNAP_CORNER): SnapZone | null {
  const nearL = p.x <= edge;
  const nearR = p.x >= 1 - edge;
  const nearT = p.y <= edge;
  const nearB = p.y >= 1 - edge;
  const inL = p.x <= corner;
  const inR = p.x >= 1 - corner;
  const inT = p.y <= corner;
  const inB = p.y >= 1 - corner;
  if ((nearT && inL) || (nearL && inT)) return 'top-left';
  if ((nearT && inR) || (nearR && inT)) return 'top-right';
  if ((nearB && inL) || (nearL && inB)) return 'bottom-left';
  if ((nearB && inR) || (nearR && inB)) return 'bottom-right';
  if (nearT) return p.x >= 1 / 3 && p.x <= 2 / 3 ? 'maximize' : 'top';
  if (nearL) return 'left';
  if (nearR) return 'right';
  if (nearB) return 'bottom';
  return null;
}

// ---- rectangles ----------------------------------------------------------------------

const clamp01 = (n: number) => (n < 0 ? 0 : n > 1 ? 1 : n);

/** At least the minimum size (never more than the desktop) and wholly on the desktop. */
export function clampRect(r: Rect, min: Size = DEFAULT_MIN): Rect {
  const w = Math.min(1, Math.max(r.w, min.w, 0));
  const h = Math.min(1, Math.max(r.h, min.h, 0));
  return { x: clamp01(Math.min(r.x, 1 - w)), y: clamp01(Math.min(r.y, 1 - h)), w, h };
}

/** Moved by (dx, dy), kept on the desktop. */
export function moveRect(r: Rect, dx: number, dy: number): Rect {
  return { x: clamp01(Math.min(r.x + dx, 1 - r.w)), y: clamp01(Math.min(r.y + dy, 1 - r.h)), w: r.w, h: r.h };
}

export type ResizeEdge = 'left' | 'right' | 'top' | 'bottom' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** Resized by dragging an edge or corner by (dx, dy); the opposite edge stays put. */
export function resizeRect(r: Rect, edge: ResizeEdge, dx: number, dy: number, min: Size = DEFAULT_MIN): Rect {
  let left = r.x;
  let top = r.y;
  let right = r.x + r.w;
  let bottom = r.y + r.h;
  const minW = Math.min(1, min.w);
  const minH = Math.min(1, min.h);
  if (edge.includes('left')) left = Math.min(Math.max(0, left + dx), right - minW);
  if (edge.includes('right')) right = Math.max(Math.min(1, right + dx), left + minW);
  if (edge.includes('top')) top = Math.min(Math.max(0, top + dy), bottom - minH);
  if (edge.includes('bottom')) bottom = Math.max(Math.min(1, bottom + dy), top + minH);
  return clampRect({ x: left, y: top, w: right - left, h: bottom - top }, { w: minW, h: minH });
}

export function contains(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x < r.x + r.w && p.y >= r.y && p.y < r.y + r.h;
}

/** Where the n-th new window opens: stepping down and right, wrapping before it would overflow. */
export function cascade(n: number, size: Size = DEFAULT_SIZE, step: number = CASCADE_STEP): Rect {
  const w = Math.min(1, size.w);
  const h = Math.min(1, size.h);
  const room = Math.min(1 - w, 1 - h);
  const slots = step > 0 ? Math.floor(room / step + 1e-9) + 1 : 1;
  const i = ((n % slots) + slots) % slots;
  // Every other round starts half a step further right, so windows do not stack exactly.
  const shift = Math.floor(n / slots) % 2 ? step / 2 : 0;
  return { x: Math.min(1 - w, i * step + shift), y: i * step, w, h };
}

// ---- tiling --------------------------------------------------------------------------

/** Equal bands whose edges are exact fractions, so adjacent windows share edges. */
const band = (i: number, n: number, from = 0, to = 1) => {
  const a = from + ((to - from) * i) / n;
  const b = from + ((to - from) * (i + 1)) / n;
  return [a, b - a] as const;
};

/**
 * Rectangles for windows (in the given order) under a tiling layout. Grid fills rows of
 * ceil(sqrt(n)) columns, the last row's windows widened to leave no gap; main-and-stack
 * puts the first window on the left (`mainRatio` of the width) and stacks the rest.
 */
export function tile(windows: readonly { id: string }[], layout: TileLayout, opts: { mainRatio?: number } = {}): Record<string, Rect> {
  const n = windows.length;
  const out: Record<string, Rect> = {};
  if (n === 0) return out;
  const put = (i: number, r: Rect) => (out[windows[i]!.id] = r);
  switch (layout) {
    case 'columns':
      for (let i = 0; i < n; i++) {
        const [x, w] = band(i, n);
        put(i, { x, y: 0, w, h: 1 });
      }
      break;
    case 'rows':
      for (let i = 0; i < n; i++) {
        const [y, h] = band(i, n);
        put(i, { x: 0, y, w: 1, h });
      }
      break;
    case 'grid': {
      const cols = Math.ceil(Math.sqrt(n));
      const rows = Math.ceil(n / cols);
      for (let i = 0; i < n; i++) {
        const row = Math.floor(i / cols);
        const inRow = row === rows - 1 ? n - row * cols : cols;
        const [x, w] = band(i - row * cols, inRow);
        const [y, h] = band(row, rows);
        put(i, { x, y, w, h });
      }
      break;
    }
    case 'main-and-stack': {
      if (n === 1) {
        put(0, { ...FULL });
        break;
      }
      const ratio = Math.min(0.9, Math.max(0.1, opts.mainRatio ?? 0.6));
      put(0, { x: 0, y: 0, w: ratio, h: 1 });
      for (let i = 1; i < n; i++) {
        const [y, h] = band(i - 1, n - 1);
        put(i, { x: ratio, y, w: 1 - ratio, h });
      }
      break;
    }
  }
  return out;
}

// ---- window states -------------------------------------------------------------------

export function newWindow(id: string, rect: Rect): WindowGeometry {
  return { id, rect: { ...rect }, mode: 'normal', zone: null, tiled: null, minimized: false };
}

export function windowState(win: WindowGeometry): WindowState {
  return win.minimized ? 'minimized' : win.mode;
}

/** Where the window is drawn (null when minimized). */
export function displayRect(win: WindowGeometry): Rect | null {
  if (win.minimized) return null;
  if (win.mode !== 'normal') return FULL;
  if (win.zone) return ZONE_RECTS[win.zone];
  return win.tiled ?? win.rect;
}

export const minimize = (w: WindowGeometry): WindowGeometry => ({ ...w, minimized: true });
export const maximize = (w: WindowGeometry): WindowGeometry => ({ ...w, mode: 'maximized', minimized: false });
export const fullscreen = (w: WindowGeometry): WindowGeometry => ({ ...w, mode: 'fullscreen', minimized: false });
/** Un-minimizes first; a visible window goes back to its floating rectangle. */
export const restore = (w: WindowGeometry): WindowGeometry =>
  w.minimized ? { ...w, minimized: false } : { ...w, mode: 'normal', zone: null, tiled: null };
export const toggleMaximize = (w: WindowGeometry): WindowGeometry => (w.mode === 'maximized' && !w.minimized ? { ...w, mode: 'normal' } : maximize(w));
export const snap = (w: WindowGeometry, zone: SnapZone): WindowGeometry =>
  zone === 'maximize' ? maximize({ ...w, zone: null }) : { ...w, mode: 'normal', zone, tiled: null, minimized: false };
/** A new floating rectangle (moving or resizing leaves any zone or tile). */
export const place = (w: WindowGeometry, rect: Rect, min: Size = DEFAULT_MIN): WindowGeometry => ({
  ...w,
  rect: clampRect(rect, min),
  mode: 'normal',
  zone: null,
  tiled: null,
  minimized: false,
});

// ---- z-order and focus ---------------------------------------------------------------

/** Stacks are ids bottom to top. */
export function raise(stack: readonly string[], id: string): string[] {
  return [...stack.filter((s) => s !== id), id];
}

export function lower(stack: readonly string[], id: string): string[] {
  return [id, ...stack.filter((s) => s !== id)];
}

/**
 * The next (direction 1) or previous (-1) window to focus after `current` in `order`,
 * skipping minimized ones; null when none is visible.
 */
export function cycleFocus(order: readonly { id: string; minimized: boolean }[], current: string | null, direction: 1 | -1 = 1): string | null {
  const n = order.length;
  if (!n) return null;
  const at = current ? order.findIndex((w) => w.id === current) : -1;
  for (let step = 1; step <= n; step++) {
    const i = at < 0 ? (direction === 1 ? step - 1 : n - step) : (((at + direction * step) % n) + n) % n;
    const w = order[i]!;
    if (!w.minimized) return w.id;
  }
  return null;
}

/** The topmost window under a point (stack bottom to top, rects by id). */
export function windowAt(stack: readonly string[], rects: Readonly<Record<string, Rect | null>>, p: Point): string | null {
  for (let i = stack.length - 1; i >= 0; i--) {
    const r = rects[stack[i]!];
    if (r && contains(r, p)) return stack[i]!;
  }
  return null;
}

// ---- cells and pixels ----------------------------------------------------------------

export interface CellRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Integer cells for a terminal of cols×rows. Each edge is rounded on its own, so two
 * windows sharing an edge in fractions share it in cells: no overlap, no gap.
 */
export function toCells(r: Rect, cols: number, rows: number): CellRect {
  const x0 = Math.round(r.x * cols);
  const y0 = Math.round(r.y * rows);
  const x1 = Math.round((r.x + r.w) * cols);
  const y1 = Math.round((r.y + r.h) * rows);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export function fromCells(c: CellRect, cols: number, rows: number): Rect {
  return { x: c.x / cols, y: c.y / rows, w: c.w / cols, h: c.h / rows };
}

/** A minimum size given in cells (or pixels), as fractions of a desktop of that size. */
export function minSizeFor(minCols: number, minRows: number, cols: number, rows: number): Size {
  return { w: Math.min(1, minCols / Math.max(1, cols)), h: Math.min(1, minRows / Math.max(1, rows)) };
}

/** A pointer position in cells as a point in fractions (the cell's centre). */
export function pointFromCell(col: number, row: number, cols: number, rows: number): Point {
  return { x: (col + 0.5) / cols, y: (row + 0.5) / rows };
}
