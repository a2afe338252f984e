import type { KeyEvent } from '../input/events.js';
import { keyId } from '../input/key-id.js';
import { KEYMAP, SNAP_KEYS, type Action, type SnapAction } from '../keymap.js';
import type { SnapZone } from '../../runtime/windows.js';
import { appKey, appPaste } from './app-input.js';
import type { DesktopController } from './controller.js';
import { REPEAT_MS } from './controller.js';
import { overlayKey } from './overlay-keys.js';
import { isTerminal } from './terminal-app.js';

/** Keypad digit -> the runtime's zone names. */
const ZONES: Record<SnapAction, SnapZone> = {
  'snap-top-left': 'top-left',
  'snap-top': 'top',
  'snap-top-right': 'top-right',
  'snap-left': 'left',
  'snap-center': 'maximize',
  'snap-right': 'right',
  'snap-bottom-left': 'bottom-left',
  'snap-bottom': 'bottom',
  'snap-bottom-right': 'bottom-right',
};

/** One step of keyboard move / resize, in cells. */
const STEP_X = 2;
const STEP_Y = 1;

/**
 * Where a key goes, in order: a pending prefix command; the prefix itself; an open overlay;
 * a focused terminal (every key but the prefix); the direct keys; the chat input; the
 * focused app window.
 */
export function handleKey(ctl: DesktopController, e: KeyEvent) {
  const km = ctl.deps.keymap;
  const id = keyId(e);
  if (ctl.ui.prefix) {
    ctl.set({ prefix: false, hint: null });
    const action = km.prefixed.get(id);
    if (id === 'escape' && !action) return;
    if (!action) return ctl.hint(`no command on ${id} after the prefix (press it, then ? for help)`);
    if ((KEYMAP[action] as { repeat?: boolean }).repeat) ctl.repeat = { action, until: Date.now() + REPEAT_MS };
    return runAction(ctl, action);
  }
  if (ctl.repeat) {
    const action = km.prefixed.get(id);
    if (action === ctl.repeat.action && Date.now() < ctl.repeat.until) {
      ctl.repeat.until = Date.now() + REPEAT_MS;
      return runAction(ctl, action);
    }
    ctl.repeat = null;
  }
  if (id === km.prefix) return ctl.set({ prefix: true, hint: `${describePrefix(ctl)} … window command (? lists them, Esc cancels)` });
  if (ctl.ui.overlay || ctl.rt.getSnapshot().dialogs.length) return overlayKey(ctl, e);
  const d = ctl.rt.getSnapshot();
  const focused = d.focused;
  const terminal = focused ? ctl.terminals.get(focused) : undefined;
  if (terminal && isTerminal(d.apps[focused!]) && !ctl.ui.chatFocused) {
    if (terminal.status.kind === 'running') return terminal.key(e);
    if (e.name === 'enter' || e.name === 'escape') return void ctl.rt.close(focused!).catch(ctl.report);
  }
  const direct = km.direct.get(id);
  if (direct) return runAction(ctl, direct);
  if (ctl.ui.chatFocused && ctl.ui.chatOpen) return chatKey(ctl, e);
  if (focused) return appKey(ctl, focused, e);
}

export function handlePaste(ctl: DesktopController, text: string) {
  if (ctl.ui.overlay?.kind === 'spotlight') return ctl.set({ overlay: { ...ctl.ui.overlay, query: ctl.ui.overlay.query + text.replace(/[\x00-\x1f\x7f]/g, ' '), selected: 0 } });
  if (ctl.ui.chatFocused && ctl.ui.chatOpen) return ctl.set({ chatInput: ctl.ui.chatInput + text.replace(/[\x00-\x1f\x7f]/g, ' ') });
  const focused = ctl.rt.getSnapshot().focused;
  if (!focused) return;
  const t = ctl.terminals.get(focused);
  if (t) return t.paste(text);
  appPaste(ctl, focused, text);
}

const describePrefix = (ctl: DesktopController) => ctl.deps.keymap.prefix.replace(/^C-/, 'Ctrl+').replace(/^M-/, 'Alt+');

function chatKey(ctl: DesktopController, e: KeyEvent) {
  if (e.name === 'escape') return ctl.set({ chatFocused: false });
  if (e.name === 'enter') {
    const msg = ctl.ui.chatInput.trim();
    ctl.set({ chatInput: '' });
    if (!msg) return;
    if (ctl.deps.chat) void ctl.deps.chat(msg).catch(ctl.report);
    else {
      ctl.rt.addChatMessage({ role: 'user', content: msg });
      ctl.rt.addChatMessage({ role: 'system', content: 'The chat agent is not available in this build; use Ctrl+K to launch or generate apps.' });
    }
    return;
  }
  if (e.name === 'backspace') return ctl.set({ chatInput: [...ctl.ui.chatInput].slice(0, -1).join('') });
  if (e.text && !e.ctrl && !e.alt) ctl.set({ chatInput: ctl.ui.chatInput + e.text });
}

