/**
 * Gemini's `responseSchema` is a small OpenAPI subset, not JSON Schema: no $ref, no
 * additionalProperties, no anyOf in this SDK, objects need at least one property, and deep
 * recursion is refused. This turns our JSON Schema into that subset: refs inlined up to a
 * depth, unions merged, free-form maps given the keys we know, everything else dropped.
 */
type Json = Record<string, unknown>;
type Typed = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

export interface GeminiSchemaOptions {
  /** How many times one $ref may be inlined inside itself (component children). */
  maxRefDepth?: number;
  /** Keys to offer for a free-form map, by the property name that holds it. */
  freeformKeys?: Record<string, Record<string, Typed | Typed[]>>;
}

/** Props of the 23 components and arguments of the tools, as Gemini needs them spelled out. */
export const BLUEPRINT_FREEFORM_KEYS: NonNullable<GeminiSchemaOptions['freeformKeys']> = {
  props: {
    text: 'string', content: 'string', value: 'string', placeholder: 'string', label: 'string', title: 'string',
    variant: 'string', size: 'string', type: 'string', color: 'string', weight: 'string', align: 'string',
    layout: 'string', gap: 'integer', spacing: 'string', padding: 'string', justify: 'string', role: 'string',
    columns: 'integer', rows: 'integer', min: 'number', max: 'number', step: 'number', checked: 'boolean',
    readonly: 'boolean', disabled: 'boolean', fullWidth: 'boolean', options: ['array', 'string'], items: ['array', 'string'],
    src: 'string', alt: 'string', name: 'string', footer: 'string', open: 'boolean', defaultTab: 'string',
    app_id: 'string', icon: 'string', description: 'string', category: 'string', width: 'integer', height: 'integer',
  },
  args: {
    key: 'string', target: 'string', value: 'string', expression: 'string', list: 'string', item: 'string',
    index: 'integer', text: 'string', message: 'string', url: 'string', into: 'string', ms: 'integer',
    id: 'string', tab: 'string', modal: 'string', prompt: 'string', app_id: 'string', name: 'string',
  },
  on_event: { click: ['array', 'object'], change: ['array', 'object'], submit: ['array', 'object'], hover: ['array', 'object'] },
  keys: { Enter: ['array', 'object'], Escape: ['array', 'object'], Backspace: ['array', 'object'] },
  config: { note: 'string' },
};

const SCALARS = new Set(['string', 'number', 'integer', 'boolean']);
const KEEP = ['description', 'nullable', 'format', 'minItems', 'maxItems', 'minimum', 'maximum'] as const;

