import { describe, expect, it } from 'vitest';
import { BLUEPRINT_FREEFORM_KEYS, toGeminiSchema } from '../../src/ai/providers/gemini-schema.js';
import { blueprintJsonSchema } from '../../src/ai/validate.js';

type S = Record<string, any>;

/** Every object schema in a tree, with how deep it is. */
function* objects(s: S, depth = 0): Generator<[S, number]> {
  if (s.type === 'object') yield [s, depth];
  for (const v of Object.values(s.properties ?? {})) yield* objects(v as S, depth + 1);
  if (s.items) yield* objects(s.items, depth + 1);
}

describe('the Blueprint schema for Gemini', () => {
  const g = toGeminiSchema(blueprintJsonSchema(), { freeformKeys: BLUEPRINT_FREEFORM_KEYS }) as S;

  it('uses only the OpenAPI subset Gemini takes', () => {
    const text = JSON.stringify(g);
    expect(text).not.toMatch(/"\$ref"|"\$defs"|"anyOf"|"oneOf"|"allOf"|"additionalProperties"|"const"|"pattern"|"propertyNames"/);
    for (const [o] of objects(g)) expect(Object.keys(o.properties).length).toBeGreaterThan(0);
  });

  it('keeps every component type and the props of all of them', () => {
    const component = g.properties.ui.properties.components.items;
    expect(component.properties.type.enum).toHaveLength(23);
    expect(Object.keys(component.properties.props.properties)).toEqual(expect.arrayContaining(['text', 'content', 'value', 'options', 'columns', 'src']));
    expect(g.required).toEqual(expect.arrayContaining(['app', 'ui']));
  });

  it('inlines the recursive children to a bounded depth', () => {
    let depth = 0;
    for (let c = g.properties.ui.properties.components.items; c?.properties?.children; c = c.properties.children.items) depth++;
    expect(depth).toBeGreaterThanOrEqual(2);
    expect(depth).toBeLessThanOrEqual(3);
  });

  it('spells out free-form maps: event bindings and tool arguments', () => {
    const onEvent = g.properties.ui.properties.components.items.properties.on_event;
    expect(Object.keys(onEvent.properties)).toEqual(expect.arrayContaining(['click', 'change']));
    expect(Object.keys(onEvent.properties.click.items.properties.args.properties)).toEqual(expect.arrayContaining(['key', 'expression', 'list_id']));
  });

  it('merges unions of objects and of string constants', () => {
    const out = toGeminiSchema({ anyOf: [{ type: 'object', properties: { kind: { const: 'a' }, x: { type: 'number' } }, required: ['kind', 'x'] }, { type: 'object', properties: { kind: { const: 'b' }, y: { type: 'string' } }, required: ['kind'] }] }) as S;
    expect(out).toEqual({ type: 'object', properties: { kind: { type: 'string', enum: ['a', 'b'], format: 'enum' }, x: { type: 'number' }, y: { type: 'string' } }, required: ['kind'] });
  });
});
