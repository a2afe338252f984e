import type { Blueprint } from '../blueprint/types.js';
import { KernelError } from '../kernel/errors.js';
import type { AppEvent } from './exec.js';
import type { Runtime } from './runtime.js';
import type { AppError } from './types.js';

/** What `agentos run APP --headless` prints: the contract other checks rely on. */
export interface HeadlessResult {
  app: string;
  state: Record<string, unknown>;
  errors: Omit<AppError, 'at'>[];
}

/** A bad event line: its message is `file:line: what is wrong`. */
export class EventLineError extends Error {
  override readonly name = 'EventLineError';
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

/** One line of an events file: a component event, or a key press (`{"key": "Enter"}`). */
export type HeadlessEvent = { kind: 'event'; event: AppEvent } | { kind: 'key'; key: string };

/**
 * Parses one line. `{"component": "btn-7", "event": "click"}`,
 * `{"component": "display", "event": "change", "value": "12"}`, or `{"key": "Enter"}`.
 */
export function parseEventLine(text: string, file: string, line: number): HeadlessEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new EventLineError(file, line, `bad JSON: ${(e as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new EventLineError(file, line, 'an event is a JSON object like {"component": "btn-7", "event": "click"}');
  const o = value as Record<string, unknown>;
  const known = new Set(['component', 'event', 'value', 'key']);
  const extra = Object.keys(o).find((k) => !known.has(k));
  if (extra) throw new EventLineError(file, line, `unknown field "${extra}": an event has component, event and value (or key)`);
  if (o.key !== undefined) {
    if (typeof o.key !== 'string' || o.component !== undefined) throw new EventLineError(file, line, 'a key event is {"key": "Enter"} alone');
    return { kind: 'key', key: o.key };
  }
  if (typeof o.component !== 'string' || !o.component) throw new EventLineError(file, line, 'missing "component" (the id of the component the event happens to)');
  if (o.event !== undefined && (typeof o.event !== 'string' || !o.event)) throw new EventLineError(file, line, '"event" must be an event name like "click" or "change"');
  return { kind: 'event', event: { component: o.component, event: (o.event as string | undefined) ?? 'click', value: o.value } };
}

/**
 * Launches the app, applies each event line in order (each one's tools finish before the
 * next), waits for the work they started, and returns the app's state and errors. Timers
 * still pending then are stopped: a headless run never waits on them.
 */
export async function runHeadless(runtime: Runtime, bp: Blueprint, events: string, file: string): Promise<HeadlessResult> {
  const id = await runtime.launch(bp);
  try {
    const lines = events.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (!text || text.startsWith('#') || text.startsWith('//')) continue;
      const ev = parseEventLine(text, file, i + 1);
      try {
        if (ev.kind === 'key') await runtime.pressKey(id, ev.key);
        else await runtime.dispatchEvent(id, ev.event);
      } catch (e) {
        if (e instanceof KernelError) throw new EventLineError(file, i + 1, e.message);
        throw e;
      }
      await runtime.idle();
    }
    await runtime.idle();
    const app = runtime.getSnapshot().apps[id];
    if (!app) throw new KernelError('ESRCH', `app "${bp.app.id}" closed itself before the events ended`);
    return { app: app.appId, state: { ...app.state }, errors: app.errors.map(({ at: _at, ...e }) => e) };
  } finally {
    await runtime.shutdown();
  }
}
