import { z } from 'zod';
import { defineTool, type ToolDef } from '../types.js';
import { fail, finite } from './errors.js';
import { math } from './engine.js';
import { euclid } from './matrices.js';
import * as nt from './number-theory.js';
import { int, num, values } from './schemas.js';

const x = num.describe('the number');
const a = num.describe('the first number');
const b = num.describe('the second number');

/** A tool of one number; `guard` names the inputs where the answer is not a real number. */
function unary(name: string, doc: string, fn: (v: number) => number, guard?: (v: number) => string | undefined): ToolDef {
  const id = `math.${name}`;
  return defineTool({
    id,
    doc,
    params: () => z.object({ value: x }),
    run(_ctx, p) {
      const why = guard?.(p.value);
      if (why) fail(id, why);
      return finite(id, fn(p.value));
    },
  });
}

function binary(name: string, doc: string, fn: (a: number, b: number) => number, guard?: (a: number, b: number) => string | undefined): ToolDef {
  const id = `math.${name}`;
  return defineTool({
    id,
    doc,
    params: () => z.object({ a, b }),
    run(_ctx, p) {
      const why = guard?.(p.a, p.b);
      if (why) fail(id, why);
      return finite(id, fn(p.a, p.b));
    },
  });
}

const positiveLog = (v: number) => (v <= 0 ? `the logarithm of ${v} is undefined (it needs a number above 0)` : undefined);
const safeInt = (max: number, what = 'n') => int.pipe(z.number().min(0, `${what} cannot be negative`).max(max, `${what} can be at most ${max}`));

