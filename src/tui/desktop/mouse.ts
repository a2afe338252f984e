import type { Hit } from '../render/block.js';
import type { MouseEvent } from '../input/events.js';
import type { Desktop } from '../../runtime/types.js';
import { fromCells, pointFromCell, resizeRect, snapZoneAt, type ResizeEdge } from '../../runtime/windows.js';
import { rendererOf } from '../components/index.js';
import { graphemes } from '../render/width.js';
import { activate, findComponent, pickOption, send, setSlider, switchTab } from './app-input.js';
import { chatPanel, dialogBox, dock, helpBox, menuBar, permissionBox, spotlightBox, toasts, type Placed } from './chrome.js';
import type { DesktopController } from './controller.js';
import { inside } from './geometry.js';
import { minSize, runAction, scrollRows } from './keys.js';
import { answerPermission, choose, currentResults } from './overlay-keys.js';
import { terminalMouse } from './terminal-mouse.js';
import { titleButtonAt } from './window-frame.js';
import { resolvedProps } from '../../runtime/components.js';
import { str } from '../components/util.js';

const WHEEL_ROWS = 3;

/** The hit under (x, y) in a placed block, last drawn first; scroll areas only when asked. */
function hitIn(p: Placed, x: number, y: number, scroll = false): Hit | undefined {
  const lx = x - p.x;
  const ly = y - p.y;
  const hits = p.block.hits;
  if (scroll) return hits.find((h) => h.part === 'scroll' && inside(h, lx, ly));
  for (let i = hits.length - 1; i >= 0; i--) {
    const h = hits[i]!;
    if (h.part !== 'scroll' && inside(h, lx, ly)) return h;
  }
  return undefined;
}

const within = (p: Placed | null, x: number, y: number): p is Placed => !!p && x >= p.x && x < p.x + p.block.width && y >= p.y && y < p.y + p.block.lines.length;

/**
 * Mouse reports (SGR) in order: a drag in progress, a program in a terminal window that
 * asked for the mouse, the wheel, then a press on whatever is on top: dialogs and overlays,
 * the menu bar, the dock, the chat panel, windows top down.
 */
export function handleMouse(ctl: DesktopController, e: MouseEvent) {
  const d = ctl.rt.getSnapshot();
  if (ctl.ui.drag) {
    if (e.action === 'drag' || e.action === 'move') return dragTo(ctl, e);
    if (e.action === 'up') return endDrag(ctl);
  }
  if (terminalMouse(ctl, d, e)) return;
  if (e.action === 'wheel') return wheel(ctl, d, e);
  if (e.action !== 'down' || e.button !== 'left') return;

  const dialog = dialogBox(ctl, d);
  if (dialog) {
    const h = within(dialog, e.x, e.y) ? hitIn(dialog, e.x, e.y) : undefined;
    if (h?.id === 'dialog') ctl.rt.answerDialog(d.dialogs[0]!.id, h.value === 0);
    return;
  }
  const o = ctl.ui.overlay;
  if (o) {
    const box = spotlightBox(ctl) ?? helpBox(ctl) ?? permissionBox(ctl);
    if (!within(box, e.x, e.y)) {
      // A click outside closes the spotlight and help; a permission prompt needs an answer.
      if (o.kind !== 'permission') ctl.set({ overlay: null });
      return;
    }
    const h = hitIn(box, e.x, e.y);
    if (h?.id === 'spotlight-item' && o.kind === 'spotlight') choose(ctl, currentResults(ctl, o.query)[h.value as number]);
    if (h?.id === 'permission' && o.kind === 'permission') answerPermission(ctl, o, h.value as number);
    return;
  }
  const top = ctl.visibleWindows(d).at(-1);
  const fullscreen = top && d.windows[top]?.mode === 'fullscreen';
  if (!fullscreen) {
    if (e.y === 0) {
      const h = hitIn(menuBar(ctl, d), e.x, e.y);
      if (h?.id === 'menu') runAction(ctl, h.value as 'spotlight' | 'help' | 'focus-next');
      return;
    }
    if (e.y === ctl.ui.rows - 1) {
      const h = hitIn(dock(ctl, d), e.x, e.y);
      if (h?.id === 'spotlight') runAction(ctl, 'spotlight');
      if (h?.id === 'launch') void ctl.launch(h.value as string);
      if (h?.id === 'window') {
        const id = h.value as string;
        // Clicking the focused window's button minimizes it, as docks do.
        if (d.focused === id && !d.windows[id]?.minimized) ctl.rt.windows.minimize(id);
        else void ctl.rt.focus(id).catch(ctl.report);
      }
      return;
    }
    const chat = chatPanel(ctl, d);
    if (within(chat, e.x, e.y)) return ctl.set({ chatFocused: true });
    for (const t of toasts(ctl, d)) {
      if (within(t, e.x, e.y)) return ctl.rt.dismissNotification(t.block.hits[0]!.value as number);
    }
  }
  if (ctl.ui.chatFocused) ctl.set({ chatFocused: false });
  for (const id of [...ctl.visibleWindows(d)].reverse()) {
    const view = ctl.windowView(id, d);
    if (view && inside(view.rect, e.x, e.y)) return pressWindow(ctl, d, id, e);
  }
}

