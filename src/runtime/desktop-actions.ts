import type { ToolBinding } from '../blueprint/types.js';
import { KernelError } from '../kernel/errors.js';
import { childrenOf, dynamicComponent, initialValueOf } from './components.js';
import { MAX_TIMERS_PER_APP, MIN_INTERVAL_MS, type AppRecord, type Core } from './core.js';
import { runChain } from './exec.js';
import { MAX_NOTIFICATIONS } from './store.js';
import type { DesktopActions, ToolEvent } from './tools/types.js';
import type { StateTxn } from './txn.js';
import type { Desktop } from './types.js';

/** What a tool asked of the desktop: store changes committed with its state, and work started after. */
export interface Effects {
  store: ((d: Desktop) => Partial<Desktop>)[];
  after: (() => void)[];
}

/** One event's run of bindings: whether it moved undo history itself (then it is not a step). */
export interface Chain {
  history: boolean;
  /**
   * True once a newer change event reached the same field: this chain's remaining state
   * writes and bindings give way, so what a fast typist sees ends on the last value typed,
   * however the chains' awaits finish.
   */
  superseded?: () => boolean;
}

export const MAX_DIALOGS = 20;

/** Where app.save_state keeps an app's state. */
export const savedStatePath = (appId: string) => `/home/.agentos/state/${appId}.json`;

/** Whether `id` is `root` or below it in the app tree. */
export function isWithinApp(core: Core, id: string, root: string): boolean {
  const apps = core.store.getSnapshot().apps;
  for (let cur: string | null = id; cur; cur = apps[cur]?.parent ?? null) if (cur === root) return true;
  return false;
}

export function startTimer(core: Core, rec: AppRecord, id: number, ms: number, repeat: boolean, bindings: ToolBinding[]) {
  if (rec.closing || !core.apps.has(rec.id)) return;
  const fire = () => {
    if (!repeat) rec.timers.delete(id);
    if (rec.closing) return;
    void core.track(runChain(core, rec, bindings, { event: 'timer', value: id }));
  };
  rec.timers.set(id, { handle: repeat ? setInterval(fire, ms) : setTimeout(fire, ms), repeat });
}

export function stopTimers(rec: AppRecord) {
  for (const t of rec.timers.values()) (t.repeat ? clearInterval : clearTimeout)(t.handle);
  rec.timers.clear();
}

