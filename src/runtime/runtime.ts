import { parseKeyName } from '../blueprint/keys.js';
import { setKnownTools } from '../blueprint/known-tools.js';
import type { Blueprint } from '../blueprint/types.js';
import { KernelError } from '../kernel/errors.js';
import { grantsFor } from '../kernel/sandbox/profiles.js';
import { didYouMean } from '../util/suggest.js';
import { folderCatalog } from './catalog.js';
import { resolvedProps } from './components.js';
import { Core, type RuntimeOptions } from './core.js';
import { commit, dispatchEvent, findComponent, runChain, type AppEvent } from './exec.js';
import { close, focus, forget, launch, type LaunchOptions } from './lifecycle.js';
import { MAX_CHAT, type Listener } from './store.js';
import { allTools } from './tools/index.js';
import type { ToolDef } from './tools/types.js';
import { StateTxn } from './txn.js';
import type { AppInstance, ChatMessage, Desktop } from './types.js';
import { windowCommands, type WindowCommands } from './window-commands.js';

export interface Runtime {
  readonly kernel: RuntimeOptions['kernel'];
  /** The desktop now (immutable; a new object after every change). */
  getSnapshot(): Desktop;
  /** Called after every change with the new and previous snapshot; returns an unsubscribe. */
  subscribe(listener: Listener): () => void;

  /** Start an app from a Blueprint; resolves with its instance id once on_mount ran. */
  launch(bp: Blueprint, opts?: LaunchOptions): Promise<string>;
  /** Start an app by id from the catalog (registry or apps/). */
  launchApp(appId: string, opts?: LaunchOptions): Promise<string>;
  /** Generate an app from a sentence (needs a generator) and start it. */
  generate(prompt: string, opts?: LaunchOptions): Promise<string>;
  /** Close an app and its children (on_unmount runs for each). */
  close(id: string): Promise<void>;
  focus(id: string): Promise<void>;

  /** An event from a view: `{component, event, value?}`. Unknown components are EINVAL. */
  dispatchEvent(id: string, event: AppEvent): Promise<boolean>;
  /** A key pressed in an app with no input focused: runs its `ui.keys` binding; false when unbound. */
  pressKey(id: string, key: string): Promise<boolean>;
  /** Run one tool for an app directly (web API, MCP); failures are recorded on the app and thrown. */
  runTool(id: string, tool: string, args?: Record<string, unknown>): Promise<void>;
  /** A component's props as a view draws them (bindings and state applied). */
  props(id: string, componentId: string): Record<string, unknown>;

  readonly windows: WindowCommands;
  dismissNotification(id: number): void;
  /** Close a dialog; a confirmation gets `yes`. */
  answerDialog(id: number, yes?: boolean): void;
  setClipboard(text: string): void;
  addChatMessage(msg: Omit<ChatMessage, 'id' | 'at'>): number;
  updateChatMessage(id: number, patch: Partial<Omit<ChatMessage, 'id'>>): void;
  clearChat(): void;
  /** Clear an app's error list (after a view showed it). */
  clearErrors(id: string): void;

  /** Every tool the runtime knows (for the AI's catalog, MCP and docs). */
  tools(): ToolDef<any>[];
  /** Resolves when no tool run, hook or launch is in flight. */
  idle(): Promise<void>;
  /** Close every app (on_unmount runs) and stop the desktop's process. */
  shutdown(): Promise<void>;
}