export function toGeminiSchema(schema: Json, opts: GeminiSchemaOptions = {}): Json {
  const defs = { ...((schema.$defs as Json) ?? {}), ...((schema.definitions as Json) ?? {}) } as Record<string, Json>;
  const maxRef = opts.maxRefDepth ?? 3;
  const free = opts.freeformKeys ?? {};

  const resolve = (s: Json, seen: Map<string, number>): [Json, Map<string, number>] | undefined => {
    const ref = s.$ref;
    if (typeof ref !== 'string') return [s, seen];
    const name = ref.replace(/^#\/(\$defs|definitions)\//, '');
    // `#` is the root itself (zod writes recursion that way when the root recurses).
    const target = ref === '#' ? schema : defs[name];
    const count = seen.get(ref) ?? 0;
    if (!target || count >= maxRef) return undefined;
    return [{ ...target, ...omit(s, '$ref') }, new Map(seen).set(ref, count + 1)];
  };

  const convert = (input: Json, seen: Map<string, number>, holder?: string): Json | undefined => {
    const r = resolve(input, seen);
    if (!r) return undefined;
    const [s0, seen2] = r;
    const s = mergeUnion(s0, (x) => resolve(x, seen2)?.[0]);
    const type = pickType(s);
    const out: Json = { type };
    for (const k of KEEP) if (s[k] !== undefined) out[k] = s[k];
    if (s.const !== undefined && typeof s.const === 'string') out.enum = [s.const];
    if (Array.isArray(s.enum)) {
      const values = s.enum.filter((v): v is string => typeof v === 'string');
      if (values.length && type === 'string') {
        out.enum = values;
        out.format = 'enum';
      }
    }
    if (type === 'array') {
      const items = s.items && typeof s.items === 'object' ? convert(s.items as Json, seen2) : undefined;
      if (!items) return undefined;
      out.items = items;
    }
    if (type === 'object') {
      const props: Json = {};
      for (const [k, v] of Object.entries((s.properties as Json) ?? {})) {
        const c = convert(v as Json, seen2, k);
        if (c) props[k] = c;
      }
      if (!Object.keys(props).length) {
        const value = typeof s.additionalProperties === 'object' ? (s.additionalProperties as Json) : undefined;
        for (const [k, t] of Object.entries(free[holder ?? ''] ?? {})) {
          const c = value && Array.isArray(t) && t[1] === 'object' ? asArray(convert(value, seen2)) : fromTyped(t);
          if (c) props[k] = c;
        }
      }
      if (!Object.keys(props).length) return { type: 'string', description: `${s.description ? `${s.description}; ` : ''}a JSON object written as a string` };
      out.properties = props;
      const required = Array.isArray(s.required) ? s.required.filter((k): k is string => typeof k === 'string' && k in props) : [];
      if (required.length) out.required = required;
    }
    return out;
  };

  return convert(schema, new Map()) ?? { type: 'object', properties: { app: { type: 'string' } } };
}

function asArray(s: Json | undefined): Json | undefined {
  return !s || s.type === 'array' ? s : { type: 'array', items: s };
}

function fromTyped(t: Typed | Typed[]): Json {
  if (Array.isArray(t)) return { type: 'array', items: { type: t[1] === 'object' ? 'string' : t[1]! } };
  return { type: t };
}

/** anyOf/oneOf/allOf: one schema, objects merged (properties united), else the first usable branch. */
function mergeUnion(s: Json, deref: (x: Json) => Json | undefined): Json {
  const branches = (['anyOf', 'oneOf', 'allOf'] as const).flatMap((k) => (Array.isArray(s[k]) ? (s[k] as Json[]) : []));
  if (!branches.length) return s;
  const parts = branches.map(deref).filter((b): b is Json => !!b && b.type !== 'null').map((b) => mergeUnion(b, deref));
  const nullable = branches.some((b) => b.type === 'null');
  const rest = omit(s, 'anyOf', 'oneOf', 'allOf');
  const objects = parts.filter((p) => pickType(p) === 'object');
  if (objects.length && objects.length === parts.length) {
    const properties = Object.assign({}, ...objects.map((o) => (o.properties as Json) ?? {}));
    const required = objects.map((o) => (o.required as string[]) ?? []).reduce((a, b) => a.filter((k) => b.includes(k)));
    const additionalProperties = objects.find((o) => o.additionalProperties)?.additionalProperties;
    return { ...rest, type: 'object', properties, required, ...(additionalProperties ? { additionalProperties } : {}), ...(nullable ? { nullable } : {}) };
  }
  // A union of scalars and structures (a tool as a bare id or an object): prefer the richest.
  const best = objects[0] ?? parts.find((p) => pickType(p) === 'array') ?? parts[0] ?? { type: 'string' };
  return { ...rest, ...best, ...(nullable ? { nullable } : {}) };
}

function pickType(s: Json): Typed {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (typeof t === 'string' && (SCALARS.has(t) || t === 'array' || t === 'object')) return t as Typed;
  if (s.properties || s.additionalProperties) return 'object';
  if (s.items) return 'array';
  if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'number')) return 'number';
  return 'string';
}

function omit(s: Json, ...keys: string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) if (!keys.includes(k)) out[k] = v;
  return out;
}
