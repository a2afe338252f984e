import type { Desktop } from '../../runtime/types.js';
import { stripControls } from '../../util/sanitize.js';
import { describeKey } from '../input/key-id.js';
import { helpRows } from '../keymap.js';
import { block, frame, segments, type Block, type Hit } from '../render/block.js';
import { paint } from '../render/style.js';
import { fit, textWidth, wrap } from '../render/width.js';
import { TOAST_MS, type DesktopController } from './controller.js';
import { currentResults, PERMISSION_CHOICES } from './overlay-keys.js';

/** Something drawn at a place on screen, with its clickable parts. */
export interface Placed {
  x: number;
  y: number;
  block: Block;
}

const clean = (s: string) => stripControls(s, false);

/** One row of clickable items: [label, hit id, hit value]. */
function itemRow(items: [label: string, id: string, value: unknown, style?: object][], width: number, base: object): Block {
  let line = '';
  let x = 0;
  const hits: Hit[] = [];
  for (const [label, id, value, style] of items) {
    const w = textWidth(label);
    if (x + w > width) break;
    line += paint(label, { ...base, ...style });
    hits.push({ id, value, x, y: 0, w, h: 1 });
    x += w;
  }
  return { width, lines: [line + paint(' '.repeat(Math.max(0, width - x)), base)], hits };
}

const MENUS: [string, string, unknown, object?][] = [
  [' ◆ AgentOS ', 'menu', 'spotlight', { bold: true }],
  [' Apps ', 'menu', 'spotlight'],
  [' Windows ', 'menu', 'focus-next'],
  [' Help ', 'menu', 'help'],
  [' │ ', 'none', null],
];
const MENUS_WIDTH = MENUS.reduce((s, [l]) => s + textWidth(l), 0);

/** The menu bar: menus on the left, the focused window or a hint in the middle, kernel and clock on the right. */
export function menuBar(ctl: DesktopController, d: Desktop, now = new Date()): Placed {
  const t = ctl.deps.theme;
  const cols = ctl.ui.cols;
  const clock = now.toTimeString().slice(0, 5);
  const kernel = ctl.deps.kernelStatus?.() ?? '';
  const tiling = ctl.ui.tiling ? ` ▦ ${ctl.ui.tiling} ` : '';
  const gen = ctl.ui.generating.length ? ` ◌ generating ${ctl.ui.generating.length} ` : '';
  const right = `${gen}${tiling}${kernel ? ` ${kernel} ` : ''} ${clock} `;
  const leftW = Math.min(cols, MENUS_WIDTH);
  const left = itemRow(MENUS, leftW, t.menuBar);
  const rightW = Math.min(textWidth(right), cols - leftW);
  const middleW = Math.max(0, cols - leftW - rightW);
  const focusedTitle = d.focused && d.apps[d.focused] ? d.apps[d.focused]!.title : '';
  const middle = ctl.ui.prefix || ctl.ui.hint ? clean(ctl.ui.hint ?? '') : clean(focusedTitle);
  const hintStyle = ctl.ui.prefix ? { ...t.menuBar, bold: true, inverse: true } : ctl.ui.hint ? { ...t.menuBar, bold: true } : t.menuBar;
  const line = left.lines[0]! + paint(fit(middle, middleW), hintStyle) + paint(fit(right, rightW, 'right'), t.menuBar);
  return { x: 0, y: 0, block: { width: cols, lines: [line], hits: left.hits.filter((h) => h.id !== 'none') } };
}

/** The dock: a launcher button, pinned apps not running, and every window (minimized ones dim). */
export function dock(ctl: DesktopController, d: Desktop): Placed {
  const t = ctl.deps.theme;
  const items: [string, string, unknown, object?][] = [[' ≡ ', 'spotlight', null, { bold: true }]];
  const running = new Set(Object.values(d.apps).map((a) => a.appId));
  for (const appId of ctl.deps.pinned ?? []) {
    if (running.has(appId)) continue;
    const entry = ctl.ui.apps.find((a) => a.id === appId) ?? (appId === 'terminal' ? { icon: '>_', name: 'Terminal' } : undefined);
    if (!entry) continue;
    items.push([` ${entry.icon ? clean(entry.icon) + ' ' : ''}${clean(entry.name)} `, 'launch', appId, t.muted]);
  }
  items.push([' │', 'none', null]);
  for (const id of Object.keys(d.apps)) {
    const app = d.apps[id]!;
    const icon = app.blueprint.app.icon ? clean(app.blueprint.app.icon) + ' ' : '';
    const style = id === d.focused ? t.selection : d.windows[id]?.minimized ? { dim: true } : {};
    items.push([` ${icon}${clean(app.title)} `, 'window', id, style]);
  }
  const b = itemRow(items, ctl.ui.cols, t.dock);
  return { x: 0, y: ctl.ui.rows - 1, block: { ...b, hits: b.hits.filter((h) => h.id !== 'none') } };
}

