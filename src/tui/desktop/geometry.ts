import { displayRect, toCells, type CellRect, type WindowGeometry } from '../../runtime/windows.js';

/**
 * Where things are on the screen, in cells: the menu bar on the first row, the dock on the
 * last, windows in between (a fullscreen window covers all). Pure, so drawing and the mouse
 * agree on every rectangle.
 */
export interface ScreenLayout {
  cols: number;
  rows: number;
  /** The desktop area between menu bar and dock. */
  area: CellRect;
}

export const MIN_WINDOW = { cols: 20, rows: 5 };

export function screenLayout(cols: number, rows: number): ScreenLayout {
  return { cols, rows, area: { x: 0, y: 1, w: cols, h: Math.max(1, rows - 2) } };
}

/** A window's cells on screen, or null when minimized. */
export function windowCells(win: WindowGeometry, s: ScreenLayout): CellRect | null {
  if (win.minimized) return null;
  if (win.mode === 'fullscreen') return { x: 0, y: 0, w: s.cols, h: s.rows };
  const r = displayRect(win);
  if (!r) return null;
  const c = toCells(r, s.area.w, s.area.h);
  const w = Math.max(Math.min(MIN_WINDOW.cols, s.area.w), c.w);
  const h = Math.max(Math.min(MIN_WINDOW.rows, s.area.h), c.h);
  return { x: Math.min(c.x, s.area.w - w), y: s.area.y + Math.min(c.y, s.area.h - h), w, h };
}

export const inside = (r: CellRect, x: number, y: number) => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
