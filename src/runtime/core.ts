import type { Blueprint, ServiceRef, ToolBinding } from '../blueprint/types.js';
import type { Kernel } from '../kernel/kernel.js';
import type { AppCatalog } from './catalog.js';
import type { IndexedComponent } from './components.js';
import { MAX_ERRORS, Store } from './store.js';
import type { ToolDef } from './tools/types.js';
import type { AppError } from './types.js';

type State = Readonly<Record<string, unknown>>;

/** Makes a Blueprint from a sentence (src/ai fills this in). */
export type AppGenerator = (prompt: string, context: { parent?: string | null }) => Promise<Blueprint>;

export interface RuntimeOptions {
  kernel: Kernel;
  /** Apps by id: the registry; default: the shipped apps under /apps (folderCatalog). */
  catalog?: AppCatalog;
  /** app.spawn with a prompt. */
  generator?: AppGenerator;
  /** Extra tools; they win over built-in, service and math tools of the same id. */
  tools?: ToolDef<any>[];
  /** No user to ask: confirmations are answered yes at once. */
  headless?: boolean;
}

/** The lifecycle operations tools may ask for. */
export interface Host {
  spawn(req: { appId?: string; prompt?: string; blueprint?: Blueprint }, parent: string | null): Promise<string>;
  close(id: string): Promise<void>;
  focus(id: string): Promise<void>;
  /** Close a dialog with the user's answer (confirm: yes or no). */
  answer(dialogId: number, yes: boolean): void;
}

/** A confirmation waiting for its answer. */
export interface PendingConfirm {
  rec: AppRecord;
  key?: string;
  yes: ToolBinding[];
  no: ToolBinding[];
}

/** What the runtime keeps about a running app beyond its snapshot: never shown to views. */
export interface AppRecord {
  readonly id: string;
  readonly appId: string;
  readonly pid: number;
  readonly blueprint: Blueprint;
  readonly components: Map<string, IndexedComponent>;
  readonly services: Map<string, ServiceRef>;
  readonly timers: Map<number, { handle: NodeJS.Timeout; repeat: boolean }>;
  /** Earlier states, most recent last (system.undo); and what undo took back (system.redo). */
  readonly undo: State[];
  readonly redo: State[];
  /** The newest change event dispatched to each field, numbered: an older one's chain gives way. */
  readonly changes: Map<string, number>;
  closing: boolean;
}

export const MAX_HISTORY = 100;
export const MAX_TIMERS_PER_APP = 100;
export const MIN_INTERVAL_MS = 50;

/** The runtime's shared parts; the lifecycle, dispatch and window modules work on this. */
export class Core {
  readonly store = new Store();
  readonly apps = new Map<string, AppRecord>();
  readonly byPid = new Map<number, AppRecord>();
  readonly tools = new Map<string, ToolDef<any>>();
  /** The desktop's own process: parent of top-level apps, acts for the runtime (save_state, catalog). */
  readonly deskPid: number;
  /** The processes of the services with private data (storage, auth), by service: see service-procs.ts. */
  readonly servicePids = new Map<string, number>();
  private readonly pending = new Set<Promise<unknown>>();
  /** App lifecycle, set by the runtime (tools reach it through DesktopActions). */
  host!: Host;
  readonly dialogs = new Map<number, PendingConfirm>();
  nextTimerId = 1;
  nextNoticeId = 1;

  constructor(
    readonly kernel: Kernel,
    readonly options: RuntimeOptions,
    deskPid: number,
    tools: ToolDef<any>[],
  ) {
    this.deskPid = deskPid;
    for (const t of tools) if (!this.tools.has(t.id)) this.tools.set(t.id, t);
  }

  /** Work that a headless run (and shutdown) waits for: tool runs, hooks, launches. */
  track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    const done = () => this.pending.delete(p);
    p.then(done, done);
    return p;
  }

  /** Resolves when no tracked work is left (work started meanwhile is waited for too). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Run app work through the kernel's scheduler (its policy orders apps), or at once. */
  schedule<T>(pid: number, fn: () => T): Promise<T> {
    const sched = (this.kernel as { sched?: { submit<R>(pid: number, task: () => R): Promise<R> } }).sched;
    if (!sched) return Promise.resolve().then(fn);
    // Wrapped, so the scheduler's turn ends when the synchronous part does: a tool waiting
    // on the network must not hold a CPU slot other apps need.
    return sched.submit(pid, () => ({ value: fn() })).then((r) => r.value);
  }

  recordError(id: string, err: Omit<AppError, 'at'>) {
    this.store.updateApp(id, (app) => ({ errors: [...app.errors.slice(-(MAX_ERRORS - 1)), { at: Date.now(), ...err }] }));
  }
}
