import type { Component, ComponentType } from './types.js';

/**
 * The one binding syntax: `{{root.path}}` inside any string of props or tool arguments.
 *
 * - A string that is exactly one binding (`"{{state.count}}"`) becomes the value itself,
 *   whatever its type; a binding inside other text (`"Total: {{state.total}}"`) is
 *   interpolated as text.
 * - Roots read at run time: `state` (the app's state, keyed by component id), `event` (the
 *   event: `value`, `componentId`, ...), `props` (the props of the component the event came from).
 * - Roots replaced at load time: `config` (the Blueprint's top-level `config`) and the
 *   variables of an enclosing `$for`.
 * - A path is dotted keys (`state.btn-7`, `event.value`) with `[n]` for array items.
 */
export const RUNTIME_ROOTS = ['state', 'event', 'props'] as const;
export type RuntimeRoot = (typeof RUNTIME_ROOTS)[number];

export interface BindingRef {
  /** The text between the braces, trimmed. */
  expr: string;
  /** Whether expr is a well-formed path. */
  ok: boolean;
  root: string;
  keys: string[];
}

interface Template {
  /** Literal text and bindings in order; literal parts are strings. */
  parts: (string | BindingRef)[];
  /** Set when the whole string is one binding. */
  whole?: BindingRef;
}

const BINDING = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^[A-Za-z_$][\w$]*(?:\.[\w$-]+|\[\d+\])*$/;
const SEGMENT = /\.([\w$-]+)|\[(\d+)\]/g;

function parseRef(expr: string): BindingRef {
  if (!PATH.test(expr)) return { expr, ok: false, root: '', keys: [] };
  const root = /^[A-Za-z_$][\w$]*/.exec(expr)![0];
  const keys: string[] = [];
  for (const m of expr.slice(root.length).matchAll(SEGMENT)) keys.push(m[1] ?? m[2]!);
  return { expr, ok: true, root, keys };
}

// Props are re-resolved on every render, so templates are parsed once per distinct string.
const cache = new Map<string, Template | null>();
const CACHE_LIMIT = 5000;

function templateOf(s: string): Template | null {
  if (s.length < 4 || !s.includes('{{')) return null;
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const parts: (string | BindingRef)[] = [];
  let last = 0;
  for (const m of s.matchAll(BINDING)) {
    if (m.index > last) parts.push(s.slice(last, m.index));
    parts.push(parseRef(m[1]!));
    last = m.index + m[0].length;
  }
  if (last < s.length) parts.push(s.slice(last));
  const t: Template | null = parts.some((p) => typeof p !== 'string')
    ? { parts, whole: parts.length === 1 && typeof parts[0] !== 'string' ? parts[0] : undefined }
    : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(s, t);
  return t;
}

/** Whether a string contains a binding. */
export const isBindingText = (s: string) => templateOf(s) !== null;

/** The binding a string consists of entirely, if it does (`"{{state.x}}"`). */
export const wholeBinding = (s: unknown): BindingRef | undefined => (typeof s === 'string' ? templateOf(s)?.whole : undefined);

/** Reads own properties only: a path like `state.__proto__` must not reach the prototype. */
export function lookup(scope: Readonly<Record<string, unknown>>, ref: BindingRef): unknown {
  let cur: unknown = Object.hasOwn(scope, ref.root) ? scope[ref.root] : undefined;
  for (const k of ref.keys) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const asText = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function resolveString(s: string, scope: Readonly<Record<string, unknown>>, onlyScopeRoots: boolean): unknown {
  const t = templateOf(s);
  if (!t) return s;
  const known = (r: BindingRef) => r.ok && (!onlyScopeRoots || Object.hasOwn(scope, r.root));
  if (t.whole) return known(t.whole) ? lookup(scope, t.whole) : s;
  let out = '';
  for (const p of t.parts) out += typeof p === 'string' ? p : known(p) ? asText(lookup(scope, p)) : `{{${p.expr}}}`;
  return out;
}

function resolveDeep(value: unknown, scope: Readonly<Record<string, unknown>>, onlyScopeRoots: boolean): unknown {
  if (typeof value === 'string') return resolveString(value, scope, onlyScopeRoots);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const r = resolveDeep(value[i], scope, onlyScopeRoots);
      if (r !== value[i]) (out ??= value.slice())[i] = r;
    }
    return out ?? value;
  }
  if (typeof value === 'object' && value !== null) {
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const r = resolveDeep(v, scope, onlyScopeRoots);
      if (r !== v) (out ??= { ...value })[k] = r;
    }
    return out ?? value;
  }
  return value;
}

export interface BindingScope {
  state?: Readonly<Record<string, unknown>>;
  event?: Readonly<Record<string, unknown>>;
  props?: Readonly<Record<string, unknown>>;
}

/**
 * Resolves every binding in a value (a string, or props / args deeply) against run-time
 * state, event and props. Values without bindings come back as the same object.
 */
export function resolveBindings<T>(value: T, scope: BindingScope): T {
  return resolveDeep(value, scope as Record<string, unknown>, false) as T;
}

/** Load time: replaces only bindings whose root is in `scope` (config, $for variables). */
export function substituteBindings(value: unknown, scope: Readonly<Record<string, unknown>>): unknown {
  return resolveDeep(value, scope, true);
}

/** Every binding inside a value, with the path to the string that holds it. */
export function forEachBinding(value: unknown, fn: (ref: BindingRef, at: (string | number)[]) => void, at: (string | number)[] = []) {
  if (typeof value === 'string') {
    const t = templateOf(value);
    if (t) for (const p of t.parts) if (typeof p !== 'string') fn(p, at);
  } else if (Array.isArray(value)) value.forEach((v, i) => forEachBinding(v, fn, [...at, i]));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) forEachBinding(v, fn, [...at, k]);
}

/** The state keys a value reads: what a view must watch to redraw it. */
export function stateKeysRead(value: unknown): string[] {
  const keys = new Set<string>();
  forEachBinding(value, (r) => {
    if (r.ok && r.root === 'state' && r.keys[0] !== undefined) keys.add(r.keys[0]);
  });
  return [...keys];
}

/** The prop each value-holding component binds two-way to state. */
export const TWO_WAY_PROPS: Partial<Record<ComponentType, string>> = {
  input: 'value',
  textarea: 'value',
  select: 'value',
  slider: 'value',
  checkbox: 'checked',
};

/**
 * The state key a value-holding component reads and writes: its own id, unless its value
 * prop is exactly `{{state.KEY}}`, which points it at KEY. Undefined for other components.
 */
export function boundStateKey(c: Pick<Component, 'type' | 'id' | 'props'>): string | undefined {
  const prop = TWO_WAY_PROPS[c.type];
  if (!prop) return undefined;
  const ref = wholeBinding(c.props[prop]);
  return ref?.ok && ref.root === 'state' && ref.keys.length === 1 ? ref.keys[0] : c.id;
}
