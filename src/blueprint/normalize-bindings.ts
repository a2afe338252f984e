import { didYouMean } from '../util/suggest.js';
import { forEachBinding, lookup, RUNTIME_ROOTS, substituteBindings } from './bindings.js';
import { at, checkKeys, describeValue, isObject, type Ctx, type Json } from './check.js';
import type { Where } from './errors.js';
import { parseKeyName } from './keys.js';
import { TOOL_ID, verbOf } from './known-tools.js';
import type { Lifecycle, ToolBinding } from './types.js';

/** Load-time values a binding may read: config and the variables of enclosing $for loops. */
export type Scope = Readonly<Record<string, unknown>>;

const BINDING_KEYS = ['tool', 'args'];
const BINDING_HINTS: Record<string, string> = {
  params: 'write "args"', arguments: 'write "args"', parameters: 'write "args"',
  id: 'write "tool"', name: 'write "tool"', action: 'write "tool"',
};
const SHAPE = 'a tool binding is a tool id ("ui.append"), {"tool": "ui.set", "args": {...}}, or a list of these';

/**
 * Checks every `{{...}}` in a value as written: a run-time root (state, event, props), or a
 * load-time one (config, a $for variable) whose path exists.
 */
export function checkBindings(ctx: Ctx, raw: unknown, where: Where, scope: Scope) {
  forEachBinding(raw, (ref, sub) => {
    const w = { pos: ctx.map.deepPos(raw, sub, where.pos), path: sub.reduce<Where['path']>((p, key) => ({ parent: p, key }), where.path) };
    if (!ref.ok) ctx.issues.add(w, `bad binding "{{${ref.expr}}}": write a path such as {{state.display}} or {{event.value}}`);
    else if ((RUNTIME_ROOTS as readonly string[]).includes(ref.root)) return;
    else if (Object.hasOwn(scope, ref.root)) {
      if (lookup(scope, ref) === undefined) {
        const parent = lookup(scope, { ...ref, keys: ref.keys.slice(0, -1) });
        const hint = isObject(parent) ? didYouMean(ref.keys.at(-1) ?? '', Object.keys(parent)) : '';
        ctx.issues.add(w, `"{{${ref.expr}}}" has no value at load time${hint}`);
      }
    } else {
      const roots = [...RUNTIME_ROOTS, ...Object.keys(scope)];
      ctx.issues.add(w, `unknown binding root "${ref.root}" in "{{${ref.expr}}}"${didYouMean(ref.root, roots)}: bindings read ${roots.join(', ')}`);
    }
  });
}

/** Checks one tool id: its form, that it exists, and that the app declared its service. */
export function checkTool(ctx: Ctx, id: string, where: Where) {
  if (!TOOL_ID.test(id)) {
    ctx.issues.add(where, `bad tool id ${describeValue(id)}: a tool id is family.verb, e.g. "ui.append"${ctx.tools.closed ? didYouMean(id, ctx.tools.ids()) : ''}`);
    return;
  }
  if (!ctx.tools.has(id)) {
    ctx.issues.add(where, `unknown tool "${id}"${didYouMean(id, ctx.tools.ids())}`);
    return;
  }
  const service = ctx.tools.serviceOf(id);
  if (!service) return;
  const declared = ctx.services.get(service);
  if (!declared) ctx.issues.add(where, `tool "${id}" needs the "${service}" service: add "${service}" to "services"`);
  else if (declared.tools && !declared.tools.includes(verbOf(id, service)) && !declared.tools.includes(id)) {
    ctx.issues.add(where, `tool "${id}" is outside the declared "${service}" subset (${declared.tools.join(', ') || 'none'}): add "${verbOf(id, service)}" to it`);
  }
}

function oneBinding(ctx: Ctx, raw: unknown, where: Where, scope: Scope): ToolBinding | undefined {
  if (typeof raw === 'string') {
    const tool = String(substituteBindings(raw, scope));
    checkTool(ctx, tool, where);
    return { tool };
  }
  if (!isObject(raw)) {
    ctx.issues.add(where, `${SHAPE}; got ${describeValue(raw)}`);
    return undefined;
  }
  checkKeys(ctx, raw, where, BINDING_KEYS, 'a tool binding', BINDING_HINTS);
  if (typeof raw.tool !== 'string') {
    ctx.issues.add(raw.tool === undefined ? { pos: where.pos, path: { parent: where.path, key: 'tool' } } : at(ctx, where, raw, 'tool'), `a tool binding needs "tool": a tool id such as "ui.set"`);
    return undefined;
  }
  const tool = String(substituteBindings(raw.tool, scope));
  checkTool(ctx, tool, at(ctx, where, raw, 'tool'));
  if (raw.args === undefined) return { tool };
  const argsWhere = at(ctx, where, raw, 'args');
  if (!isObject(raw.args)) {
    ctx.issues.add(argsWhere, `"args" is an object of named arguments; got ${describeValue(raw.args)}`);
    return { tool };
  }
  checkBindings(ctx, raw.args, argsWhere, scope);
  return { tool, args: substituteBindings(raw.args, scope) as Json };
}

/** A tool id, a `{tool, args}` object, or a list of these -> the canonical list. */
export function toolBindings(ctx: Ctx, raw: unknown, where: Where, scope: Scope): ToolBinding[] {
  if (!Array.isArray(raw)) {
    const b = oneBinding(ctx, raw, where, scope);
    return b ? [b] : [];
  }
  const out: ToolBinding[] = [];
  raw.forEach((item, i) => {
    const w = at(ctx, where, raw, i);
    if (Array.isArray(item)) ctx.issues.add(w, `${SHAPE}; lists do not nest`);
    else {
      const b = oneBinding(ctx, item, w, scope);
      if (b) out.push(b);
    }
  });
  return out;
}

export const LIFECYCLE_HOOKS = ['on_mount', 'on_unmount', 'on_focus'] as const;

export function lifecycle(ctx: Ctx, raw: unknown, where: Where): Lifecycle {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    ctx.issues.add(where, `"lifecycle" is an object of hooks (${LIFECYCLE_HOOKS.join(', ')}); got ${describeValue(raw)}`);
    return {};
  }
  checkKeys(ctx, raw, where, LIFECYCLE_HOOKS, 'lifecycle');
  const out: Lifecycle = {};
  for (const hook of LIFECYCLE_HOOKS) if (raw[hook] !== undefined) out[hook] = toolBindings(ctx, raw[hook], at(ctx, where, raw, hook), ctx.scope);
  return out;
}

/** `ui.keys`: key name -> binding(s), with key names checked and made canonical. */
export function keyBindings(ctx: Ctx, raw: unknown, where: Where): Record<string, ToolBinding[]> | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) {
    ctx.issues.add(where, `"keys" maps key names to tool bindings, e.g. {"Enter": "ui.compute"}; got ${describeValue(raw)}`);
    return undefined;
  }
  const out: Record<string, ToolBinding[]> = {};
  const firstSpelling = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    const keyWhere = at(ctx, where, raw, name, true);
    const parsed = parseKeyName(name);
    if (!parsed.ok) {
      ctx.issues.add(keyWhere, parsed.message);
      continue;
    }
    const seen = firstSpelling.get(parsed.key);
    if (seen !== undefined) {
      ctx.issues.add(keyWhere, `key "${name}" is the same key as "${seen}" (${parsed.key}), bound twice`);
      continue;
    }
    firstSpelling.set(parsed.key, name);
    out[parsed.key] = toolBindings(ctx, value, at(ctx, where, raw, name), ctx.scope);
  }
  return out;
}