/** The spotlight: a query line and the best matches, the selected one highlighted. */
export function spotlightBox(ctl: DesktopController): Placed | null {
  const o = ctl.ui.overlay;
  if (o?.kind !== 'spotlight') return null;
  const t = ctl.deps.theme;
  const width = Math.min(70, ctl.ui.cols - 4);
  const inner = width - 2;
  const results = currentResults(ctl, o.query);
  const lines = [segments([['› ', t.accent], [o.query, { bold: true }], ['▏', { ...t.accent }], [o.query ? '' : ' type to search apps and commands; > to generate', t.muted]], inner), paint('─'.repeat(inner), t.border)];
  const hits: Hit[] = [];
  results.forEach((r, i) => {
    const style = i === o.selected ? t.selection : undefined;
    // The name whole, the description in what is left (cut first: the name is what you pick by).
    const label = ` ${r.label}`;
    const labelW = Math.min(inner, textWidth(label) + 1);
    lines.push(paint(fit(label, labelW), style) + paint(fit(` ${r.detail}`, inner - labelW, 'right'), style ?? t.muted));
    hits.push({ id: 'spotlight-item', value: i, x: 0, y: lines.length - 1, w: inner, h: 1 });
  });
  if (!results.length) lines.push(segments([[' type a name, or > and a sentence to generate an app', t.muted]], inner));
  lines.push(segments([[' Enter opens · ↑↓ choose · Esc closes', t.muted]], inner));
  const b = frame({ width: inner, lines, hits }, { title: 'Spotlight', style: t.borderFocus, titleStyle: { bold: true } });
  return { x: Math.max(0, (ctl.ui.cols - b.width) >> 1), y: 3, block: b };
}

/** Every key binding, grouped, scrollable. */
export function helpBox(ctl: DesktopController): Placed | null {
  const o = ctl.ui.overlay;
  if (o?.kind !== 'help') return null;
  const t = ctl.deps.theme;
  const width = Math.min(100, ctl.ui.cols - 2);
  const inner = width - 2;
  const rows = helpRows(ctl.deps.keymap);
  const all: string[] = [];
  let group = '';
  const keyW = Math.min(34, Math.floor(inner * 0.4));
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      if (all.length) all.push(' '.repeat(inner));
      all.push(segments([[group, { ...t.accent, bold: true }]], inner));
    }
    all.push(paint(fit(` ${r.keys}`, keyW), { bold: true }) + fit(` ${r.doc}`, inner - keyW));
  }
  all.push(' '.repeat(inner), segments([['Mouse: click to focus and press, drag a title to move (drop on an edge to snap), drag an edge to resize, wheel scrolls.', t.muted]], inner));
  const height = Math.max(3, ctl.ui.rows - 4);
  const top = Math.min(o.scroll, Math.max(0, all.length - height));
  const b = frame({ width: inner, lines: all.slice(top, top + height), hits: [] }, { title: `Keys (prefix ${describeKey(ctl.deps.keymap.prefix)})`, footer: '↑↓ scroll · any other key closes', style: t.borderFocus });
  return { x: Math.max(0, (ctl.ui.cols - b.width) >> 1), y: 1, block: b };
}

/** Choices in a row: [ Allow once ] [ Always allow ] [ Deny ]. */
function buttonRow(labels: readonly string[], selected: number, width: number, id: string, t: DesktopController['deps']['theme']): Block {
  let line = '';
  let x = 1;
  const hits: Hit[] = [];
  line += ' ';
  labels.forEach((l, i) => {
    const text = `[ ${l} ]`;
    line += paint(text, i === selected ? t.focus : undefined) + ' ';
    hits.push({ id, value: i, x, y: 0, w: textWidth(text), h: 1 });
    x += textWidth(text) + 1;
  });
  return { width, lines: [line + ' '.repeat(Math.max(0, width - x))], hits };
}

