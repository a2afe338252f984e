import type { ToolState } from './tools/types.js';

const DELETED = Symbol('deleted');
type State = Readonly<Record<string, unknown>>;

/**
 * One tool run's view of an app's state: reads see the tool's own writes over the state it
 * started from; writes are kept apart until `commit`, which applies them to whatever the
 * state is by then (so two slow tools writing different keys do not undo each other).
 * A tool that throws is simply never committed: that is the rollback.
 */
export class StateTxn implements ToolState {
  private writes: Map<string, unknown> | null = null;
  private replaced: State | null = null;
  private merged: State | null = null;

  constructor(private readonly base: State) {}

  get(key: string): unknown {
    if (this.writes?.has(key)) {
      const v = this.writes.get(key);
      return v === DELETED ? undefined : v;
    }
    const from = this.replaced ?? this.base;
    return Object.hasOwn(from, key) ? from[key] : undefined;
  }

  set(key: string, value: unknown): void {
    (this.writes ??= new Map()).set(key, value === undefined ? DELETED : value);
    this.merged = null;
  }

  delete(key: string): void {
    (this.writes ??= new Map()).set(key, DELETED);
    this.merged = null;
  }

  replace(next: State): void {
    this.replaced = next;
    this.writes = null;
    this.merged = null;
  }

  all(): State {
    if (this.merged) return this.merged;
    this.merged = this.writes || this.replaced ? Object.freeze(this.apply(this.base)) : this.base;
    return this.merged;
  }

  get changed(): boolean {
    return this.replaced !== null || (this.writes !== null && this.writes.size > 0);
  }

  /** The state after this transaction, applied onto `current`; the same object when nothing changed. */
  apply(current: State): Record<string, unknown> {
    if (!this.changed) return current as Record<string, unknown>;
    const out: Record<string, unknown> = { ...(this.replaced ?? current) };
    if (this.writes) {
      for (const [k, v] of this.writes) {
        if (v === DELETED) delete out[k];
        else out[k] = v;
      }
    }
    return out;
  }
}
