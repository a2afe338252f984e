import { z } from 'zod';
import { CAPABILITY_NAMES } from '../kernel/sandbox/capabilities.js';
import { PROFILE_NAMES } from '../kernel/sandbox/profiles.js';
import { COMMON_PROPS, COMPONENT_PROPS, CONTAINER_TYPES, EVENT_NAMES, TAB_LABEL } from './components.js';
import { TOOL_ID } from './known-tools.js';
import { CATEGORIES, COMPONENT_TYPES, type Blueprint, type Component, type ComponentType } from './types.js';

/**
 * The canonical form as zod schemas: what parseBlueprint returns and what a model is asked
 * to produce. The shorthand form is not here: the parser expands it into this.
 */

/** Component ids are state keys and appear in binding paths, so no dots or spaces. */
export const COMPONENT_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
/** App ids name files in the registry. */
export const APP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const BindingTextSchema = z
  .string()
  .regex(/^\{\{\s*[A-Za-z_$][\w$]*(?:\.[\w$-]+|\[\d+\])*\s*\}\}$/)
  .meta({ id: 'Binding', description: 'a value read at run time: "{{state.key}}", "{{event.value}}" or "{{props.name}}"' });

export const ToolBindingSchema = z
  .object({
    tool: z.string().regex(TOOL_ID, { error: 'a tool id is family.verb, e.g. "ui.append"' }).describe('tool id, e.g. "ui.append"'),
    args: z.record(z.string(), z.unknown()).optional().describe('arguments; strings may read {{state.x}}, {{event.value}}, {{props.text}}'),
  })
  .strict()
  .meta({ id: 'ToolBinding' });

export const ToolBindingsSchema = z.array(ToolBindingSchema);

const orBinding = (s: z.ZodType) => z.union([s, BindingTextSchema]).optional();

function propsSchemaOf(type: ComponentType) {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, s] of Object.entries({ ...COMPONENT_PROPS[type], ...COMMON_PROPS, label: TAB_LABEL })) shape[k] = orBinding(s as z.ZodType);
  return z.object(shape).strict();
}

export const EventBindingsSchema = z.partialRecord(z.enum(EVENT_NAMES), ToolBindingsSchema);

function componentSchemaOf(type: ComponentType): z.ZodType<Component> {
  const base = {
    type: z.literal(type),
    id: z.string().regex(COMPONENT_ID, { error: 'an id uses letters, digits, "-" and "_"' }),
    props: propsSchemaOf(type),
    on_event: EventBindingsSchema.optional(),
  };
  if (!CONTAINER_TYPES.has(type)) return z.object(base).strict() as unknown as z.ZodType<Component>;
  return z
    .object({
      ...base,
      get children(): z.ZodOptional<z.ZodArray<z.ZodType<Component>>> {
        return z.array(ComponentSchema).optional();
      },
    })
    .strict() as unknown as z.ZodType<Component>;
}

export const ComponentSchema: z.ZodType<Component> = z
  .union(COMPONENT_TYPES.map(componentSchemaOf) as [z.ZodType<Component>, ...z.ZodType<Component>[]])
  .meta({ id: 'Component' });

export const PERMISSION_NAMES = [...PROFILE_NAMES, ...CAPABILITY_NAMES] as const;

export const AppInfoSchema = z
  .object({
    id: z.string().regex(APP_ID, { error: 'an app id is 1-64 letters, digits, ".", "-" or "_", starting with a letter or digit' }).describe('unique app id'),
    name: z.string().min(1).describe('name shown in the title bar and launcher'),
    description: z.string().optional().describe('one line about the app'),
    icon: z.string().optional().describe('emoji'),
    category: z.enum(CATEGORIES).optional().describe('launcher category'),
    version: z.string().optional().describe('version, e.g. "1.0.0"'),
    author: z.string().optional().describe('who made it'),
    tags: z.array(z.string()).optional().describe('search words'),
    permissions: z.array(z.enum(PERMISSION_NAMES)).optional().describe('a profile (MINIMAL, STANDARD, PRIVILEGED) and/or capability names'),
  })
  .strict();

export const ServiceRefSchema = z
  .object({
    name: z.string().describe('storage, filesystem, system or auth'),
    tools: z.array(z.string()).optional().describe('the subset of its tools the app may call (absent: all)'),
    config: z.record(z.string(), z.unknown()).optional().describe('service options (e.g. root, scope)'),
  })
  .strict();

export const LifecycleSchema = z
  .object({
    on_mount: ToolBindingsSchema.optional().describe('when the app starts'),
    on_unmount: ToolBindingsSchema.optional().describe('when the app closes'),
    on_focus: ToolBindingsSchema.optional().describe('when its window gains focus'),
  })
  .strict();

export const UiSchema = z
  .object({
    title: z.string().describe('window title'),
    layout: z.enum(['vertical', 'horizontal']).describe('how top-level components flow'),
    components: z.array(ComponentSchema),
    lifecycle: LifecycleSchema,
    keys: z.record(z.string(), ToolBindingsSchema).optional().describe('key name -> tool bindings, when no input has focus'),
  })
  .strict();

export const BlueprintSchema = z
  .object({
    app: AppInfoSchema,
    services: z.array(ServiceRefSchema),
    ui: UiSchema,
    config: z.record(z.string(), z.unknown()).optional().describe('static values read by $if, $for and {{config.x}} at load time'),
  })
  .strict();

// The canonical types in types.ts must stay what this schema produces.
type Assert<T extends true> = T;
export type _SchemaMatchesTypes = Assert<z.infer<typeof BlueprintSchema> extends Blueprint ? true : false>;

/** JSON Schema of the canonical form, for a model's structured output. */
export function blueprintJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(BlueprintSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
}
