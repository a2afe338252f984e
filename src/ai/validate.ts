import { z } from 'zod';
import type { Blueprint, Component, ToolBinding } from '../blueprint/types.js';
import { blueprintSchema } from './fallback-schema.js';

export type Validation = { ok: true; blueprint: Blueprint } | { ok: false; errors: string[] };

/** Bumped when the format or the generators change, so old cache entries stop matching. */
export const GEN_SCHEMA_VERSION = 1;

const MAX_ERRORS = 12;

/**
 * The one gate every generated app passes (model output, cache entries, templates in
 * tests): the canonical Blueprint, or errors phrased so a model can fix them
 * (`ui.components[2].type: ...`). Kept behind this one function so the generator does not
 * care which Blueprint parser is underneath.
 */
export function validate(value: unknown): Validation {
  const parsed = blueprintSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.slice(0, MAX_ERRORS).map((i) => `${pathText(i.path)}: ${i.message.replace(/^Invalid input: /, '')}`) };
  const bp = parsed.data as Blueprint;
  const errors = [...duplicateIds(bp), ...undeclaredServices(bp)];
  return errors.length ? { ok: false, errors: errors.slice(0, MAX_ERRORS) } : { ok: true, blueprint: bp };
}

/** The JSON Schema of the canonical form, for structured model output. */
export function blueprintJsonSchema(): Record<string, unknown> {
  return (cachedSchema ??= z.toJSONSchema(blueprintSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
}
let cachedSchema: Record<string, unknown> | undefined;

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(top)';
}

/** Every component with its path, depth first. */
export function* walk(components: Component[], base = 'ui.components'): Generator<[Component, string]> {
  for (const [i, c] of components.entries()) {
    const at = `${base}[${i}]`;
    yield [c, at];
    if (c.children) yield* walk(c.children, `${at}.children`);
  }
}

function duplicateIds(bp: Blueprint): string[] {
  const seen = new Map<string, string>();
  const errors: string[] = [];
  for (const [c, at] of walk(bp.ui.components)) {
    const first = seen.get(c.id);
    if (first) errors.push(`${at}.id: duplicate id "${c.id}" (also at ${first}); ids must be unique`);
    else seen.set(c.id, at);
  }
  return errors;
}

function allBindings(bp: Blueprint): [ToolBinding, string][] {
  const out: [ToolBinding, string][] = [];
  for (const [c, at] of walk(bp.ui.components)) for (const [ev, list] of Object.entries(c.on_event ?? {})) for (const b of list) out.push([b, `${at}.on_event.${ev}`]);
  for (const [hook, list] of Object.entries(bp.ui.lifecycle ?? {})) for (const b of list ?? []) out.push([b, `ui.lifecycle.${hook}`]);
  for (const [key, list] of Object.entries(bp.ui.keys ?? {})) for (const b of list) out.push([b, `ui.keys.${key}`]);
  return out;
}

const SERVICE_FAMILIES = new Set(['storage', 'filesystem', 'auth']);

/** A service tool is only callable when the app declares the service (and that tool). */
function undeclaredServices(bp: Blueprint): string[] {
  const declared = new Map(bp.services.map((s) => [s.name, s.tools]));
  const errors: string[] = [];
  for (const [b, at] of allBindings(bp)) {
    const [family, verb] = b.tool.split('.') as [string, string];
    if (!SERVICE_FAMILIES.has(family)) continue;
    if (!declared.has(family)) errors.push(`${at}: tool "${b.tool}" needs the "${family}" service; add {"name": "${family}"} to services`);
    else {
      const tools = declared.get(family);
      if (tools && !tools.includes(verb)) errors.push(`${at}: tool "${b.tool}" is not among the declared ${family} tools (${tools.join(', ')})`);
    }
  }
  return errors;
}
