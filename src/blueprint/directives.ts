import { didYouMean } from '../util/suggest.js';
import { lookup, RUNTIME_ROOTS, type BindingRef } from './bindings.js';
import { at, checkKeys, describeValue, isObject, type Ctx } from './check.js';
import type { Where } from './errors.js';
import type { Scope } from './normalize-bindings.js';

/**
 * `$if` and `$for`: load-time conditionals and repetition over static values (config, the
 * variables of enclosing loops, literals). They never read state: what they produce is a
 * fixed component tree.
 *
 * `$for: {"each": LIST | COUNT | "config.path", "as": "item", "index": "i"}` repeats the
 * component once per item (COUNT n gives 0..n-1); inside it, `{{item}}`, `{{item.field}}` and
 * `{{i}}` are replaced in keys, ids and values. `$for: LIST` is short for `{"each": LIST}`.
 *
 * `$if: true | false | "PATH" | "!PATH" | "PATH == VALUE" | "PATH != VALUE"` keeps the
 * component only when the condition holds; PATH reads config or a loop variable (optionally
 * inside {{ }}), VALUE is a JSON literal or a bare word. Absent, false, null, 0, "" and []
 * are false.
 */

/** A loop of more items than this is a mistake, not an app. */
export const MAX_FOR_ITEMS = 1000;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PATH = /^[A-Za-z_$][\w$]*(?:\.[\w$-]+|\[\d+\])*$/;
const CONDITION = /^(!)?\s*([^\s!=]+)\s*(?:(==|!=)\s*(.+?))?\s*$/;
const RESERVED = new Set<string>([...RUNTIME_ROOTS, 'config']);

/** A path of config or a loop variable: `config.items`, `{{row.cells}}`. */
function readPath(ctx: Ctx, text: string, where: Where, scope: Scope): { ok: boolean; value?: unknown } {
  const expr = text.trim().replace(/^\{\{\s*(.*?)\s*\}\}$/, '$1');
  if (!PATH.test(expr)) {
    ctx.issues.add(where, `expected a path such as "config.items", got ${describeValue(text)}`);
    return { ok: false };
  }
  const root = /^[A-Za-z_$][\w$]*/.exec(expr)![0];
  if (!Object.hasOwn(scope, root)) {
    const why = (RUNTIME_ROOTS as readonly string[]).includes(root) ? `"${root}" is only known at run time` : `unknown root "${root}"${didYouMean(root, Object.keys(scope))}`;
    ctx.issues.add(where, `${why}: $if and $for read ${Object.keys(scope).join(', ')}`);
    return { ok: false };
  }
  const keys = [...expr.slice(root.length).matchAll(/\.([\w$-]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2]!);
  const ref: BindingRef = { expr, ok: true, root, keys };
  return { ok: true, value: lookup(scope, ref) };
}

export interface Loop {
  items: unknown[];
  as: string;
  index?: string;
}

export function readFor(ctx: Ctx, raw: unknown, where: Where, scope: Scope): Loop | undefined {
  const spec = isObject(raw) ? raw : { each: raw };
  const eachWhere = isObject(raw) ? at(ctx, where, raw, 'each') : where;
  if (isObject(raw)) {
    checkKeys(ctx, raw, where, ['each', 'as', 'index'], '$for');
    if (raw.each === undefined) {
      ctx.issues.add(where, '$for needs "each": a list, a count, or a path such as "config.items"');
      return undefined;
    }
  }
  let each = spec.each;
  if (typeof each === 'string') {
    const r = readPath(ctx, each, eachWhere, scope);
    if (!r.ok) return undefined;
    each = r.value;
  }
  let items: unknown[];
  if (Array.isArray(each)) items = each;
  else if (typeof each === 'number' && Number.isInteger(each) && each >= 0) items = Array.from({ length: Math.min(each, MAX_FOR_ITEMS + 1) }, (_, i) => i);
  else {
    ctx.issues.add(eachWhere, `$for "each" is a list, a whole number of times, or a path to one; got ${describeValue(each)}`);
    return undefined;
  }
  if (items.length > MAX_FOR_ITEMS) {
    ctx.issues.add(eachWhere, `$for repeats at most ${MAX_FOR_ITEMS} times; this asks for ${typeof each === 'number' ? each : items.length}`);
    return undefined;
  }
  const name = (key: 'as' | 'index', dflt?: string) => {
    const v = spec[key] ?? dflt;
    if (v === undefined) return undefined;
    const w = at(ctx, where, raw, key);
    if (typeof v !== 'string' || !NAME.test(v)) ctx.issues.add(w, `$for "${key}" is a variable name such as "item"; got ${describeValue(v)}`);
    else if (RESERVED.has(v)) ctx.issues.add(w, `$for "${key}" cannot be "${v}": that name is taken by {{${v}.…}}`);
    else return v;
    return null;
  };
  const as = name('as', 'item');
  const index = name('index');
  if (as === null || index === null || as === undefined) return undefined;
  return { items, as, index };
}

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));

function literal(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Whether a component with this `$if` is kept. A broken condition is reported and drops it. */
export function evalIf(ctx: Ctx, raw: unknown, where: Where, scope: Scope): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') {
    ctx.issues.add(where, `$if is true, false, or a condition such as "config.debug" or "item.kind == 'x'"; got ${describeValue(raw)}`);
    return false;
  }
  const m = CONDITION.exec(raw.trim().replace(/^\{\{\s*(.*?)\s*\}\}$/, '$1'));
  if (!m) {
    ctx.issues.add(where, `bad $if condition ${describeValue(raw)}: write "PATH", "!PATH", "PATH == VALUE" or "PATH != VALUE"`);
    return false;
  }
  const [, not, path, op, rhs] = m;
  const r = readPath(ctx, path!, where, scope);
  if (!r.ok) return false;
  let result: boolean;
  if (op) {
    const want = literal(rhs!.replace(/^'(.*)'$/, '"$1"'));
    result = (op === '==') === (r.value === want);
  } else result = truthy(r.value);
  return not ? !result : result;
}
