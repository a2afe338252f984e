import type { Blueprint, ToolBinding } from '../blueprint/types.js';
import { KernelError } from '../kernel/errors.js';
import { indexComponents, initialState } from './components.js';
import type { AppRecord, Core } from './core.js';
import { stopTimers } from './desktop-actions.js';
import { runChain } from './exec.js';
import { grantsForApp } from './permissions.js';
import type { AppInstance, Desktop } from './types.js';
import { cascade, cycleFocus, newWindow, raise } from './windows.js';

export interface LaunchOptions {
  /** The parent app's instance id: the child's process is the parent's child, and closes with it. */
  parent?: string | null;
  /** Give it the focus (default true). */
  focus?: boolean;
  /** Resolve only after on_mount (and on_focus) ran (default true; tools launching apps do not wait). */
  awaitMount?: boolean;
}

const NO_BINDINGS: readonly ToolBinding[] = [];

function instanceId(core: Core, appId: string): string {
  if (!core.apps.has(appId)) return appId;
  for (let n = 2; ; n++) if (!core.apps.has(`${appId}~${n}`)) return `${appId}~${n}`;
}

/**
 * Start an app: a kernel app process whose grants come from the Blueprint (see
 * permissions.ts), its instance and window in the store, then its on_mount hooks and,
 * when it takes the focus, on_focus.
 */
export async function launch(core: Core, bp: Blueprint, opts: LaunchOptions = {}): Promise<string> {
  const parent = opts.parent ? core.apps.get(opts.parent) : undefined;
  if (opts.parent && !parent) throw new KernelError('ESRCH', `parent app "${opts.parent}" is not running`);
  const { grants, profile } = grantsForApp(bp, core.tools.values());
  const proc = core.kernel.spawnProcess({ name: bp.app.id, kind: 'app', grants, profile, ppid: parent?.pid ?? core.deskPid, cwd: '/home' });
  const id = instanceId(core, bp.app.id);
  const rec: AppRecord = {
    id,
    appId: bp.app.id,
    pid: proc.pid,
    blueprint: bp,
    components: indexComponents(bp),
    services: new Map(bp.services.map((s) => [s.name, s])),
    timers: new Map(),
    undo: [],
    changes: new Map(),
    redo: [],
    closing: false,
  };
  core.apps.set(id, rec);
  core.byPid.set(proc.pid, rec);
  const focus = opts.focus ?? true;
  const instance: AppInstance = {
    id,
    appId: bp.app.id,
    title: bp.ui.title || bp.app.name,
    blueprint: bp,
    state: Object.freeze(initialState(bp)),
    errors: [],
    parent: parent?.id ?? null,
    pid: proc.pid,
    startedAt: Date.now(),
    version: 0,
  };
  core.store.update((d) => ({
    apps: { ...d.apps, [id]: instance },
    windows: { ...d.windows, [id]: newWindow(id, cascade(Object.keys(d.windows).length)) },
    stack: focus ? [...d.stack, id] : [id, ...d.stack],
    focused: focus ? id : d.focused,
  }));
  const lc = bp.ui.lifecycle;
  const mount = core.track(
    (async () => {
      await runChain(core, rec, lc.on_mount ?? NO_BINDINGS, { event: 'mount' });
      if (focus && core.store.getSnapshot().focused === id) await runChain(core, rec, lc.on_focus ?? NO_BINDINGS, { event: 'focus' });
    })(),
  );
  if (opts.awaitMount ?? true) await mount;
  return id;
}

/** An app and everything below it, children before parents. */
function subtree(d: Desktop, id: string): string[] {
  const out: string[] = [];
  const visit = (cur: string) => {
    for (const a of Object.values(d.apps)) if (a.parent === cur) visit(a.id);
    out.push(cur);
  };
  visit(id);
  return out;
}

/**
 * Close an app and its children: each one's timers stop and its on_unmount runs (children
 * first), then its process exits, which the kernel cascades to the children's processes.
 */
export async function close(core: Core, id: string): Promise<void> {
  const rec = core.apps.get(id);
  if (!rec || rec.closing) return;
  const ids = subtree(core.store.getSnapshot(), id);
  const recs = ids.map((i) => core.apps.get(i)).filter((r): r is AppRecord => !!r && !r.closing);
  for (const r of recs) {
    r.closing = true;
    stopTimers(r);
  }
  for (const r of recs) {
    const hooks = r.blueprint.ui.lifecycle.on_unmount;
    if (hooks?.length) await runChain(core, r, hooks, { event: 'unmount' });
  }
  core.kernel.procs.exit(rec.pid);
  // Processes already gone (killed from outside) leave their instances to remove here.
  for (const r of recs) forget(core, r);
}

/** Drop an app from the runtime and the store (its process has exited). */
export function forget(core: Core, rec: AppRecord) {
  if (core.apps.get(rec.id) !== rec) return;
  rec.closing = true;
  stopTimers(rec);
  core.apps.delete(rec.id);
  core.byPid.delete(rec.pid);
  for (const [dialogId, pending] of core.dialogs) if (pending.rec === rec) core.dialogs.delete(dialogId);
  core.store.update((d) => {
    if (!d.apps[rec.id]) return null;
    const { [rec.id]: _app, ...apps } = d.apps;
    const { [rec.id]: _win, ...windows } = d.windows;
    const stack = d.stack.filter((s) => s !== rec.id);
    const focused = d.focused === rec.id ? nextFocus(stack, windows) : d.focused;
    return { apps, windows, stack, focused, dialogs: d.dialogs.filter((x) => x.app !== rec.id) };
  });
}

/** The topmost visible window, for when the focused one goes away. */
export function nextFocus(stack: readonly string[], windows: Desktop['windows']): string | null {
  const topFirst = [...stack].reverse().map((id) => ({ id, minimized: windows[id]?.minimized ?? true }));
  return cycleFocus(topFirst, null, 1);
}

/** Focus an app: raise and un-minimize its window; its on_focus runs when focus moved to it. */
export async function focus(core: Core, id: string): Promise<void> {
  const rec = core.apps.get(id);
  if (!rec) throw new KernelError('ESRCH', `no running app "${id}"`);
  const before = core.store.getSnapshot().focused;
  core.store.update((d) => {
    const win = d.windows[id];
    const top = d.stack[d.stack.length - 1] === id;
    if (d.focused === id && top && !win?.minimized) return null;
    return {
      focused: id,
      stack: raise(d.stack, id),
      windows: win?.minimized ? { ...d.windows, [id]: { ...win, minimized: false } } : d.windows,
    };
  });
  const hooks = rec.blueprint.ui.lifecycle.on_focus;
  if (before !== id && hooks?.length) await core.track(runChain(core, rec, hooks, { event: 'focus' }));
}
