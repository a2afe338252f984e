import type { Core } from './core.js';
import { nextFocus } from './lifecycle.js';
import type { Desktop } from './types.js';
import * as W from './windows.js';

/**
 * Window commands for views (keyboard, mouse, API): each one is a store change built from
 * the pure functions of windows.ts. Unknown ids are ignored, as a stale click would be.
 */
export interface WindowCommands {
  move(id: string, dx: number, dy: number): void;
  resize(id: string, edge: W.ResizeEdge, dx: number, dy: number, min?: W.Size): void;
  /** Set the floating rectangle (leaves any zone, tile, maximize). */
  place(id: string, rect: W.Rect, min?: W.Size): void;
  snap(id: string, zone: W.SnapZone): void;
  minimize(id: string): void;
  maximize(id: string): void;
  toggleMaximize(id: string): void;
  fullscreen(id: string): void;
  restore(id: string): void;
  raise(id: string): void;
  lower(id: string): void;
  /** Tile the visible windows (bottom to top order) with a layout. */
  tile(layout: W.TileLayout, opts?: { mainRatio?: number }): void;
  /** Release every tiled window back to its floating rectangle. */
  untile(): void;
  /** Focus the next (1) or previous (-1) visible window in stacking order; returns its id. */
  cycle(direction?: 1 | -1): Promise<string | null>;
}

export function windowCommands(core: Core, focus: (id: string) => Promise<void>): WindowCommands {
  const change = (id: string, fn: (w: W.WindowGeometry) => W.WindowGeometry, extra?: (d: Desktop, windows: Desktop['windows']) => Partial<Desktop>) =>
    core.store.update((d) => {
      const w = d.windows[id];
      if (!w) return null;
      const next = fn(w);
      if (next === w) return null;
      const windows = { ...d.windows, [id]: next };
      return { windows, ...extra?.(d, windows) };
    });
  /** Minimizing the focused window hands the focus to the next visible one. */
  const refocus = (d: Desktop, windows: Desktop['windows']) => (d.focused && windows[d.focused]?.minimized ? { focused: nextFocus(d.stack, windows) } : {});
  const current = (id: string) => core.store.getSnapshot().windows[id];

  return {
    move: (id, dx, dy) => change(id, (w) => W.place(w, W.moveRect(W.displayRect(w) ?? w.rect, dx, dy))),
    resize: (id, edge, dx, dy, min) => change(id, (w) => W.place(w, W.resizeRect(W.displayRect(w) ?? w.rect, edge, dx, dy, min), min)),
    place: (id, rect, min) => change(id, (w) => W.place(w, rect, min)),
    snap: (id, zone) => change(id, (w) => W.snap(w, zone)),
    minimize: (id) => change(id, W.minimize, refocus),
    maximize: (id) => change(id, W.maximize),
    toggleMaximize: (id) => change(id, W.toggleMaximize),
    fullscreen: (id) => change(id, W.fullscreen),
    restore: (id) => change(id, W.restore),
    raise: (id) => core.store.update((d) => (d.windows[id] ? { stack: W.raise(d.stack, id) } : null)),
    lower: (id) => core.store.update((d) => (d.windows[id] ? { stack: W.lower(d.stack, id) } : null)),
    tile(layout, opts) {
      core.store.update((d) => {
        const visible = d.stack.filter((id) => d.windows[id] && !d.windows[id]!.minimized).map((id) => ({ id }));
        if (!visible.length) return null;
        const rects = W.tile(visible, layout, opts);
        const windows = { ...d.windows };
        for (const { id } of visible) windows[id] = { ...windows[id]!, mode: 'normal', zone: null, tiled: rects[id]! };
        return { windows };
      });
    },
    untile() {
      core.store.update((d) => {
        const windows = { ...d.windows };
        let any = false;
        for (const [id, w] of Object.entries(windows)) if (w.tiled) (windows[id] = { ...w, tiled: null }), (any = true);
        return any ? { windows } : null;
      });
    },
    async cycle(direction = 1) {
      const d = core.store.getSnapshot();
      const order = d.stack.map((id) => ({ id, minimized: current(id)?.minimized ?? true }));
      const next = W.cycleFocus(order, d.focused, direction);
      if (next && next !== d.focused) await focus(next);
      return next;
    },
  };
}