function pressWindow(ctl: DesktopController, d: Desktop, id: string, e: MouseEvent) {
  const view = ctl.windowView(id, d)!;
  const r = view.rect;
  const bare = d.windows[id]?.mode === 'fullscreen';
  if (d.focused !== id) void ctl.rt.focus(id).catch(ctl.report);
  if (!bare) {
    const right = r.x + r.w - 1;
    const bottom = r.y + r.h - 1;
    if (e.y === r.y) {
      const button = titleButtonAt(e.x - r.x, r.w);
      if (button === 'close') return void ctl.rt.close(id).catch(ctl.report);
      if (button === 'minimize') return ctl.rt.windows.minimize(id);
      if (button === 'maximize') return ctl.rt.windows.toggleMaximize(id);
      if (e.x === r.x) return startDrag(ctl, id, e, 'resize', 'top-left');
      if (e.x === right) return startDrag(ctl, id, e, 'resize', 'top-right');
      return startDrag(ctl, id, e, 'move');
    }
    const edge: ResizeEdge | null =
      e.y === bottom ? (e.x === r.x ? 'bottom-left' : e.x === right ? 'bottom-right' : 'bottom') : e.x === r.x ? 'left' : e.x === right ? 'right' : null;
    if (edge) return startDrag(ctl, id, e, 'resize', edge);
  }
  if (view.terminal) return;
  // Open modals first: they are drawn over the content.
  for (const o of [...view.overlays].reverse()) {
    if (within(o, e.x, e.y)) {
      const h = hitIn(o, e.x, e.y);
      if (h) pressHit(ctl, id, h, e.x - o.x - h.x);
      return;
    }
  }
  if (view.overlays.length) return; // a click beside a modal does nothing to what is under it
  if (!view.content) return;
  const local: Placed = { x: view.origin.x, y: view.origin.y - view.scrollTop, block: view.content };
  const h = hitIn(local, e.x, e.y);
  if (h) pressHit(ctl, id, h, e.x - local.x - h.x);
  else if (ctl.view(id).open) ctl.setView(id, { open: null });
}

/** A press on a component (or a part of one) inside a window; `dx` is the column within the hit. */
function pressHit(ctl: DesktopController, appId: string, h: Hit, dx: number) {
  const app = ctl.rt.getSnapshot().apps[appId];
  if (!app) return;
  const c = findComponent(app, h.id);
  if (!c) return;
  const props = resolvedProps(app.state, c);
  if (props.disabled === true) return;
  const focusable = rendererOf(c.type).focusable;
  switch (h.part) {
    case 'close':
      return void ctl.rt.runTool(appId, 'modal.close', { modal_id: c.id }).catch(ctl.report);
    case 'tab':
      ctl.setView(appId, { focus: c.id });
      return switchTab(ctl, app, c, h.value as string);
    case 'option':
      return pickOption(ctl, app, c, h.value as number);
    case 'track': {
      const v = h.value as { min: number; max: number; cells: number };
      ctl.setView(appId, { focus: c.id });
      return setSlider(ctl, app, c, v.min + (Math.max(0, Math.min(v.cells - 1, dx)) / Math.max(1, v.cells - 1)) * (v.max - v.min));
    }
    case 'item': {
      const view = ctl.view(appId);
      ctl.setView(appId, { focus: c.id, highlight: { ...view.highlight, [c.id]: h.value as number } });
      const item = (props.items as unknown[])[h.value as number];
      const value = item && typeof item === 'object' ? ((item as Record<string, unknown>).value ?? (item as Record<string, unknown>).id ?? item) : item;
      return send(ctl, appId, c.id, 'select', value);
    }
    case 'open-web':
      ctl.setView(appId, { focus: c.id });
      return activate(ctl, app, c);
  }
  if (c.type === 'input' || c.type === 'textarea') {
    const len = graphemes(str(props.value, true)).length;
    const view = ctl.view(appId);
    return ctl.setView(appId, { focus: c.id, open: null, cursor: { ...view.cursor, [c.id]: len } });
  }
  if (focusable) ctl.setView(appId, { focus: c.id, open: c.type === 'select' ? ctl.view(appId).open : null });
  activate(ctl, app, c);
}