export const ARITHMETIC_TOOLS: ToolDef[] = [
  binary('add', 'a + b.', (a, b) => a + b),
  binary('subtract', 'a − b.', (a, b) => a - b),
  binary('multiply', 'a × b.', (a, b) => a * b),
  binary('divide', 'a ÷ b.', (a, b) => a / b, (_a, b) => (b === 0 ? 'division by zero' : undefined)),
  binary('power', 'a raised to the power b.', (a, b) => a ** b, (a, b) =>
    a === 0 && b < 0 ? 'division by zero (0 to a negative power)' : a < 0 && !Number.isInteger(b) ? 'a negative number to a fractional power is not a real number' : undefined),
  binary('mod', 'The remainder of a ÷ b, with the sign of b (−7 mod 3 = 2).', (a, b) => ((a % b) + b) % b, (_a, b) => (b === 0 ? 'modulo by zero' : undefined)),
  binary('percent', 'b percent of a (a × b / 100).', (a, b) => (a * b) / 100),
  binary('percentChange', 'The change from a to b, in percent of a.', (a, b) => ((b - a) / Math.abs(a)) * 100, (a) => (a === 0 ? 'division by zero (a change from 0 has no percentage)' : undefined)),
  unary('sqrt', 'Square root.', Math.sqrt, (v) => (v < 0 ? `the square root of a negative number (${v}) is not a real number` : undefined)),
  unary('cbrt', 'Cube root.', Math.cbrt),
  unary('abs', 'Absolute value.', Math.abs),
  unary('floor', 'Round down to a whole number.', Math.floor),
  unary('ceil', 'Round up to a whole number.', Math.ceil),
  unary('trunc', 'Drop the fractional part.', Math.trunc),
  unary('sign', 'The sign: −1, 0 or 1.', Math.sign),
  unary('negate', 'The number with its sign flipped.', (v) => -v),
  unary('reciprocal', '1 ÷ value.', (v) => 1 / v, (v) => (v === 0 ? 'division by zero (0 has no reciprocal)' : undefined)),
  unary('exp', 'e raised to the value.', Math.exp),
  unary('log10', 'Base-10 logarithm.', Math.log10, positiveLog),
  unary('log2', 'Base-2 logarithm.', Math.log2, positiveLog),
  defineTool({
    id: 'math.log',
    doc: 'Natural logarithm, or the logarithm in a given base.',
    params: () => z.object({ value: x, base: num.optional().describe('the base (e when omitted)') }),
    run(_ctx, p) {
      const why = positiveLog(p.value);
      if (why) fail('math.log', why);
      if (p.base === undefined) return finite('math.log', Math.log(p.value));
      if (p.base <= 0 || p.base === 1) fail('math.log', `a logarithm base must be above 0 and not 1 (got ${p.base})`);
      return finite('math.log', Math.log(p.value) / Math.log(p.base));
    },
  }),
  defineTool({
    id: 'math.nthRoot',
    doc: 'The n-th root of a number (odd roots of negative numbers are real).',
    params: () => z.object({ value: x, n: int.describe('which root: 2 square, 3 cube...') }),
    run(_ctx, p) {
      if (p.n === 0) fail('math.nthRoot', 'there is no 0th root');
      if (p.value < 0 && p.n % 2 === 0) fail('math.nthRoot', `an even root of a negative number (${p.value}) is not a real number`);
      return finite('math.nthRoot', math.nthRoot(p.value, p.n) as number);
    },
  }),
  defineTool({
    id: 'math.round',
    doc: 'Round to a number of decimals (0 by default); halves round away from zero.',
    params: () => z.object({ value: x, decimals: int.pipe(z.number().min(0).max(15)).default(0).describe('digits after the point, 0–15') }),
    run: (_ctx, p) => finite('math.round', math.round(p.value, p.decimals) as number),
  }),
  defineTool({
    id: 'math.clamp',
    doc: 'The value limited to the range min..max.',
    params: () => z.object({ value: x, min: num.describe('the lowest allowed'), max: num.describe('the highest allowed') }),
    run(_ctx, p) {
      if (p.min > p.max) fail('math.clamp', `min (${p.min}) is above max (${p.max})`);
      return Math.min(p.max, Math.max(p.min, p.value));
    },
  }),
  defineTool({
    id: 'math.hypot',
    doc: 'The square root of the sum of squares (length of a vector).',
    params: () => z.object({ values }),
    run: (_ctx, p) => finite('math.hypot', euclid(p.values)),
  }),
  defineTool({
    id: 'math.factorial',
    doc: 'n! for a whole number n from 0 to 170.',
    params: () => z.object({ n: safeInt(170) }),
    run(_ctx, p) {
      let r = 1;
      for (let i = 2; i <= p.n; i++) r *= i;
      return finite('math.factorial', r);
    },
  }),
  defineTool({
    id: 'math.gcd',
    doc: 'Greatest common divisor of whole numbers.',
    params: () => z.object({ values: values.pipe(z.array(z.number().int('gcd takes whole numbers')).min(2, 'give at least two numbers')) }),
    run: (_ctx, p) => p.values.reduce(nt.gcd),
  }),
  defineTool({
    id: 'math.lcm',
    doc: 'Least common multiple of whole numbers.',
    params: () => z.object({ values: values.pipe(z.array(z.number().int('lcm takes whole numbers')).min(2, 'give at least two numbers')) }),
    run(_ctx, p) {
      const r = p.values.reduce((acc, v) => (acc === 0 || v === 0 ? 0 : Math.abs(acc * v) / nt.gcd(acc, v)));
      if (!Number.isSafeInteger(r)) fail('math.lcm', 'the result is too large to be exact');
      return r;
    },
  }),
  defineTool({
    id: 'math.isPrime',
    doc: 'Whether a whole number is prime.',
    params: () => z.object({ n: int.pipe(z.number().max(Number.MAX_SAFE_INTEGER, 'n must be a safe integer (below 2^53)')) }),
    run: (_ctx, p) => nt.isPrime(p.n),
  }),
  defineTool({
    id: 'math.primeFactors',
    doc: 'The prime factors of a whole number from 2 to 10^15, smallest first, with repeats.',
    params: () => z.object({ n: int.pipe(z.number().min(2, 'n must be at least 2').max(1e15, 'n can be at most 10^15')) }),
    run: (_ctx, p) => nt.primeFactors(p.n),
  }),
  defineTool({
    id: 'math.fibonacci',
    doc: 'The n-th Fibonacci number (F0 = 0, F1 = 1), n up to 78 (exact).',
    params: () => z.object({ n: safeInt(78) }),
    run: (_ctx, p) => nt.fibonacci(p.n),
  }),
  defineTool({
    id: 'math.combinations',
    doc: 'n choose k: ways to pick k of n items, order ignored.',
    params: () => z.object({ n: safeInt(1000), k: safeInt(1000, 'k') }),
    run(_ctx, p) {
      if (p.k > p.n) return 0;
      return finite('math.combinations', nt.combinations(p.n, p.k));
    },
  }),
  defineTool({
    id: 'math.permutations',
    doc: 'Ways to arrange k of n items in order.',
    params: () => z.object({ n: safeInt(1000), k: safeInt(1000, 'k') }),
    run(_ctx, p) {
      if (p.k > p.n) return 0;
      return finite('math.permutations', nt.permutations(p.n, p.k));
    },
  }),
  defineTool({
    id: 'math.toFraction',
    doc: 'A number as the simplest fraction text, e.g. 0.75 -> "3/4".',
    params: () => z.object({ value: x }),
    run: (_ctx, p) => math.fraction(p.value).toFraction(),
  }),
];
