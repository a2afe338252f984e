import type { Desktop } from '../../runtime/types.js';
import type { MouseEvent } from '../input/events.js';
import { chatPanel, toasts, type Placed } from './chrome.js';
import type { DesktopController } from './controller.js';
import { inside } from './geometry.js';

const over = (p: Placed | null, x: number, y: number) => !!p && inside({ x: p.x, y: p.y, w: p.block.width, h: p.block.lines.length }, x, y);

/**
 * The mouse for a program in a terminal window that asked for it (vim, htop, mc): inside
 * the window's content, presses, releases, drags and the wheel go to the program in the
 * window's own cells instead of to the desktop; the frame still moves, resizes and closes
 * the window. A press there holds the mouse until its release, so a drag that leaves the
 * window still ends in the program. Returns whether the event went to a program.
 */
export function terminalMouse(ctl: DesktopController, d: Desktop, e: MouseEvent): boolean {
  const held = ctl.mouseHolder;
  if (held) {
    const view = ctl.windowView(held, d);
    const more = e.action === 'drag' || e.action === 'move' || e.action === 'up';
    if (e.action === 'up' || !more || !view?.terminal) ctl.mouseHolder = null;
    if (more && view?.terminal) {
      view.terminal.mouse(e, e.x - view.origin.x, e.y - view.origin.y);
      return true;
    }
  }
  // Whatever is drawn over the windows keeps the mouse: dialogs, overlays, chat, toasts.
  if (ctl.ui.drag || ctl.ui.overlay || d.dialogs.length) return false;
  if (over(chatPanel(ctl, d), e.x, e.y) || toasts(ctl, d).some((t) => over(t, e.x, e.y))) return false;
  const id = [...ctl.visibleWindows(d)].reverse().find((w) => {
    const r = ctl.windowRect(w, d);
    return r && inside(r, e.x, e.y);
  });
  const view = id ? ctl.windowView(id, d) : null;
  const term = view?.terminal;
  if (!id || !view || !term?.wantsMouse) return false;
  const x = e.x - view.origin.x;
  const y = e.y - view.origin.y;
  if (x < 0 || y < 0 || x >= term.cols || y >= term.rows) return false;
  if (e.action === 'down') {
    if (d.focused !== id) void ctl.rt.focus(id).catch(ctl.report);
    ctl.mouseHolder = id;
  }
  term.mouse(e, x, y);
  return true;
}
