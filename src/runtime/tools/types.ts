import type { z } from 'zod';

/**
 * The contract between the runtime and every tool (ui.*, app.*, system.*, http.*, hub.*,
 * math.*, and the services storage.*, filesystem.*, system.*, auth.*). A tool is one table
 * entry; the runtime validates params with its zod schema, then runs it for one app.
 */
export interface ToolEvent {
  /** The component the event came from (its Blueprint id). */
  component?: string;
  /** click, change, submit, key, mount, timer, ... */
  event?: string;
  /** The event's value: props.text or value for buttons, the new value for inputs. */
  value?: unknown;
  /** The component's props at the time of the event. */
  props?: Record<string, unknown>;
}

export interface ToolContext {
  /** The running app instance. */
  appId: string;
  /** Its kernel process: every effect is a syscall made with this pid. */
  pid: number;
  syscall<R = unknown>(name: string, args?: Record<string, unknown>): Promise<R>;
  /** The app's state: a key -> value store keyed by component id (and free keys). */
  state: {
    get(key: string): unknown;
    set(key: string, value: unknown): void;
    delete(key: string): void;
    all(): Readonly<Record<string, unknown>>;
  };
  event: ToolEvent;
}

export interface ToolDef<P extends z.ZodObject = z.ZodObject> {
  /** `family.verb`, e.g. `ui.append`, `math.add`, `storage.set`. */
  id: string;
  /** One line: what it does. */
  doc: string;
  params: P;
  /** For service tools: the service an app must declare to call it. */
  service?: string;
  run(ctx: ToolContext, params: z.infer<P>): unknown | Promise<unknown>;
}

export function defineTool<P extends z.ZodObject>(def: ToolDef<P>): ToolDef<P> {
  return def;
}
