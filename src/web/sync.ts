/**
 * Desktop sync: the difference between two snapshots as a small patch, and applying it.
 * The server diffs once per batch of changes and sends the same patch to every browser;
 * the browser applies it to its copy. Snapshots are structurally shared, so unchanged
 * parts are found by reference and the patch carries only what moved. Pure functions:
 * the client bundle imports this file too.
 */
import type { AppInstance, ChatMessage, Desktop } from '../runtime/types.js';
import type { WindowGeometry } from '../runtime/windows.js';
import type { AppChange, DesktopPatch } from './protocol.js';

const SCALARS = ['focused', 'clipboard'] as const;
const WHOLE = ['stack', 'notifications', 'dialogs'] as const;

/** The patch from `prev` to `next`, or null when nothing a view draws changed. */
export function diffDesktop(prev: Desktop, next: Desktop): DesktopPatch | null {
  if (prev === next) return null;
  const patch: DesktopPatch = { from: prev.version, version: next.version };
  let any = false;
  if (prev.apps !== next.apps) {
    const apps: Record<string, AppChange | null> = {};
    let changed = false;
    for (const id in prev.apps) if (!Object.hasOwn(next.apps, id)) (apps[id] = null), (changed = true);
    for (const id in next.apps) {
      const a = prev.apps[id];
      const b = next.apps[id]!;
      if (a === b) continue;
      apps[id] = a ? appDelta(a, b) : { full: b };
      changed = true;
    }
    if (changed) (patch.apps = apps), (any = true);
  }
  if (prev.windows !== next.windows) {
    const windows: NonNullable<DesktopPatch['windows']> = {};
    let changed = false;
    for (const id in prev.windows) if (!Object.hasOwn(next.windows, id)) (windows[id] = null), (changed = true);
    for (const id in next.windows) if (prev.windows[id] !== next.windows[id]) (windows[id] = next.windows[id]!), (changed = true);
    if (changed) (patch.windows = windows), (any = true);
  }
  for (const k of WHOLE) if (prev[k] !== next[k]) ((patch as unknown as Record<string, unknown>)[k] = next[k]), (any = true);
  for (const k of SCALARS) if (prev[k] !== next[k]) ((patch as unknown as Record<string, unknown>)[k] = next[k]), (any = true);
  if (prev.chat !== next.chat) {
    const old = new Map(prev.chat.map((m) => [m.id, m]));
    const upsert = next.chat.filter((m) => old.get(m.id) !== m);
    const sameIds = prev.chat.length === next.chat.length && prev.chat.every((m, i) => m.id === next.chat[i]!.id);
    if (upsert.length || !sameIds) {
      patch.chat = sameIds ? { upsert } : { upsert, ids: next.chat.map((m) => m.id) };
      any = true;
    }
  }
  // Even with nothing drawable changed the version moved: send it, so clients stay in step.
  return any ? patch : { from: prev.version, version: next.version };
}

/** A window as browsers get it: its geometry, and `agent` when an MCP client opened or drove it (older clients ignore the field). */
export type SentWindow = WindowGeometry & { agent?: true };

const flagged = new WeakMap<WindowGeometry, SentWindow>();

/**
 * The desktop with the agent's windows flagged. One geometry object always gets the same
 * flagged copy, so `diffDesktop` still finds unchanged windows by reference and a window's
 * flag goes out in a patch only when it (or the window) changed.
 */
export function withAgentFlags(d: Desktop, agents: ReadonlySet<string>): Desktop {
  let windows: Record<string, SentWindow> | undefined;
  for (const id of agents) {
    const w = d.windows[id];
    if (!w) continue;
    let f = flagged.get(w);
    if (!f) flagged.set(w, (f = { ...w, agent: true }));
    (windows ??= { ...d.windows })[id] = f;
  }
  return windows ? { ...d, windows } : d;
}

