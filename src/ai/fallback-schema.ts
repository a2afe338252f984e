import { z } from 'zod';
import { CATEGORIES, COMPONENT_TYPES, type Component } from '../blueprint/types.js';

/**
 * A stand-in for the Blueprint schema of src/blueprint/ while that module is being built:
 * the canonical form of types.ts, strict enough to catch what models get wrong (unknown
 * component types, missing ids, tools that are not `family.verb`). validate.ts is the only
 * user; it switches to the real parser when it exists.
 */
const TOOL_FAMILIES = ['ui', 'list', 'form', 'tabs', 'modal', 'app', 'system', 'http', 'hub', 'math', 'storage', 'filesystem', 'auth'];
const toolId = z
  .string()
  .regex(/^[a-z]+(\.[a-z_]+)+$/, 'a tool id is family.verb, e.g. "ui.set"')
  .refine((s) => TOOL_FAMILIES.includes(s.split('.')[0]!), { message: `unknown tool family (known: ${TOOL_FAMILIES.join(', ')})` })
  .describe('a tool id, e.g. ui.set, ui.append, ui.compute, list.add, storage.set');

const binding = z.object({
  tool: toolId,
  args: z.record(z.string(), z.unknown()).optional().describe('tool arguments; strings may read state with {{key}} and the event with {{event.value}}'),
});
/** Models write a tool as a bare id, one binding or a list; all mean a list of bindings. */
const bindings = z.union([toolId, binding, z.array(z.union([toolId, binding]))]).transform((b) =>
  (Array.isArray(b) ? b : [b]).map((x) => (typeof x === 'string' ? { tool: x } : x)),
);

const componentBase = z.object({
  type: z.enum(COMPONENT_TYPES).describe('one of the 23 component types'),
  id: z.string().min(1).regex(/^[A-Za-z][\w-]*$/, 'an id is letters, digits, - and _').describe('unique in the app; state is keyed by it'),
  props: z.record(z.string(), z.unknown()).default({}),
  on_event: z.record(z.string(), bindings).optional().describe('event name (click, change, submit) -> tool bindings'),
});

export const componentSchema: z.ZodType<Component> = componentBase.extend({
  children: z.lazy(() => z.array(componentSchema)).optional(),
}) as unknown as z.ZodType<Component>;

export const blueprintSchema = z.object({
  app: z.object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an app id is lowercase letters, digits and -'),
    name: z.string().min(1),
    description: z.string().optional(),
    icon: z.string().optional(),
    category: z.enum(CATEGORIES).optional(),
    version: z.string().optional(),
    author: z.string().optional(),
    tags: z.array(z.string()).optional(),
    permissions: z.array(z.string()).optional().describe('a profile (MINIMAL, STANDARD) or capability names; only what the app needs'),
  }),
  services: z.array(z.object({ name: z.enum(['storage', 'filesystem', 'system', 'auth']), tools: z.array(z.string()).optional() })).default([]),
  ui: z.object({
    title: z.string().min(1),
    layout: z.enum(['vertical', 'horizontal']).default('vertical'),
    components: z.array(componentSchema).min(1, 'an app needs at least one component'),
    lifecycle: z.object({ on_mount: bindings.optional(), on_unmount: bindings.optional(), on_focus: bindings.optional() }).default({}),
    keys: z.record(z.string(), bindings).optional(),
  }),
  config: z.record(z.string(), z.unknown()).optional(),
});