export function createRuntime(given: RuntimeOptions): Runtime {
  const { kernel } = given;
  const desk = kernel.spawnProcess({ name: 'desktop', kind: 'service', grants: grantsFor('STANDARD'), profile: 'STANDARD', ppid: kernel.userPid, cwd: '/home' });
  // Without a registry, apps come from the shipped .bp files under /apps, read as the desktop.
  const options: RuntimeOptions = { ...given, catalog: given.catalog ?? folderCatalog(kernel, desk.pid) };
  const core = new Core(kernel, options, desk.pid, allTools(options.tools));
  // The Blueprint loader rejects tools this runtime does not have.
  setKnownTools([...core.tools.values()].map((t) => ({ id: t.id, service: t.service ?? null })));
  let chatId = 1;

  const rec = (id: string) => {
    const r = core.apps.get(id);
    if (!r) throw new KernelError('ESRCH', `no running app "${id}"${didYouMean(id, core.apps.keys())}`);
    return r;
  };
  const launchApp = async (appId: string, opts?: LaunchOptions) => {
    if (!options.catalog) throw new KernelError('ENOENT', `no app catalog to find "${appId}" in`);
    return launch(core, await options.catalog.load(appId), opts);
  };
  const generate = async (prompt: string, opts: LaunchOptions = {}) => {
    if (!options.generator) throw new KernelError('ENOSYS', 'no app generator is configured (set a provider with `agentos config set provider ...`)');
    return launch(core, await options.generator(prompt, { parent: opts.parent }), opts);
  };

  core.host = {
    spawn: (req, parent) => {
      const opts = { parent, awaitMount: false };
      if (req.blueprint) return launch(core, req.blueprint, opts);
      if (req.appId) return launchApp(req.appId, opts);
      return generate(req.prompt ?? '', opts);
    },
    close: (id) => close(core, id),
    focus: (id) => focus(core, id),
    answer(dialogId, yes) {
      core.store.update((d) => (d.dialogs.some((x) => x.id === dialogId) ? { dialogs: d.dialogs.filter((x) => x.id !== dialogId) } : null));
      const pending = core.dialogs.get(dialogId);
      if (!pending) return;
      core.dialogs.delete(dialogId);
      const { rec: r } = pending;
      if (!core.apps.has(r.id)) return;
      if (pending.key) {
        const txn = new StateTxn(core.store.getSnapshot().apps[r.id]!.state);
        txn.set(pending.key, yes);
        commit(core, r, txn, { store: [], after: [] });
      }
      const then = yes ? pending.yes : pending.no;
      if (then.length) void core.track(runChain(core, r, then, { event: 'confirm', value: yes }));
    },
  };

  // A process that exits from outside (agentos kill, memory pressure) takes its app with it.
  const onExit = (p: { pid: number }) => {
    const r = core.byPid.get(p.pid);
    if (r) forget(core, r);
  };
  kernel.procs.on('exit', onExit);

  return {
    kernel,
    getSnapshot: core.store.getSnapshot,
    subscribe: core.store.subscribe,
    launch: (bp, opts) => launch(core, bp, opts),
    launchApp,
    generate,
    close: (id) => close(core, id),
    focus: (id) => focus(core, id),
    dispatchEvent: (id, e) => core.track(dispatchEvent(core, rec(id), e)),
    async pressKey(id, key) {
      const r = rec(id);
      const parsed = parseKeyName(key);
      if (!parsed.ok) throw new KernelError('EINVAL', parsed.message);
      const bindings = r.blueprint.ui.keys?.[parsed.key];
      if (!bindings?.length) return false;
      await core.track(runChain(core, r, bindings, { event: 'key', value: parsed.key }));
      return true;
    },
    async runTool(id, tool, args) {
      const r = rec(id);
      const ok = await core.track(runChain(core, r, [{ tool, args }], { event: 'call' }));
      if (!ok) {
        const last = core.store.getSnapshot().apps[id]?.errors.at(-1);
        throw new KernelError((last?.code as never) ?? 'EIO', last?.message ?? `${tool} failed`);
      }
    },
    props(id, componentId) {
      const r = rec(id);
      const { component } = findComponent(core, r, componentId);
      return resolvedProps(core.store.getSnapshot().apps[id]!.state, component);
    },
    windows: windowCommands(core, (id) => focus(core, id)),
    dismissNotification: (id) => core.store.update((d) => (d.notifications.some((n) => n.id === id) ? { notifications: d.notifications.filter((n) => n.id !== id) } : null)),
    answerDialog: (id, yes = false) => core.host.answer(id, yes),
    setClipboard: (text) => core.store.update((d) => (d.clipboard === text ? null : { clipboard: text })),
    addChatMessage(msg) {
      const id = chatId++;
      core.store.update((d) => ({ chat: [...d.chat.slice(-(MAX_CHAT - 1)), { ...msg, id, at: Date.now() }] }));
      return id;
    },
    updateChatMessage: (id, patch) =>
      core.store.update((d) => {
        const i = d.chat.findIndex((m) => m.id === id);
        if (i < 0) return null;
        const chat = d.chat.slice();
        chat[i] = { ...chat[i]!, ...patch, id };
        return { chat };
      }),
    clearChat: () => core.store.update((d) => (d.chat.length ? { chat: [] } : null)),
    clearErrors: (id) => core.store.updateApp(id, (a: AppInstance) => (a.errors.length ? { errors: [] } : null)),
    tools: () => [...core.tools.values()],
    idle: () => core.idle(),
    async shutdown() {
      const tops = Object.values(core.store.getSnapshot().apps).filter((a) => !a.parent);
      await Promise.allSettled(tops.map((a) => close(core, a.id)));
      await core.idle();
      kernel.procs.off('exit', onExit);
      kernel.procs.exit(desk.pid);
    },
  };
}
