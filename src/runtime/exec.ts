import { z } from 'zod';
import { resolveBindings, TWO_WAY_PROPS, type BindingScope } from '../blueprint/bindings.js';
import type { ToolBinding } from '../blueprint/types.js';
import { KernelError } from '../kernel/errors.js';
import { didYouMean } from '../util/suggest.js';
import { coerceInput, dynamicComponent, eventValueOf, resolvedProps, stateKeyOf, type IndexedComponent } from './components.js';
import { listSelection } from './list-select.js';
import { MAX_HISTORY, type AppRecord, type Core } from './core.js';
import { desktopActions, type Chain, type Effects } from './desktop-actions.js';
import { serviceAllows } from './permissions.js';
import { serviceSyscall } from './service-procs.js';
import { bindingsParam } from './tools/common.js';
import type { DesktopActions, ToolContext, ToolDef, ToolEvent } from './tools/types.js';
import { StateTxn } from './txn.js';
import type { AppError } from './types.js';

/** One event from a view or a headless run. */
export interface AppEvent {
  component: string;
  event: string;
  value?: unknown;
}

/** A tool run's context; the desktop actions are built only for tools that use them. */
class RunContext implements ToolContext {
  readonly appId: string;
  readonly instanceId: string;
  readonly pid: number;
  private actions?: DesktopActions;

  constructor(
    private readonly core: Core,
    private readonly rec: AppRecord,
    readonly state: StateTxn,
    readonly event: ToolEvent,
    private readonly effects: Effects,
    private readonly chain: Chain,
  ) {
    this.appId = rec.appId;
    this.instanceId = rec.id;
    this.pid = rec.pid;
  }

  syscall<R = unknown>(name: string, args?: Record<string, unknown>): Promise<R> {
    return this.core.kernel.syscall<R>(this.pid, name, args ?? {});
  }

  serviceSyscall<R = unknown>(tool: string, name: string, args?: Record<string, unknown>): Promise<R> {
    return serviceSyscall<R>(this.core, this.rec, tool, name, args);
  }

  get desktop(): DesktopActions {
    return (this.actions ??= desktopActions(this.core, this.rec, this.state, this.effects, this.chain));
  }
}

/** A failure as it shows on the app: a kernel error's code, or EINVAL / ETOOL. */
function toAppError(e: unknown): Pick<AppError, 'code' | 'message'> {
  if (e instanceof KernelError) return { code: e.code, message: e.syscall && !e.message.startsWith(e.syscall) ? `${e.syscall}: ${e.message}` : e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'ETOOL', message: message.split('\n')[0]!.slice(0, 500) };
}

const zodMessage = (id: string, issues: { path: PropertyKey[]; message: string }[]) => {
  const i = issues[0]!;
  const field = i.path.map(String).join('.');
  return `${id}: ${field ? `${field}: ` : ''}${i.message.replace(/^Invalid input: /, '')}`;
};

const deferredKeys = new WeakMap<ToolDef<any>, Set<string>>();

/** Arguments that are tool bindings to run later (a timer's action, a confirm's on_yes). */
function deferredOf(def: ToolDef<any>): Set<string> {
  let keys = deferredKeys.get(def);
  if (!keys) {
    const isBindings = (s: unknown) => s === bindingsParam || (s instanceof z.ZodOptional && s.unwrap() === bindingsParam);
    keys = new Set(Object.entries(def.params.shape as Record<string, unknown>).filter(([, s]) => isBindings(s)).map(([k]) => k));
    deferredKeys.set(def, keys);
  }
  return keys;
}

/**
 * A binding's arguments with `{{...}}` read now, except those holding tool bindings to run
 * later: those read state when they run (each tick of a timer sees the state of that tick).
 */
function resolveArgs(def: ToolDef<any>, args: Record<string, unknown>, scope: BindingScope): Record<string, unknown> {
  const later = deferredOf(def);
  if (!later.size) return resolveBindings(args, scope);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) out[k] = later.has(k) ? v : resolveBindings(v, scope);
  return out;
}

/**
 * One tool binding as a transaction: resolve its arguments, check the app may call it,
 * validate, run, and commit the state it wrote with the desktop effects it asked for.
 * Throws (after nothing was committed) when the tool fails.
 */
async function runBinding(core: Core, rec: AppRecord, binding: ToolBinding, event: ToolEvent, chain: Chain): Promise<unknown> {
  const def = core.tools.get(binding.tool);
  if (!def) throw new KernelError('EINVAL', `unknown tool "${binding.tool}"${didYouMean(binding.tool, core.tools.keys())}`);
  if (def.service) {
    const ref = rec.services.get(def.service);
    if (!ref) throw new KernelError('EACCES', `${def.id} needs the "${def.service}" service, which app "${rec.appId}" does not declare`);
    if (!serviceAllows(ref.tools, def)) throw new KernelError('EACCES', `app "${rec.appId}" declared only ${ref.tools!.map((t) => `${def.service}.${t}`).join(', ')} of the "${def.service}" service, not ${def.id}`);
  }
  // The state is read, and a tool that finishes at once commits, within the app's turn of
  // the scheduler: an app's turns run one at a time in order, so events that arrive
  // together (keys typed in one burst) each see what the one before them wrote.
  const turn = await core.schedule(rec.pid, () => {
    const app = core.store.getSnapshot().apps[rec.id];
    if (!app) throw new KernelError('ESRCH', `app "${rec.id}" is not running`);
    let args: Record<string, unknown> = binding.args ? resolveArgs(def, binding.args, { state: app.state, event: event as Record<string, unknown>, props: event.props ?? {} }) : {};
    // `into` (unless the tool takes an argument of that name) puts the tool's result in state.
    let into: string | undefined;
    if (typeof args.into === 'string' && !Object.hasOwn(def.params.shape, 'into')) {
      ({ into, ...args } = args as { into: string });
    }
    const parsed = def.params.safeParse(args);
    if (!parsed.success) throw new KernelError('EINVAL', zodMessage(def.id, parsed.error.issues));
    const txn = new StateTxn(app.state);
    const effects: Effects = { store: [], after: [] };
    const finish = (result: unknown) => {
      if (into) txn.set(into, result);
      if (!chain.superseded?.()) commit(core, rec, txn, effects);
      return result;
    };
    const out = def.run(new RunContext(core, rec, txn, event, effects, chain), parsed.data);
    return out instanceof Promise ? { later: out.then(finish) } : { now: finish(out) };
  });
  return 'later' in turn ? await turn.later : turn.now;
}

