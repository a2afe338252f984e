import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { check } from '../../src/ai/generate.js';
import { loadToolTable } from '../../src/ai/tool-table.js';
import { validate } from '../../src/ai/validate.js';
import type { ToolDef } from '../../src/runtime/tools/types.js';
import { FUZZ_RUNS } from './helpers.js';

/**
 * Whatever a model answers, the generator's gate gives either a valid Blueprint (which
 * validates again to itself, and carries no escape sequence to draw) or a short list of
 * one-line errors it can send back. Nothing else escapes: no exception, no empty error.
 */
const RUNS = Math.max(20, Math.round(FUZZ_RUNS / 6));

let tools: ToolDef[];
beforeAll(async () => {
  tools = await loadToolTable();
});

const shipped = readdirSync('apps', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bp'))
  .map((f) => readFileSync(path.join('apps', f), 'utf8'));

// eslint-disable-next-line no-control-regex
const DRAWABLE_ESCAPE = /[\x1b\x9b\x9d\x90\x07]/;
const ESCAPES = ['\x1b[2J\x1b[H', '\x1b]52;c;cm0gLXJmIH4=\x07', '\x1b]0;pwned\x07', '\x1bP1$r\x1b\\', '\x9b31m', '\x9d0;t\x9c', '\x1b[?1049h', '\r\x1b[2Kagentos$ '];

/** Plain checks: this runs hundreds of times, and vitest's expect is slow. */
function gateHolds(text: string) {
  const r = check(text, tools);
  const what = JSON.stringify(text.slice(0, 300));
  if (r.ok) {
    const again = validate(r.blueprint, tools);
    if (!again.ok) throw new Error(`accepted, but the result does not validate again (${again.errors[0]}) for ${what}`);
    if (DRAWABLE_ESCAPE.test(JSON.stringify(r.blueprint).replace(/\\u00(1b|9b|9d|90|07)/gi, (m) => JSON.parse(`"${m}"`)))) throw new Error(`an escape sequence survived into the app for ${what}`);
    return;
  }
  if (!r.errors.length || r.errors.length > 12) throw new Error(`${r.errors.length} errors for ${what}`);
  for (const e of r.errors) if (typeof e !== 'string' || !e.trim()) throw new Error(`an empty error for ${what}`);
}

const withChatter = (json: string) =>
  fc.tuple(fc.constantFrom('', 'Here is your app:\n', '```json\n', '```\n', 'Sure! '), fc.constantFrom('', '\n```', '\nHope this helps.', '}'), fc.constant(json)).map(([a, b, j]) => a + j + b);

const charMutation = (src: string) =>
  fc.tuple(fc.nat({ max: src.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 4 })).map(([at, cut, s]) => src.slice(0, at) + s + src.slice(at + cut));

/** Put an escape sequence into a random string value of a valid app. */
const escapeInjection = (src: string) =>
  fc.tuple(fc.nat(), fc.constantFrom(...ESCAPES)).map(([n, esc]) => {
    let i = 0;
    const target = n % Math.max(1, (src.match(/"[^"\\]*"/g) ?? []).length);
    return src.replace(/"([^"\\]*)"/g, (m, inner: string) => (i++ === target ? JSON.stringify(esc + inner + esc) : m));
  });

describe('model output through the generator gate', () => {
  it('random text and random JSON', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v))), gateHolds), { numRuns: RUNS });
  });

  it('shipped apps with chatter, truncated or mutated', () => {
    const src = fc.constantFrom(...shipped);
    const text = src.chain((s) => fc.oneof(withChatter(s), fc.nat({ max: s.length }).map((n) => s.slice(0, n)), charMutation(s)));
    fc.assert(fc.property(text, gateHolds), { numRuns: RUNS });
  });

  it('escape sequences in model-written strings never reach the screen', () => {
    fc.assert(fc.property(fc.constantFrom(...shipped).chain(escapeInjection), gateHolds), { numRuns: RUNS });
  });

  it('huge, deep and prototype-laden answers', () => {
    const deep = (n: number) => '{"app":{"id":"d","name":"D"},"ui":{"components":[' + '{"col":['.repeat(n) + '"x"' + ']}'.repeat(n) + ']}}';
    for (const text of [
      deep(50), deep(5000), '['.repeat(100_000), '{"a":'.repeat(50_000),
      JSON.stringify({ app: { id: 'p', name: 'P' }, ui: { components: ['x'.repeat(2_000_000)] } }),
      '{"__proto__":{"polluted":1},"app":{"id":"p","name":"P","__proto__":{"x":1}},"ui":{"components":[{"constructor":{"prototype":{"y":2}}}]}}',
    ]) {
      gateHolds(text);
    }
    if (({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).y !== undefined) throw new Error('Object.prototype was polluted');
  });
});
