import type { z } from 'zod';
import type { Blueprint, Component, ToolBinding } from '../../blueprint/types.js';
import type { Grant } from '../../kernel/sandbox/capabilities.js';
import { builtOnFirstRead } from '../../util/built-on-first-read.js';

/**
 * The contract between the runtime and every tool (ui.*, app.*, system.*, http.*, hub.*,
 * math.*, and the services storage.*, filesystem.*, system.*, auth.*). A tool is one table
 * entry; the runtime validates params with its zod schema, then runs it for one app.
 *
 * A tool run is a transaction: writes through `ctx.state` are applied to the app's state
 * together when `run` returns (or its promise resolves) and dropped when it throws.
 * Syscalls happen when made.
 */
export interface ToolEvent {
  /** The component the event came from (its Blueprint id). */
  component?: string;
  /** The same id, under the name bindings use (`{{event.componentId}}`). */
  componentId?: string;
  /** click, change, submit, key, mount, unmount, focus, timer, ... */
  event?: string;
  /** The event's value: props.text or value for buttons, the new value for inputs. */
  value?: unknown;
  /** For a list's `select`: the chosen item (`value` is then its index). */
  item?: unknown;
  /** The component's props at the time of the event (bindings resolved). */
  props?: Record<string, unknown>;
}

export interface ToolState {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  all(): Readonly<Record<string, unknown>>;
  /** Replace the whole state (undo/redo, load_state). */
  replace?(next: Readonly<Record<string, unknown>>): void;
}

export interface ToolContext {
  /**
   * The app's id: its Blueprint `app.id`. Stable across launches, so per-app data
   * (storage, saved state) is keyed by it.
   */
  appId: string;
  /** The running instance (a window); equals appId for the first instance of an app. */
  instanceId?: string;
  /** Its kernel process: every effect is a syscall made with this pid. */
  pid: number;
  syscall<R = unknown>(name: string, args?: Record<string, unknown>): Promise<R>;
  /**
   * For service tools that keep private data (storage, auth): a syscall made by that
   * service's own kernel process, whose grants reach only /home/.agentos/<service>/**. The
   * runtime makes it only after checking the app declared `tool` (e.g. `storage.set`), since
   * the app's own grants never reach /home/.agentos. Absent outside a runtime: such tools
   * then use `syscall`.
   */
  serviceSyscall?<R = unknown>(tool: string, name: string, args?: Record<string, unknown>): Promise<R>;
  /** The app's state: a key -> value store keyed by component id (and free keys). */
  state: ToolState;
  event: ToolEvent;
  /** What the runtime's own tool families (ui, app, system, hub) need; absent outside a runtime. */
  desktop?: DesktopActions;
}

/** A notification on the desktop. */
export interface NotifyInput {
  message: string;
  title?: string;
  level?: 'info' | 'success' | 'warning' | 'error';
}

/** The runtime, as seen from inside one app's tool run. */
export interface DesktopActions {
  /** The app's Blueprint and its components by id (static and dynamically added). */
  blueprint: Blueprint;
  component(id: string): Component | undefined;
  /** Ids of every component below `id` in the tree. */
  descendants(id: string): string[];
  /** Initial value of a component's state (its value/checked prop), for resets. */
  initialValue(id: string): unknown;
  /** Committed with the tool's state. */
  notify(n: NotifyInput): void;
  alert(message: string, title?: string): void;
  /**
   * Ask yes or no. The answer comes later (the tool does not wait): it is stored in `key`
   * and the `yes` or `no` bindings run. Headless runs answer yes. Returns the dialog id.
   */
  confirm(message: string, opts?: { title?: string; key?: string; yes?: ToolBinding[]; no?: ToolBinding[] }): number;
  clipboard: { copy(text: string): void; paste(): string };
  /** Timers start when the tool commits and stop when the app closes. */
  timers: {
    set(delayMs: number, bindings: ToolBinding[]): number;
    interval(everyMs: number, bindings: ToolBinding[]): number;
    clear(id: number): boolean;
  };
  /** Run tool bindings for this app once the current tool has committed (each its own transaction). */
  run(bindings: ToolBinding[], event?: ToolEvent): void;
  history: { undo(): boolean; redo(): boolean };
  apps: {
    /** Launch by catalog id, by a prompt (the generator), or from a Blueprint; returns the instance id. */
    spawn(req: { appId?: string; prompt?: string; blueprint?: Blueprint; parent?: string | null }): Promise<string>;
    /** Close this app (default) or one of its descendants. */
    close(instanceId?: string): Promise<void>;
    focus(instanceId: string): Promise<void>;
    list(): { id: string; appId: string; title: string; parent: string | null; pid: number; focused: boolean }[];
    /** This app's state, saved for its next launch (by the desktop, not with the app's grants). */
    saveState(): Promise<{ path: string; keys: number }>;
    /** What saveState saved for this app, or null. */
    loadState(): Promise<Record<string, unknown> | null>;
  };
  catalog: {
    list(): Promise<CatalogEntryInfo[]>;
    launch(appId: string): Promise<string>;
  };
}

export interface CatalogEntryInfo {
  id: string;
  name: string;
  description?: string;
  icon?: string;
  category?: string;
}

export interface ToolDef<P extends z.ZodObject = z.ZodObject> {
  /** `family.verb`, e.g. `ui.append`, `math.add`, `storage.set`. */
  id: string;
  /** One line: what it does. */
  doc: string;
  params: P;
  /** For service tools: the service an app must declare to call it. */
  service?: string;
  /**
   * What the app's process needs for this tool to work (e.g. storage's folder), granted
   * at launch when the app declares this tool's service. The app's own `permissions` are
   * not widened otherwise.
   */
  grants?: (app: { appId: string }) => Grant[];
  run(ctx: ToolContext, params: z.infer<P>): unknown | Promise<unknown>;
}

/** A tool as written in its file: `params` may be a function building the schema on first use. */
export interface ToolSpec<P extends z.ZodObject = z.ZodObject> extends Omit<ToolDef<P>, 'params'> {
  params: P | (() => P);
}

export function defineTool<P extends z.ZodObject>(spec: ToolSpec<P>): ToolDef<P> {
  const { params } = spec;
  if (typeof params !== 'function') return spec as ToolDef<P>;
  return builtOnFirstRead(spec as ToolDef<P>, 'params', params);
}
