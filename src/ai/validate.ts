import { z } from 'zod';
import { BlueprintError, blueprintJsonSchema as schemaOfBlueprint, validateBlueprint } from '../blueprint/index.js';
import type { Blueprint, Component, ToolBinding } from '../blueprint/types.js';
import type { ToolDef } from '../runtime/tools/types.js';

export type Validation = { ok: true; blueprint: Blueprint } | { ok: false; errors: string[] };

/** Bumped when the format or the generators change, so old cache entries stop matching. */
export const GEN_SCHEMA_VERSION = 2;

const MAX_ERRORS = 12;

/**
 * The one gate every generated app passes (model output, cache entries, templates in
 * tests): the Blueprint parser's checks, and, given the runtime's tools, a check of each
 * binding's arguments against the tool's parameters (the runtime would otherwise drop an
 * unknown argument silently: `list.add {list: "todo"}` adds to "list"). Errors read
 * `path: message`, phrased so a model can fix them.
 */
export function validate(value: unknown, tools?: readonly ToolDef[]): Validation {
  let bp: Blueprint;
  try {
    bp = validateBlueprint(value, 'answer', tools ? { knownTools: tools.map((t) => ({ id: t.id, service: t.service ?? null })) } : {});
  } catch (e) {
    if (e instanceof BlueprintError) return { ok: false, errors: e.issues.slice(0, MAX_ERRORS).map((i) => `${i.path}: ${i.message}`) };
    return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
  }
  const errors = tools ? argumentErrors(bp, new Map(tools.map((t) => [t.id, t]))) : [];
  return errors.length ? { ok: false, errors: errors.slice(0, MAX_ERRORS) } : { ok: true, blueprint: bp };
}

/** The JSON Schema of the canonical form, for structured model output. */
export function blueprintJsonSchema(): Record<string, unknown> {
  return (cachedSchema ??= schemaOfBlueprint());
}
let cachedSchema: Record<string, unknown> | undefined;

/** Every component with its path, depth first. */
export function* walk(components: readonly Component[], base = 'ui.components'): Generator<[Component, string]> {
  for (const [i, c] of components.entries()) {
    const at = `${base}[${i}]`;
    yield [c, at];
    if (c.children) yield* walk(c.children, `${at}.children`);
  }
}

/** Every tool binding of an app with where it is. */
export function bindingsOf(bp: Blueprint): [ToolBinding, string][] {
  const out: [ToolBinding, string][] = [];
  for (const [c, at] of walk(bp.ui.components)) for (const [ev, list] of Object.entries(c.on_event ?? {})) list?.forEach((b, i) => out.push([b, `${at}.on_event.${ev}[${i}]`]));
  for (const [hook, list] of Object.entries(bp.ui.lifecycle ?? {}) as [string, ToolBinding[] | undefined][]) list?.forEach((b, i) => out.push([b, `ui.lifecycle.${hook}[${i}]`]));
  for (const [key, list] of Object.entries(bp.ui.keys ?? {})) list.forEach((b, i) => out.push([b, `ui.keys.${key}[${i}]`]));
  return out;
}

/** Arguments that hold more bindings (timers, confirm): checked like top-level ones. */
const NESTED = new Set(['action', 'on_yes', 'on_no']);

function argumentErrors(bp: Blueprint, tools: Map<string, ToolDef>): string[] {
  const errors: string[] = [];
  const check = (b: ToolBinding, at: string) => {
    const def = tools.get(b.tool);
    if (!def) return;
    const shape = (def.params as z.ZodObject).shape as Record<string, z.ZodType>;
    for (const [k, v] of Object.entries(b.args ?? {})) {
      const field = shape[k];
      if (!field) {
        errors.push(`${at}.args: ${b.tool} has no argument "${k}" (it takes ${Object.keys(shape).join(', ') || 'none'})`);
        continue;
      }
      if (NESTED.has(k)) {
        for (const [i, nested] of (Array.isArray(v) ? v : [v]).entries()) {
          if (nested && typeof nested === 'object' && typeof (nested as ToolBinding).tool === 'string') check(nested as ToolBinding, `${at}.args.${k}[${i}]`);
        }
      }
      // Values read at run time are checked by the runtime; literal ones can be checked now.
      if (!JSON.stringify(v)?.includes('{{')) {
        const r = field.safeParse(v);
        if (!r.success) errors.push(`${at}.args.${k}: ${r.error.issues[0]!.message.replace(/^Invalid input: /, '')}`);
      }
    }
  };
  for (const [b, at] of bindingsOf(bp)) check(b, at);
  return errors;
}