/** The permission prompt: who asks for what, allow once / always / deny. Text is sanitized. */
export function permissionBox(ctl: DesktopController): Placed | null {
  const o = ctl.ui.overlay;
  if (o?.kind !== 'permission') return null;
  const t = ctl.deps.theme;
  const width = Math.min(72, ctl.ui.cols - 4);
  const inner = width - 2;
  const lines = wrap(clean(o.text), inner - 1).map((l) => ' ' + fit(l, inner - 1));
  lines.push(' '.repeat(inner));
  const row = buttonRow(PERMISSION_CHOICES, o.choice, inner, 'permission', t);
  const b = frame({ width: inner, lines: [...lines, ...row.lines], hits: row.hits.map((h) => ({ ...h, y: lines.length })) }, { title: clean(o.title), footer: 'o once · a always · d deny', style: t.warning, titleStyle: { ...t.warning, bold: true }, kind: 'double' });
  return { x: Math.max(0, (ctl.ui.cols - b.width) >> 1), y: Math.max(1, (ctl.ui.rows - b.lines.length) >> 1), block: b };
}

/** An app's alert or confirmation (system.alert / system.confirm). */
export function dialogBox(ctl: DesktopController, d: Desktop): Placed | null {
  const dialog = d.dialogs[0];
  if (!dialog) return null;
  const t = ctl.deps.theme;
  const width = Math.min(64, ctl.ui.cols - 4);
  const inner = width - 2;
  const lines = wrap(clean(dialog.message), inner - 1).map((l) => ' ' + fit(l, inner - 1));
  lines.push(' '.repeat(inner));
  const labels = dialog.kind === 'confirm' ? ['Yes', 'No'] : ['OK'];
  const row = buttonRow(labels, 0, inner, 'dialog', t);
  const app = d.apps[dialog.app]?.title ?? dialog.app;
  const b = frame({ width: inner, lines: [...lines, ...row.lines], hits: row.hits.map((h) => ({ ...h, y: lines.length })) }, { title: `${clean(app)}: ${clean(dialog.title)}`, style: t.borderFocus, kind: 'double' });
  return { x: Math.max(0, (ctl.ui.cols - b.width) >> 1), y: Math.max(1, (ctl.ui.rows - b.lines.length) >> 1), block: b };
}

/** Recent notifications, bottom right above the dock. */
export function toasts(ctl: DesktopController, d: Desktop, now = Date.now()): Placed[] {
  const t = ctl.deps.theme;
  const fresh = d.notifications.filter((n) => now - n.at < TOAST_MS).slice(0, 3);
  const width = Math.min(44, ctl.ui.cols - 2);
  const out: Placed[] = [];
  let y = ctl.ui.rows - 2;
  for (const n of fresh) {
    const style = n.level === 'error' ? t.error : n.level === 'warning' ? t.warning : n.level === 'success' ? t.success : t.accent;
    const body = wrap(clean(n.message), width - 2).slice(0, 3).map((l) => fit(l, width - 2));
    const b = frame(block(width - 2, body.length ? body : [' '.repeat(width - 2)]), { title: clean(n.title) || 'Notice', style, titleStyle: { ...style, bold: true } });
    y -= b.lines.length;
    if (y < 1) break;
    out.push({ x: ctl.ui.cols - b.width - 1, y, block: { ...b, hits: [{ id: 'toast', value: n.id, x: 0, y: 0, w: b.width, h: b.lines.length }] } });
  }
  return out;
}

export const CHAT_WIDTH = 42;

/** The chat panel on the right: messages (thoughts dim), and the input line. */
export function chatPanel(ctl: DesktopController, d: Desktop): Placed | null {
  if (!ctl.ui.chatOpen) return null;
  const t = ctl.deps.theme;
  const width = Math.min(CHAT_WIDTH, ctl.ui.cols - 10);
  const inner = width - 2;
  const height = ctl.ui.rows - 2;
  const body: string[] = [];
  for (const m of d.chat) {
    const who = m.role === 'user' ? 'you' : m.role === 'assistant' ? 'agent' : 'system';
    body.push(segments([[who, { ...(m.role === 'user' ? t.accent : t.success), bold: true }]], inner));
    for (const th of m.thoughts ?? []) for (const l of wrap(clean(th), inner - 2)) body.push(paint(fit(`  ${l}`, inner), t.muted));
    for (const l of wrap(clean(m.content), inner)) body.push(fit(l, inner));
  }
  const rows = Math.max(1, height - 4);
  const shown = body.slice(-rows);
  while (shown.length < rows) shown.unshift(' '.repeat(inner));
  const input = segments([['› ', t.accent], [clean(ctl.ui.chatInput), undefined], [ctl.ui.chatFocused ? '▏' : '', t.accent]], inner);
  const b = frame({ width: inner, lines: [...shown, paint('─'.repeat(inner), t.border), input], hits: [{ id: 'chat-input', value: null, x: 0, y: rows + 1, w: inner, h: 1 }] }, { title: 'Chat', footer: 'Enter sends · Esc leaves', style: ctl.ui.chatFocused ? t.borderFocus : t.border });
  return { x: ctl.ui.cols - b.width, y: 1, block: b };
}
