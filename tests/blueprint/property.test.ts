import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BlueprintError, BlueprintSchema, COMPONENT_PROPS, parseBlueprint, setKnownTools, TYPE_ALIASES } from '../../src/blueprint/index.js';
import { BLUEPRINT_EXAMPLES } from '../../src/docs/blueprint.js';
import { FUZZ_RUNS } from '../fuzz/helpers.js';

/**
 * Whatever the input, the parser either returns a canonical Blueprint that parses back to
 * itself, or throws a BlueprintError whose every line is `file:line:col path: message` with
 * the position inside the source. Nothing else may escape.
 */

/** 200 per property in `npm test`, more under `npm run fuzz`. */
const RUNS = Math.round(FUZZ_RUNS / 3);
const FILE = 'fuzz.bp';
const LINE = /^fuzz\.bp:(\d+):(\d+) (\S.*?): (.+)$/;

const VALID = [readFileSync(path.join(__dirname, 'fixtures', 'calculator.bp'), 'utf8'), ...Object.values(BLUEPRINT_EXAMPLES)];

/** Plain checks: vitest's expect costs about a millisecond a call, and this runs thousands of times. */
function assert(ok: unknown, what: string, source: string): asserts ok {
  if (!ok) throw new Error(`${what}\nfor input: ${JSON.stringify(source.slice(0, 300))}`);
}

function check(source: string, opts?: Parameters<typeof parseBlueprint>[2]) {
  let result;
  try {
    result = parseBlueprint(source, FILE, opts);
  } catch (e) {
    assert(e instanceof BlueprintError, `not a BlueprintError: ${String(e)}`, source);
    const lines = source.split('\n');
    assert(e.issues.length > 0, 'a BlueprintError without issues', source);
    for (const text of e.message.split('\n')) {
      const m = LINE.exec(text);
      assert(m, `unclear error line: ${JSON.stringify(text)}`, source);
      const [line, col] = [Number(m[1]), Number(m[2])];
      assert(line >= 1 && line <= lines.length && col >= 1 && col <= lines[line - 1]!.length + 1, `position outside the source: ${text}`, source);
    }
    for (const i of e.issues) assert(i.path.length && i.message.length && i.file === FILE, `incomplete issue ${JSON.stringify(i)}`, source);
    return;
  }
  assert(BlueprintSchema.safeParse(result).success, 'output does not match the canonical schema', source);
  expect(parseBlueprint(JSON.stringify(result), FILE, opts)).toEqual(result);
}

/** Any UTF-16 units, lone surrogates and controls included (fc's 'binary' unit takes seconds to set up). */
const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 }).map((units) => String.fromCharCode(...units));

/** A change to a valid source at the character level. */
const textMutation = (src: string) =>
  fc.oneof(
    fc.nat({ max: src.length }).map((n) => src.slice(0, n)),
    fc.nat({ max: src.length - 1 }).map((n) => src.slice(0, n) + src.slice(n + 1)),
    fc.tuple(fc.nat({ max: src.length }), fc.constantFrom(...'{}[]",:#@$ \n\\tfn0-.'.split(''))).map(([n, c]) => src.slice(0, n) + c + src.slice(n)),
    fc.tuple(fc.nat({ max: src.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 8 })).map(([n, len, s]) => src.slice(0, n) + s + src.slice(n + len)),
  );

type Json = unknown;

/** Every path to a value inside a JSON value. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function edit(v: Json, at: (string | number)[], fn: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const copy = structuredClone(v);
  if (!at.length) return copy;
  let cur = copy as Record<string | number, Json>;
  for (const k of at.slice(0, -1)) cur = cur[k] as Record<string | number, Json>;
  fn(cur, at.at(-1)!);
  return copy;
}

const PROP_NAMES = [...new Set(Object.values(COMPONENT_PROPS).flatMap((p) => Object.keys(p))), 'style', '@click', '@change', 'children', '$for', '$if', '$template', 'id'];
const TYPE_WORDS = [...Object.keys(COMPONENT_PROPS), ...Object.keys(TYPE_ALIASES), 'buton', 'type'];

/** A change to a valid Blueprint at the value level: replace, drop or rename something. */
const valueMutation = (src: string) => {
  const doc = JSON.parse(src) as Json;
  const all = paths(doc).filter((p) => p.length);
  return fc.tuple(fc.constantFrom(...all), fc.nat(3), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...PROP_NAMES, ...TYPE_WORDS), fc.boolean()).map(([at, op, value, word, pretty]) => {
    const out = edit(doc, at, (parent, key) => {
      if (op === 0) parent[key] = value;
      else if (op === 1) {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else if (op === 2 && !Array.isArray(parent)) {
        const v = parent[key];
        delete parent[key];
        parent[word] = v;
      } else parent[key] = typeof parent[key] === 'string' ? `{{${word}}}` : { [`${word}#x`]: value };
    });
    return JSON.stringify(out, null, pretty ? 2 : undefined);
  });
};