/** The desktop as one tool run of one app sees it. */
export function desktopActions(core: Core, rec: AppRecord, txn: StateTxn, effects: Effects, chain: Chain): DesktopActions {
  const component = (id: string) => rec.components.get(id)?.component ?? dynamicComponent(txn.all(), id)?.component;
  const plannedTimers = new Set<number>();
  const planTimer = (ms: number, repeat: boolean, bindings: ToolBinding[]) => {
    if (!bindings.length) throw new KernelError('EINVAL', 'a timer needs an action: a tool id or {tool, args}');
    if (rec.timers.size + plannedTimers.size >= MAX_TIMERS_PER_APP) throw new KernelError('EAGAIN', `app "${rec.appId}" already has ${MAX_TIMERS_PER_APP} timers; clear some first`);
    const id = core.nextTimerId++;
    plannedTimers.add(id);
    const every = repeat ? Math.max(MIN_INTERVAL_MS, ms) : ms;
    effects.after.push(() => {
      if (plannedTimers.delete(id)) startTimer(core, rec, id, every, repeat, bindings);
    });
    return id;
  };
  const later = (p: Promise<unknown>) => {
    // Tools never wait on other apps' work: that could hold a scheduler slot another app needs.
    void core.track(p).catch((e) => core.recordError(rec.id, { code: e instanceof KernelError ? e.code : 'ETOOL', message: e instanceof Error ? e.message : String(e) }));
  };

  return {
    blueprint: rec.blueprint,
    component,
    descendants(id) {
      const out: string[] = [];
      const state = txn.all();
      const walk = (c: { id: string; children?: unknown }) => {
        for (const child of childrenOf(state, c as never)) {
          out.push(child.id);
          walk(child);
        }
      };
      const root = component(id);
      if (root) walk(root);
      return out;
    },
    initialValue: (id) => initialValueOf(component(id)),
    notify(n) {
      const notice = { id: core.nextNoticeId++, app: rec.id, title: n.title ?? rec.blueprint.app.name, message: n.message, level: n.level ?? 'info', at: Date.now() };
      effects.store.push((d) => ({ notifications: [...d.notifications.slice(-(MAX_NOTIFICATIONS - 1)), notice] }));
    },
    alert(message, title) {
      const dialog = { id: core.nextNoticeId++, app: rec.id, kind: 'alert' as const, title: title ?? rec.blueprint.app.name, message };
      effects.store.push((d) => ({ dialogs: [...d.dialogs.slice(-(MAX_DIALOGS - 1)), dialog] }));
    },
    confirm(message, opts = {}) {
      const id = core.nextNoticeId++;
      const dialog = { id, app: rec.id, kind: 'confirm' as const, title: opts.title ?? rec.blueprint.app.name, message };
      core.dialogs.set(id, { rec, key: opts.key, yes: opts.yes ?? [], no: opts.no ?? [] });
      effects.store.push((d) => ({ dialogs: [...d.dialogs.slice(-(MAX_DIALOGS - 1)), dialog] }));
      if (core.options.headless) effects.after.push(() => core.host.answer(id, true));
      return id;
    },
    clipboard: {
      copy(text) {
        effects.store.push(() => ({ clipboard: text }));
      },
      paste: () => core.store.getSnapshot().clipboard,
    },
    timers: {
      set: (ms, bindings) => planTimer(ms, false, bindings),
      interval: (ms, bindings) => planTimer(ms, true, bindings),
      clear(id) {
        if (plannedTimers.delete(id)) return true;
        const t = rec.timers.get(id);
        if (!t) return false;
        (t.repeat ? clearInterval : clearTimeout)(t.handle);
        rec.timers.delete(id);
        return true;
      },
    },
    run(bindings, event?: ToolEvent) {
      effects.after.push(() => void core.track(runChain(core, rec, bindings, event ?? { event: 'run' })));
    },
    history: {
      undo() {
        chain.history = true;
        const prev = rec.undo.pop();
        if (!prev) return false;
        rec.redo.push(txn.all());
        txn.replace(prev);
        return true;
      },
      redo() {
        chain.history = true;
        const next = rec.redo.pop();
        if (!next) return false;
        rec.undo.push(txn.all());
        txn.replace(next);
        return true;
      },
    },
    apps: {
      async spawn(req) {
        const parent = req.parent === undefined ? rec.id : req.parent;
        if (parent !== null && parent !== rec.id) throw new KernelError('EPERM', `app "${rec.appId}" may only spawn its own children (parent: itself or null)`);
        return core.host.spawn(req, parent);
      },
      async close(id) {
        const target = id ?? rec.id;
        if (!isWithinApp(core, target, rec.id)) throw new KernelError('EPERM', `app "${rec.appId}" may close only itself and the apps it spawned`);
        later(core.host.close(target));
      },
      async focus(id) {
        if (!core.store.getSnapshot().apps[id]) throw new KernelError('ESRCH', `no running app "${id}"`);
        later(core.host.focus(id));
      },
      list() {
        const d = core.store.getSnapshot();
        return Object.values(d.apps).map((a) => ({ id: a.id, appId: a.appId, title: a.title, parent: a.parent, pid: a.pid, focused: d.focused === a.id }));
      },
      async saveState() {
        const path = savedStatePath(rec.appId);
        const state = txn.all();
        await core.kernel.syscall(core.deskPid, 'fs.mkdir', { path: '/home/.agentos/state', recursive: true });
        await core.kernel.syscall(core.deskPid, 'fs.write', { path, content: JSON.stringify(state) });
        return { path, keys: Object.keys(state).length };
      },
      async loadState() {
        try {
          const saved: unknown = JSON.parse(await core.kernel.syscall<string>(core.deskPid, 'fs.read', { path: savedStatePath(rec.appId) }));
          return saved && typeof saved === 'object' && !Array.isArray(saved) ? (saved as Record<string, unknown>) : null;
        } catch (e) {
          if (e instanceof KernelError && e.code === 'ENOENT') return null;
          throw e;
        }
      },
    },
    catalog: {
      list: async () => (core.options.catalog ? (await core.options.catalog.list()).map(({ source: _source, ...e }) => e) : []),
      launch: (appId) => core.host.spawn({ appId }, null),
    },
  };
}
