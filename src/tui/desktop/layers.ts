import { rectForZone, toCells } from '../../runtime/windows.js';
import { Screen } from '../render/compose.js';
import { paint } from '../render/style.js';
import { chatPanel, dialogBox, dock, helpBox, menuBar, permissionBox, spotlightBox, toasts, type Placed } from './chrome.js';
import type { DesktopController } from './controller.js';

/**
 * Every layer of the screen, bottom to top: windows in stacking order (minimized ones are
 * not drawn at all), their open modals, then menu bar and dock, the snap preview, chat,
 * toasts, an app's dialog, and the spotlight / help / permission prompt.
 */
export function screenLayers(ctl: DesktopController): Placed[] {
  const d = ctl.rt.getSnapshot();
  const ids = ctl.visibleWindows(d);
  const top = ids.at(-1);
  const fullscreen = top !== undefined && d.windows[top]?.mode === 'fullscreen';
  const layers: Placed[] = [];
  for (const id of ids) {
    const v = ctl.windowView(id, d);
    if (!v) continue;
    layers.push({ x: v.rect.x, y: v.rect.y, block: { width: v.rect.w, lines: v.lines, hits: [] } });
    for (const o of v.overlays) layers.push(o);
  }
  if (!fullscreen) layers.push(menuBar(ctl, d), dock(ctl, d));
  const drag = ctl.ui.drag;
  if (drag?.kind === 'move' && drag.snap) {
    const area = ctl.layout.area;
    const c = toCells(rectForZone(drag.snap), area.w, area.h);
    const lines = Array.from({ length: c.h }, (_, i) => paint(i === 0 || i === c.h - 1 ? '░'.repeat(c.w) : '░' + ' '.repeat(Math.max(0, c.w - 2)) + '░', ctl.deps.theme.snapPreview));
    layers.push({ x: c.x, y: c.y + area.y, block: { width: c.w, lines, hits: [] } });
  }
  const extra = [chatPanel(ctl, d), ...toasts(ctl, d), dialogBox(ctl, d), spotlightBox(ctl) ?? helpBox(ctl) ?? permissionBox(ctl)];
  for (const p of extra) if (p) layers.push(p);
  return layers;
}

/** The whole screen now, row by row, each row as wide as the screen. */
export function composeScreen(ctl: DesktopController): string[] {
  const screen = new Screen(ctl.ui.cols, ctl.ui.rows);
  for (const p of screenLayers(ctl)) screen.paint(p.x, p.y, p.block.lines, p.block.width);
  return screen.lines();
}