/** Blueprint-shaped documents built from the real vocabulary, mostly wrong in some way. */
const component: fc.Arbitrary<Json> = fc.letrec<{ c: Json }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 6 }),
    fc.record({
      type: fc.constantFrom(...TYPE_WORDS),
      id: fc.option(fc.constantFrom('a', 'b', 'x-1', 'bad id', '{{item}}'), { nil: undefined }),
      props: fc.dictionary(fc.constantFrom(...PROP_NAMES), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      children: fc.option(fc.array(tie('c'), { maxLength: 3 }), { nil: undefined }),
    }, { requiredKeys: ['type'] }),
    fc.dictionary(fc.constantFrom(...TYPE_WORDS.map((t) => `${t}#id`), ...TYPE_WORDS), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(fc.constantFrom(...PROP_NAMES), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 })), { minKeys: 1, maxKeys: 2 }),
  ),
})).c;

const blueprintLike = fc.record({
  app: fc.record({ id: fc.constantFrom('a', 'my-app', '', 'bad id'), name: fc.string({ maxLength: 5 }), category: fc.constantFrom('utilities', 'util', 1), permissions: fc.array(fc.constantFrom('STANDARD', 'ReadFile', 'nope', 3)) }, { requiredKeys: ['id'] }),
  services: fc.array(fc.oneof(fc.constantFrom('storage', 'storag', 'system'), fc.dictionary(fc.constantFrom('storage', 'filesystem'), fc.oneof(fc.constant('*'), fc.array(fc.constantFrom('get', 'set', 'nope'))), { maxKeys: 2 }))),
  ui: fc.record({
    title: fc.string({ maxLength: 5 }),
    components: fc.array(component, { maxLength: 4 }),
    keys: fc.dictionary(fc.constantFrom('Enter', 'C-s', 'enter', 'Esc', 'Hyper-x', '7', ''), fc.constantFrom('ui.set', 'storage.set', 'nope', ['ui.set', { tool: 'ui.clear' }])),
    lifecycle: fc.dictionary(fc.constantFrom('on_mount', 'on_focus', 'on_mnt'), fc.constantFrom('ui.set', 'storage.get', 3)),
  }, { requiredKeys: ['components'] }),
  config: fc.dictionary(fc.constantFrom('items', 'debug'), fc.jsonValue({ maxDepth: 2 })),
}, { requiredKeys: ['app', 'ui'] });

const nested = (depth: number, shorthand: boolean) => {
  let c: Json = 'leaf';
  for (let i = 0; i < depth; i++) c = shorthand ? { col: [c] } : { type: 'container', children: [c] };
  return JSON.stringify({ app: { id: 'deep', name: 'Deep' }, ui: { components: [c] } });
};

describe('the parser under random and mutated input', () => {
  beforeAll(() => setKnownTools(null));

  it('handles random JSON values and random text', () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 60 }), anyUtf16), (s) => check(s)), { numRuns: RUNS });
  });

  it('handles character-level mutations and truncations of valid Blueprints', () => {
    fc.assert(fc.property(fc.constantFrom(...VALID).chain(textMutation), (s) => check(s)), { numRuns: RUNS });
  });

  it('handles value-level mutations of valid Blueprints', () => {
    fc.assert(fc.property(fc.constantFrom(...VALID).chain(valueMutation), (s) => check(s)), { numRuns: RUNS });
  });

  it('handles Blueprint-shaped documents, with and without a tool catalog', () => {
    fc.assert(
      fc.property(blueprintLike, fc.boolean(), (doc, closed) => check(JSON.stringify(doc, null, 2), closed ? { knownTools: ['ui.set', 'ui.clear', { id: 'storage.set', service: 'storage' }] } : undefined)),
      { numRuns: RUNS },
    );
  });

  it('handles deep nesting of components', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 260 }), fc.boolean(), (depth, shorthand) => check(nested(depth, shorthand))), { numRuns: 40 });
  });
});