function appDelta(a: AppInstance, b: AppInstance): AppChange {
  const d: Extract<AppChange, { version: number }> = { version: b.version };
  if (a.title !== b.title) d.title = b.title;
  if (a.blueprint !== b.blueprint) d.blueprint = b.blueprint;
  if (a.errors !== b.errors) d.errors = b.errors;
  if (a.parent !== b.parent) d.parent = b.parent;
  if (a.pid !== b.pid) d.pid = b.pid;
  if (a.state !== b.state) {
    const set: Record<string, unknown> = {};
    const del: string[] = [];
    for (const k in a.state) if (!Object.hasOwn(b.state, k)) del.push(k);
    for (const k in b.state) if (!Object.hasOwn(a.state, k) || !same(a.state[k], b.state[k])) set[k] = b.state[k];
    for (const _ in set) {
      d.set = set;
      break;
    }
    if (del.length) d.del = del;
  }
  return d;
}

/** Values in state are JSON: equal by reference, or as scalars. Objects are sent again when replaced. */
const same = (x: unknown, y: unknown) => x === y || (Number.isNaN(x) && Number.isNaN(y));

export class PatchGapError extends Error {
  constructor(have: number, from: number) {
    super(`desktop patch from version ${from} does not apply to version ${have}`);
  }
}

/**
 * `desktop` with `patch` applied: a new snapshot sharing everything the patch did not
 * touch (so React skips unchanged windows). Throws PatchGapError when the patch starts
 * from another version: the client then asks for the whole desktop again.
 */
export function applyPatch(desktop: Desktop, patch: DesktopPatch): Desktop {
  if (patch.from !== desktop.version) throw new PatchGapError(desktop.version, patch.from);
  const next: { -readonly [K in keyof Desktop]: Desktop[K] } = { ...desktop, version: patch.version };
  if (patch.apps) {
    const apps: Record<string, AppInstance> = { ...desktop.apps };
    for (const [id, change] of Object.entries(patch.apps)) {
      if (change === null) delete apps[id];
      else if ('full' in change) apps[id] = change.full;
      else if (apps[id]) apps[id] = applyApp(apps[id]!, change);
    }
    next.apps = apps;
  }
  if (patch.windows) {
    const windows = { ...desktop.windows };
    for (const [id, w] of Object.entries(patch.windows)) {
      if (w === null) delete windows[id];
      else windows[id] = w;
    }
    next.windows = windows;
  }
  if (patch.stack) next.stack = patch.stack;
  if (patch.focused !== undefined) next.focused = patch.focused;
  if (patch.notifications) next.notifications = patch.notifications;
  if (patch.dialogs) next.dialogs = patch.dialogs;
  if (patch.clipboard !== undefined) next.clipboard = patch.clipboard;
  if (patch.chat) next.chat = applyChat(desktop.chat, patch.chat);
  return next;
}

function applyApp(app: AppInstance, c: Exclude<AppChange, { full: AppInstance }>): AppInstance {
  const out: { -readonly [K in keyof AppInstance]: AppInstance[K] } = { ...app, version: c.version };
  if (c.title !== undefined) out.title = c.title;
  if (c.blueprint !== undefined) out.blueprint = c.blueprint;
  if (c.errors !== undefined) out.errors = c.errors;
  if (c.parent !== undefined) out.parent = c.parent;
  if (c.pid !== undefined) out.pid = c.pid;
  if (c.set || c.del) {
    const state: Record<string, unknown> = { ...app.state, ...c.set };
    for (const k of c.del ?? []) delete state[k];
    out.state = state;
  }
  return out;
}

function applyChat(chat: readonly ChatMessage[], c: NonNullable<DesktopPatch['chat']>): ChatMessage[] {
  const byId = new Map(chat.map((m) => [m.id, m]));
  for (const m of c.upsert) byId.set(m.id, m);
  const ids = c.ids ?? chat.map((m) => m.id);
  if (!c.ids) for (const m of c.upsert) if (!chat.some((x) => x.id === m.id)) ids.push(m.id);
  return ids.map((id) => byId.get(id)).filter((m): m is ChatMessage => !!m);
}