/** Apply a transaction and its effects as one change of the store, then start what waits on it. */
export function commit(core: Core, rec: AppRecord, txn: StateTxn | null, effects: Effects) {
  if ((txn && txn.changed) || effects.store.length) {
    core.store.update((d) => {
      const app = d.apps[rec.id];
      if (!app) return null;
      let next = d;
      if (txn && txn.changed) {
        const state = Object.freeze(txn.apply(app.state));
        next = { ...d, apps: { ...d.apps, [rec.id]: { ...app, state, version: app.version + 1 } } };
      }
      for (const e of effects.store) next = { ...next, ...e(next) };
      return next;
    });
  }
  for (const fn of effects.after) fn();
}

/**
 * Tool bindings in order, each its own transaction; the first failure is recorded on the
 * app and stops the rest. The whole chain is one step of undo history.
 */
export async function runChain(core: Core, rec: AppRecord, bindings: readonly ToolBinding[], event: ToolEvent, before?: Readonly<Record<string, unknown>>, superseded?: () => boolean): Promise<boolean> {
  const chain: Chain = { history: false, superseded };
  const start = before ?? core.store.getSnapshot().apps[rec.id]?.state;
  let ok = true;
  for (const b of bindings) {
    if ((rec.closing && event.event !== 'unmount') || superseded?.()) break;
    try {
      await runBinding(core, rec, b, event, chain);
    } catch (e) {
      if (e instanceof KernelError && e.code === 'ESRCH' && !core.apps.has(rec.id)) return false;
      core.recordError(rec.id, { ...toAppError(e), tool: b.tool, component: event.component, event: event.event });
      ok = false;
      break;
    }
  }
  remember(core, rec, start, chain);
  return ok;
}

/** One undo step per event, unless the event was itself an undo or redo. */
function remember(core: Core, rec: AppRecord, before: Readonly<Record<string, unknown>> | undefined, chain: Chain) {
  if (chain.history || !before) return;
  const now = core.store.getSnapshot().apps[rec.id]?.state;
  if (!now || now === before) return;
  rec.undo.push(before);
  if (rec.undo.length > MAX_HISTORY) rec.undo.shift();
  rec.redo.length = 0;
}

export function findComponent(core: Core, rec: AppRecord, id: string): IndexedComponent {
  const found = rec.components.get(id) ?? dynamicComponent(core.store.getSnapshot().apps[rec.id]?.state ?? {}, id);
  if (!found) throw new KernelError('EINVAL', `app "${rec.appId}" has no component "${id}"${didYouMean(id, rec.components.keys())}`);
  return found;
}

/**
 * An event from a view: value-holding components first take the new value into state
 * (two-way binding), then the component's bindings for the event run. Events on disabled
 * or hidden components are ignored, as a view would.
 */
export async function dispatchEvent(core: Core, rec: AppRecord, e: AppEvent): Promise<boolean> {
  const { component: c } = findComponent(core, rec, e.component);
  const app = core.store.getSnapshot().apps[rec.id];
  if (!app || rec.closing) throw new KernelError('ESRCH', `app "${rec.id}" is not running`);
  const before = app.state;
  const props = resolvedProps(app.state, c);
  if (props.disabled === true || props.hidden === true) return false;
  let value = e.value;
  let superseded: (() => boolean) | undefined;
  if (TWO_WAY_PROPS[c.type] && (e.event === 'change' || e.event === 'input')) {
    const n = (rec.changes.get(c.id) ?? 0) + 1;
    rec.changes.set(c.id, n);
    superseded = () => rec.changes.get(c.id) !== n;
    const key = stateKeyOf(c);
    const txn = new StateTxn(app.state);
    value = coerceInput(c, e.value, app.state[key]);
    txn.set(key, value);
    commit(core, rec, txn, { store: [], after: [] });
  } else if (value === undefined) {
    value = eventValueOf(props);
  }
  let item: unknown;
  if (c.type === 'list' && e.event === 'select') {
    const picked = listSelection(props.items, value);
    if (picked) ({ index: value, item } = picked);
  }
  const bindings = c.on_event?.[e.event];
  if (!bindings?.length) {
    remember(core, rec, before, { history: false });
    return true;
  }
  return runChain(core, rec, bindings, { component: c.id, componentId: c.id, event: e.event, value, props, ...(item !== undefined ? { item } : {}) }, before, superseded);
}
