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
  freeformKeys?: Record<string, Record<string, Typed | Typed[] | Json>>;
}

/** Arguments the runtime's tools take, as Gemini needs them spelled out (args is a free-form map). */
const ARG_KEYS: Record<string, Typed> = {
  key: 'string', value: 'string', expression: 'string', list_id: 'string', item: 'string', index: 'integer',
  interval_ms: 'integer', delay_ms: 'integer', timer_id: 'integer', url: 'string', message: 'string', title: 'string',
  level: 'string', tabs_id: 'string', tab_id: 'string', modal_id: 'string', form_id: 'string', text: 'string',
};
const argsObject = (extra: Json = {}): Json => ({ type: 'object', properties: { ...Object.fromEntries(Object.entries(ARG_KEYS).map(([k, t]) => [k, { type: t }])), ...extra } });

/** Props of the 23 components and arguments of the tools, as Gemini needs them spelled out. */
export const BLUEPRINT_FREEFORM_KEYS: NonNullable<GeminiSchemaOptions['freeformKeys']> = {
  args: { ...ARG_KEYS, action: { type: 'array', description: 'tool bindings a timer runs', items: { type: 'object', properties: { tool: { type: 'string' }, args: argsObject() }, required: ['tool'] } } },
  on_event: { click: ['array', 'object'], change: ['array', 'object'], submit: ['array', 'object'], select: ['array', 'object'] },
  keys: { Enter: ['array', 'object'], Escape: ['array', 'object'], Backspace: ['array', 'object'], Space: ['array', 'object'] },
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

function fromTyped(t: Typed | Typed[] | Json): Json {
  if (Array.isArray(t)) return { type: 'array', items: { type: t[1] === 'object' ? 'string' : t[1]! } };
  return typeof t === 'string' ? { type: t } : t;
}

/**
 * anyOf/oneOf/allOf as one schema. Objects merge: every branch's properties (a key in
 * several branches becomes their union, merged again when converted), required only where
 * all agree. Strings merge their enums and consts. Anything else: the richest branch.
 */
function mergeUnion(s: Json, deref: (x: Json) => Json | undefined): Json {
  const branches = (['anyOf', 'oneOf', 'allOf'] as const).flatMap((k) => (Array.isArray(s[k]) ? (s[k] as Json[]) : []));
  if (!branches.length) return s;
  const parts = branches.map(deref).filter((b): b is Json => !!b && b.type !== 'null').map((b) => mergeUnion(b, deref));
  const nullable = branches.some((b) => b.type === 'null') ? { nullable: true } : {};
  const rest = omit(s, 'anyOf', 'oneOf', 'allOf');
  if (!parts.length) return { ...rest, type: 'string', ...nullable };
  const types = new Set(parts.map(pickType));
  if (types.size === 1 && types.has('object')) {
    const byKey = new Map<string, Json[]>();
    for (const p of parts) for (const [k, v] of Object.entries((p.properties as Json) ?? {})) byKey.set(k, [...(byKey.get(k) ?? []), v as Json]);
    const properties: Json = {};
    for (const [k, list] of byKey) {
      const distinct = [...new Map(list.map((x) => [JSON.stringify(x), x])).values()];
      properties[k] = distinct.length === 1 ? distinct[0] : { anyOf: distinct };
    }
    const required = parts.map((o) => (o.required as string[]) ?? []).reduce((x, y) => x.filter((k) => y.includes(k)));
    const additionalProperties = parts.find((o) => o.additionalProperties)?.additionalProperties;
    return { ...rest, type: 'object', properties, required, ...(additionalProperties ? { additionalProperties } : {}), ...nullable };
  }
  if (types.size === 1 && types.has('string')) {
    const values = parts.map((p) => (p.const !== undefined ? [p.const] : Array.isArray(p.enum) ? p.enum : undefined));
    const merged = values.every((v) => v !== undefined) ? [...new Set(values.flat())] : undefined;
    return { ...rest, ...omit(parts[0]!, 'const', 'enum'), type: 'string', ...(merged ? { enum: merged } : {}), ...nullable };
  }
  // Scalars and structures together (a tool as a bare id or an object): prefer the richest.
  const best = parts.find((p) => pickType(p) === 'object') ?? parts.find((p) => pickType(p) === 'array') ?? parts[0]!;
  return { ...rest, ...best, ...nullable };
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