function startDrag(ctl: DesktopController, id: string, e: MouseEvent, kind: 'move' | 'resize', edge?: ResizeEdge) {
  const view = ctl.windowView(id, ctl.rt.getSnapshot());
  if (!view) return;
  ctl.set({ drag: { kind, id, edge, x: e.x, y: e.y, start: view.rect, snap: null } });
}

function dragTo(ctl: DesktopController, e: MouseEvent) {
  const drag = ctl.ui.drag!;
  const a = ctl.layout.area;
  const dx = e.x - drag.x;
  const dy = e.y - drag.y;
  const start = fromCells({ ...drag.start, y: drag.start.y - a.y }, a.w, a.h);
  if (drag.kind === 'move') {
    const cells = { ...drag.start, x: drag.start.x + dx, y: drag.start.y - a.y + dy };
    ctl.rt.windows.place(drag.id, fromCells(cells, a.w, a.h), minSize(ctl));
    const p = pointFromCell(Math.max(0, Math.min(a.w - 1, e.x)), Math.max(0, Math.min(a.h - 1, e.y - a.y)), a.w, a.h);
    // One row (and the same fraction across) from an edge counts as at the edge.
    const snap = snapZoneAt(p, 1.01 / a.h);
    if (snap !== drag.snap) ctl.set({ drag: { ...drag, snap } });
    return;
  }
  ctl.rt.windows.place(drag.id, resizeRect(start, drag.edge!, dx / a.w, dy / a.h, minSize(ctl)), minSize(ctl));
}

function endDrag(ctl: DesktopController) {
  const drag = ctl.ui.drag!;
  ctl.set({ drag: null });
  if (drag.kind === 'move' && drag.snap) ctl.rt.windows.snap(drag.id, drag.snap);
}

function wheel(ctl: DesktopController, d: Desktop, e: MouseEvent) {
  const dir = e.wheel === 'up' ? -1 : e.wheel === 'down' ? 1 : 0;
  if (!dir) return;
  const o = ctl.ui.overlay;
  if (o?.kind === 'help') return ctl.set({ overlay: { ...o, scroll: Math.max(0, o.scroll + dir * WHEEL_ROWS) } });
  if (o) return;
  for (const id of [...ctl.visibleWindows(d)].reverse()) {
    const view = ctl.windowView(id, d);
    if (!view || !inside(view.rect, e.x, e.y)) continue;
    if (view.terminal) return view.terminal.scroll(-dir * WHEEL_ROWS);
    if (view.content) {
      const local: Placed = { x: view.origin.x, y: view.origin.y - view.scrollTop, block: view.content };
      const h = hitIn(local, e.x, e.y, true);
      if (h) {
        const v = h.value as { top: number; total: number; rows: number; unit?: string };
        const top = Math.max(0, Math.min(v.total - (v.unit === 'item' ? 1 : v.rows), v.top + dir * WHEEL_ROWS));
        const cur = ctl.view(id);
        // Scrolling a list by hand moves its highlight along, or focus would pull it back.
        const highlight = v.unit === 'item' && cur.highlight[h.id] !== undefined ? { ...cur.highlight, [h.id]: top } : cur.highlight;
        return ctl.setView(id, { scroll: { ...cur.scroll, [h.id]: top }, highlight, focus: cur.focus === h.id ? cur.focus : null });
      }
    }
    return scrollRows(ctl, id, dir * WHEEL_ROWS);
  }
}
