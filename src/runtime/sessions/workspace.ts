import { validateBlueprint, type KnownToolsInput } from '../../blueprint/index.js';
import type { Blueprint } from '../../blueprint/types.js';
import { initialState } from '../components.js';
import type { Runtime } from '../runtime.js';
import type { Desktop } from '../types.js';
import type { WindowGeometry } from '../windows.js';
import type { AppSnapshot, ChatEntry, SavedWindow, Workspace } from './format.js';

/** Apps in an order where every parent comes before its children (launch order otherwise). */
function parentsFirst(d: Desktop): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const visit = (id: string, seen: Set<string>) => {
    if (done.has(id) || seen.has(id)) return;
    seen.add(id);
    const parent = d.apps[id]?.parent;
    if (parent && d.apps[parent]) visit(parent, seen);
    done.add(id);
    out.push(id);
  };
  for (const id of Object.keys(d.apps)) visit(id, new Set());
  return out;
}

/** State as JSON keeps it: what a session can hold (functions and undefined drop out). */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v ?? null)) as T;

const savedWindow = (w: WindowGeometry | undefined): SavedWindow | null =>
  w ? { rect: { ...w.rect }, mode: w.mode, zone: w.zone, tiled: w.tiled ? { ...w.tiled } : null, minimized: w.minimized } : null;

/** The whole desktop as data: apps with their state and Blueprints, windows, z-order, focus, chat. */
export function captureWorkspace(d: Desktop): Workspace {
  const apps: AppSnapshot[] = parentsFirst(d).map((id) => {
    const a = d.apps[id]!;
    return {
      id: a.id,
      app_id: a.appId,
      title: a.title,
      parent: a.parent && d.apps[a.parent] ? a.parent : null,
      blueprint: plain(a.blueprint) as unknown as Record<string, unknown>,
      state: plain(a.state) as Record<string, unknown>,
      window: savedWindow(d.windows[id]),
    };
  });
  const chat: ChatEntry[] = d.chat.map((m) => ({
    role: m.role,
    content: m.content,
    ...(m.thoughts?.length ? { thoughts: [...m.thoughts] } : {}),
    ...(m.app ? { app: m.app } : {}),
    at: m.at,
  }));
  return { apps, stack: d.stack.filter((id) => d.apps[id]), focused: d.focused && d.apps[d.focused] ? d.focused : null, chat, clipboard: d.clipboard };
}

export interface RestoreOptions {
  /** Close the apps that run now first (default true): the session replaces the workspace. */
  replace?: boolean;
  /** Validate the saved Blueprints against these tools (default: the runtime's). */
  knownTools?: KnownToolsInput;
  /** For error messages: which session this is. */
  label?: string;
}

export interface RestoreResult {
  /** Saved instance id -> the new one. */
  ids: Record<string, string>;
  /** Apps that could not be restored, and why (the rest of the session still is). */
  skipped: { id: string; reason: string }[];
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The state to put back after the app's on_mount ran: everything saved, except keys that
 * on_mount itself set (live data: a fresh process list, a new terminal's pid, notes
 * reloaded from storage); those are newer than the session.
 */
function stateToRestore(saved: Record<string, unknown>, initial: Record<string, unknown>, mounted: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(saved)) {
    const setByMount = Object.hasOwn(mounted, k) && !same(mounted[k], initial[k]);
    if (!setByMount && !same(mounted[k], v)) out[k] = v;
  }
  return out;
}

interface WindowSetter {
  set?(id: string, g: WindowGeometry): void;
}

/** Put a window back as it was, through the runtime's window commands. */
function applyWindow(rt: Runtime, id: string, w: SavedWindow) {
  const exact = (rt.windows as unknown as WindowSetter).set;
  if (typeof exact === 'function') return exact.call(rt.windows, id, { id, ...w });
  // A tiled window is shown where it was tiled; its floating rectangle is not recoverable here.
  rt.windows.place(id, w.tiled ?? w.rect, { w: 0, h: 0 });
  if (w.zone) rt.windows.snap(id, w.zone);
  if (w.mode === 'maximized') rt.windows.maximize(id);
  else if (w.mode === 'fullscreen') rt.windows.fullscreen(id);
  if (w.minimized) rt.windows.minimize(id);
}

/**
 * Start a saved workspace: parents before children (each child under its parent's new
 * instance), state put back, then z-order, focus, window geometry, chat and clipboard.
 * An app whose Blueprint no longer validates is skipped and reported; the rest restore.
 */
export async function restoreWorkspace(rt: Runtime, ws: Workspace, opts: RestoreOptions = {}): Promise<RestoreResult> {
  if (opts.replace ?? true) {
    const tops = Object.values(rt.getSnapshot().apps).filter((a) => !a.parent);
    for (const a of tops) await rt.close(a.id);
    rt.clearChat();
  }
  const ids: Record<string, string> = {};
  const skipped: RestoreResult['skipped'] = [];
  for (const snap of ws.apps) {
    let bp: Blueprint;
    try {
      bp = validateBlueprint(snap.blueprint, `${opts.label ?? 'session'}: app ${snap.id}`, opts.knownTools ? { knownTools: opts.knownTools } : {});
    } catch (e) {
      skipped.push({ id: snap.id, reason: (e as Error).message.split('\n')[0]! });
      continue;
    }
    const parent = snap.parent ? ids[snap.parent] : undefined;
    if (snap.parent && !parent) {
      skipped.push({ id: snap.id, reason: `its parent app ${snap.parent} was not restored` });
      continue;
    }
    try {
      const id = await rt.launch(bp, { parent: parent ?? null, focus: false });
      ids[snap.id] = id;
      const mounted = rt.getSnapshot().apps[id]?.state ?? {};
      const values = stateToRestore(snap.state, initialState(bp), mounted);
      if (Object.keys(values).length) await rt.runTool(id, 'ui.set_multiple', { values });
    } catch (e) {
      skipped.push({ id: snap.id, reason: (e as Error).message.split('\n')[0]! });
    }
  }
  await rt.idle();
  const focused = ws.focused ? ids[ws.focused] : undefined;
  if (focused && rt.getSnapshot().apps[focused]) await rt.focus(focused);
  for (const old of ws.stack) if (ids[old]) rt.windows.raise(ids[old]!);
  for (const snap of ws.apps) if (snap.window && ids[snap.id] && rt.getSnapshot().apps[ids[snap.id]!]) applyWindow(rt, ids[snap.id]!, snap.window);
  for (const m of ws.chat) {
    const id = rt.addChatMessage({ role: m.role, content: m.content, ...(m.thoughts ? { thoughts: m.thoughts } : {}), ...(m.app ? { app: ids[m.app] ?? m.app } : {}) });
    rt.updateChatMessage(id, { at: m.at });
  }
  if (ws.clipboard) rt.setClipboard(ws.clipboard);
  await rt.idle();
  return { ids, skipped };
}