/** Every keymap action in one table of what it does. */
export function runAction(ctl: DesktopController, action: Action) {
  const rt = ctl.rt;
  const d = rt.getSnapshot();
  const id = d.focused;
  const w = ctl.layout.area;
  const dx = STEP_X / w.w;
  const dy = STEP_Y / w.h;
  const onWindow = (fn: (id: string) => void) => (id ? fn(id) : ctl.hint('no window has the focus'));
  const table: Record<Action, () => void> = {
    spotlight: () => ctl.set({ overlay: { kind: 'spotlight', query: '', selected: 0 } }),
    'prefix-spotlight': () => ctl.set({ overlay: { kind: 'spotlight', query: '', selected: 0 } }),
    help: () => ctl.set({ overlay: { kind: 'help', scroll: 0 } }),
    'prefix-help': () => ctl.set({ overlay: { kind: 'help', scroll: 0 } }),
    quit: () => ctl.quit(),
    'prefix-quit': () => ctl.quit(),
    chat: () => ctl.set({ chatOpen: !ctl.ui.chatOpen, chatFocused: !ctl.ui.chatOpen }),
    'prefix-chat': () => ctl.set({ chatOpen: !ctl.ui.chatOpen, chatFocused: !ctl.ui.chatOpen }),
    'new-terminal': () => void ctl.openTerminal(),
    'save-session': () => void ctl.saveSession(),
    'send-prefix': () => {
      const t = id ? ctl.terminals.get(id) : undefined;
      if (t) t.send(prefixBytes(ctl.deps.keymap.prefix));
    },
    'focus-next': () => void rt.windows.cycle(1).catch(ctl.report),
    'focus-prev': () => void rt.windows.cycle(-1).catch(ctl.report),
    close: () => onWindow((i) => void rt.close(i).catch(ctl.report)),
    minimize: () => onWindow((i) => rt.windows.minimize(i)),
    maximize: () => onWindow((i) => rt.windows.toggleMaximize(i)),
    fullscreen: () => onWindow((i) => (d.windows[i]?.mode === 'fullscreen' ? rt.windows.restore(i) : rt.windows.fullscreen(i))),
    restore: () => {
      const min = [...d.stack].reverse().find((s) => d.windows[s]?.minimized);
      if (min) void rt.focus(min).catch(ctl.report);
      else onWindow((i) => rt.windows.restore(i));
    },
    'move-left': () => onWindow((i) => rt.windows.move(i, -dx, 0)),
    'move-right': () => onWindow((i) => rt.windows.move(i, dx, 0)),
    'move-up': () => onWindow((i) => rt.windows.move(i, 0, -dy)),
    'move-down': () => onWindow((i) => rt.windows.move(i, 0, dy)),
    'resize-narrower': () => onWindow((i) => rt.windows.resize(i, 'right', -dx, 0, minSize(ctl))),
    'resize-wider': () => onWindow((i) => rt.windows.resize(i, 'right', dx, 0, minSize(ctl))),
    'resize-shorter': () => onWindow((i) => rt.windows.resize(i, 'bottom', 0, -dy, minSize(ctl))),
    'resize-taller': () => onWindow((i) => rt.windows.resize(i, 'bottom', 0, dy, minSize(ctl))),
    'scroll-up': () => onWindow((i) => scrollWindow(ctl, i, -1)),
    'scroll-down': () => onWindow((i) => scrollWindow(ctl, i, 1)),
    ...(Object.fromEntries(Object.keys(SNAP_KEYS).map((a) => [a, () => onWindow((i) => rt.windows.snap(i, ZONES[a as SnapAction]))])) as Record<SnapAction, () => void>),
    'tiling-toggle': () => ctl.toggleTiling(),
    'tiling-next': () => ctl.nextTiling(),
    // Keys inside a window are handled by app-input.ts; listed here for the table.
    'control-next': () => undefined,
    'control-prev': () => undefined,
    activate: () => undefined,
    'page-up': () => onWindow((i) => scrollWindow(ctl, i, -1)),
    'page-down': () => onWindow((i) => scrollWindow(ctl, i, 1)),
    dismiss: () => ctl.set({ overlay: null }),
  };
  table[action]();
}

export function minSize(ctl: DesktopController) {
  const a = ctl.layout.area;
  return { w: Math.min(1, 20 / a.w), h: Math.min(1, 5 / a.h) };
}

/** A page of a window (or of a terminal's scrollback) up (-1) or down (1). */
export function scrollWindow(ctl: DesktopController, id: string, pages: number) {
  const view = ctl.windowView(id, ctl.rt.getSnapshot());
  if (!view) return;
  const step = Math.max(1, view.innerRows - 1) * pages;
  if (view.terminal) return view.terminal.scroll(-step);
  scrollRows(ctl, id, step);
}

export function scrollRows(ctl: DesktopController, id: string, rows: number) {
  const view = ctl.windowView(id, ctl.rt.getSnapshot());
  if (!view?.content) return;
  const max = Math.max(0, view.content.lines.length - view.innerRows);
  ctl.windowScroll.set(id, Math.max(0, Math.min(max, view.scrollTop + rows)));
  // Scrolling by hand lets go of the focused control, or it would pull the view back.
  ctl.setView(id, { focus: null });
}

/** The bytes of the prefix key itself (Ctrl+A is 0x01), for send-prefix. */
function prefixBytes(prefix: string): string {
  const m = /^C-([a-z])$/.exec(prefix);
  if (m) return String.fromCharCode(m[1]!.charCodeAt(0) - 96);
  if (prefix === 'C-space') return '\x00';
  const alt = /^M-(.)$/.exec(prefix);
  if (alt) return '\x1b' + alt[1];
  return prefix.length === 1 ? prefix : '';
}
