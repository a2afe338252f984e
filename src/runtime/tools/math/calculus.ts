import type { MathNode } from 'mathjs';
import { z } from 'zod';
import { defineTool, type ToolDef } from '../types.js';
import { casText, withCas } from './cas.js';
import { fail, finite, tidy } from './errors.js';
import { derivativeNode, explain, math, parseExpression, realFunction, show, type Scope } from './engine.js';
import { infiniteSum, integrate, limitAtZero, type SideLimit } from './numeric.js';
import { bound, expression, int, variable, variables } from './schemas.js';

/** A bound as a number: 2, "pi/2", "Infinity", "-inf". */
function toBound(tool: string, b: number | string, what: string): number {
  if (typeof b === 'number') return b;
  const text = b.trim().replace(/^([+-]?)(inf|infinity|∞)$/i, (_m, s: string) => `${s}Infinity`);
  let v: unknown;
  try {
    v = parseExpression(tool, text).compile().evaluate(new Map());
  } catch (e) {
    return fail(tool, `${what} "${b}": ${explain(e)}`);
  }
  if (typeof v !== 'number' || Number.isNaN(v)) return fail(tool, `${what} "${b}" is not a number`);
  return v;
}

/** f, failing with a clear message where it is not finite (a pole, a log of 0...). */
function finiteOnly(tool: string, f: (x: number) => number, v: string, what: string) {
  return (x: number) => {
    const y = f(x);
    if (!Number.isFinite(y)) fail(tool, `the function is ${Number.isNaN(y) ? 'not a real number' : 'infinite'} at ${v} = ${tidy(x)}; ${what}`);
    return y;
  };
}

function differentiate(tool: string, node: MathNode, v: string, order: number): MathNode {
  let d = node;
  try {
    for (let i = 0; i < order; i++) d = derivativeNode(d, v);
  } catch (e) {
    return fail(tool, explain(e));
  }
  return d;
}

/** A coefficient as text: a simple fraction when it is one (1/6), otherwise the decimal. */
function coefficientText(c: number): { num: string; den: number } {
  const f = math.fraction(c);
  const n = Number(f.n);
  const d = Number(f.d);
  if (d <= 100_000 && Math.abs(n / d - Math.abs(c)) <= 1e-12 * Math.abs(c)) return { num: String(n), den: d };
  return { num: String(tidy(Math.abs(c))), den: 1 };
}

function polynomialText(coefficients: number[], v: string, at: number): string {
  const base = at === 0 ? v : at > 0 ? `(${v} - ${at})` : `(${v} + ${-at})`;
  const parts: string[] = [];
  coefficients.forEach((c, k) => {
    if (c === 0) return;
    const { num, den } = coefficientText(c);
    const power = k === 0 ? '' : k === 1 ? base : `${base}^${k}`;
    let text = k === 0 ? num : num === '1' ? power : `${num} * ${power}`;
    if (den !== 1) text = `${text} / ${den}`;
    parts.push(parts.length === 0 ? (c < 0 ? `-${text}` : text) : `${c < 0 ? '-' : '+'} ${text}`);
  });
  return parts.length ? parts.join(' ') : '0';
}

function combine(left: SideLimit, right: SideLimit): SideLimit | { kind: 'differ'; left: SideLimit; right: SideLimit } {
  if (left.kind === 'undefined') return right;
  if (right.kind === 'undefined') return left;
  if (left.kind === 'unknown' || right.kind === 'unknown') return { kind: 'unknown' };
  if (left.kind === 'infinite' && right.kind === 'infinite' && left.sign === right.sign) return left;
  if (left.kind === 'value' && right.kind === 'value' && Math.abs(left.value - right.value) <= 1e-6 * Math.max(1, Math.abs(left.value))) return right;
  return { kind: 'differ', left, right };
}

const sideText = (s: SideLimit) => (s.kind === 'value' ? String(tidy(s.value)) : s.kind === 'infinite' ? (s.sign > 0 ? 'Infinity' : '-Infinity') : s.kind);

export const CALCULUS_TOOLS: ToolDef[] = [
  defineTool({
    id: 'math.derivative',
    doc: 'The symbolic derivative ("x^3" gives "3 * x ^ 2"); with at, its value there.',
    params: () => z.object({
      expression,
      variable,
      order: int.pipe(z.number().min(1).max(10)).default(1).describe('1 for f\', 2 for f\'\' ... up to 10'),
      at: bound.optional().describe('a point: return the derivative\'s value there'),
      variables,
    }),
    run(_ctx, p) {
      const tool = 'math.derivative';
      const d = differentiate(tool, parseExpression(tool, p.expression), p.variable, p.order);
      if (p.at === undefined) return show(d);
      const x = toBound(tool, p.at, 'at');
      return finite(tool, realFunction(tool, d, p.variable, p.variables as Scope)(x));
    },
  }),
  defineTool({
    id: 'math.integrate',
    doc: 'With from and to: the definite integral (numeric, infinite bounds allowed); without: the antiderivative.',
    params: () => z.object({
      expression,
      variable,
      from: bound.optional().describe('the lower bound (a number, "pi", "-Infinity")'),
      to: bound.optional().describe('the upper bound'),
      variables,
    }),
    async run(_ctx, p) {
      const tool = 'math.integrate';
      const node = parseExpression(tool, p.expression);
      if ((p.from === undefined) !== (p.to === undefined)) fail(tool, 'give both from and to for a definite integral, or neither for the antiderivative');
      if (p.from === undefined || p.to === undefined) {
        if (Object.keys(p.variables).length) fail(tool, 'variables are for definite integrals; the antiderivative keeps every letter symbolic');
        const text = casText(tool, node);
        const result = await withCas(tool, (cas) => cas(`integrate(${text}, ${p.variable})`).toString());
        if (result.includes('integrate(')) fail(tool, `no closed form found for the integral of ${p.expression}; give from and to for a numeric value`);
        return result;
      }
      const a = toBound(tool, p.from, 'from');
      const b = toBound(tool, p.to, 'to');
      const f = finiteOnly(tool, realFunction(tool, node, p.variable, p.variables as Scope), p.variable, 'the integral may not exist');
      const r = integrate(f, a, b);
      if (!r.converged) fail(tool, Number.isFinite(r.value) ? `the integral does not seem to converge (estimate ${tidy(r.value)}, uncertainty ${tidy(r.error)})` : 'the integral diverges');
      if (Math.abs(r.value) < 1e-12 && Math.abs(r.value) <= 10 * r.error + 1e-15) return 0;
      // Quadrature is good to about 12 digits; more would show its noise (1.99999999999468).
      return finite(tool, Number(r.value.toPrecision(12)));
    },
  }),
  defineTool({
    id: 'math.limit',
    doc: 'The limit of an expression as the variable approaches a point ("Infinity" allowed), from both sides or one.',
    params: () => z.object({
      expression,
      variable,
      to: bound.describe('the point approached: a number, "pi", "Infinity" or "-Infinity"'),
      side: z.enum(['both', 'left', 'right']).default('both').describe('both (default), left (from below) or right (from above)'),
      variables,
    }),
    async run(_ctx, p) {
      const tool = 'math.limit';
      const node = parseExpression(tool, p.expression);
      const a = toBound(tool, p.to, 'to');
      const f = realFunction(tool, node, p.variable, p.variables as Scope);
      const scale = Math.max(1, Math.abs(a));
      let found: ReturnType<typeof combine>;
      if (a === Infinity) found = limitAtZero((h) => f(1 / h));
      else if (a === -Infinity) found = limitAtZero((h) => f(-1 / h));
      else {
        const left = p.side === 'right' ? undefined : limitAtZero((h) => f(a - h * scale));
        const right = p.side === 'left' ? undefined : limitAtZero((h) => f(a + h * scale));
        found = left && right ? combine(left, right) : (left ?? right)!;
      }
      if (found.kind === 'differ') fail(tool, `the limit from the left (${sideText(found.left)}) and from the right (${sideText(found.right)}) differ; choose a side`);
      if (found.kind === 'infinite') return found.sign > 0 ? 'Infinity' : '-Infinity';
      if (found.kind === 'undefined') fail(tool, `the expression is not defined near ${p.variable} = ${p.to}`);
      // An exact answer, where nerdamer finds one, confirms or sharpens the numeric one.
      const exact = Object.keys(p.variables).length || p.side !== 'both' ? undefined : await exactLimit(tool, node, p.variable, a);
      if (found.kind === 'value') {
        if (exact !== undefined && Math.abs(exact - found.value) <= 1e-6 * Math.max(1, Math.abs(exact))) return tidy(exact);
        return Number(found.value.toPrecision(10));
      }
      if (exact !== undefined) return tidy(exact);
      return fail(tool, `the limit as ${p.variable} → ${p.to} does not exist or could not be found (the values do not settle)`);
    },
  }),
  defineTool({
    id: 'math.series',
    doc: 'The sum of a series: the expression summed for the variable from `from` to `to` (Infinity allowed).',
    params: () => z.object({
      expression: expression.describe('the general term, e.g. "1/n^2"'),
      variable: variable.default('n').describe('the index variable (n by default)'),
      from: int.default(1).describe('the first index (1 by default)'),
      to: bound.default('Infinity').describe('the last index, or "Infinity" (the default)'),
      variables,
    }),
    run(_ctx, p) {
      const tool = 'math.series';
      const term = finiteOnly(tool, realFunction(tool, parseExpression(tool, p.expression), p.variable, p.variables as Scope), p.variable, 'the series has an undefined term');
      const to = toBound(tool, p.to, 'to');
      if (to === Infinity) {
        const r = infiniteSum(term, p.from);
        if ('diverges' in r) fail(tool, 'the series diverges');
        if ('unknown' in r) fail(tool, 'the sum could not be found: the series may diverge or converge too slowly');
        return finite(tool, r.value);
      }
      if (!Number.isInteger(to)) fail(tool, `to must be a whole number or Infinity (got ${to})`);
      if (to < p.from) return 0;
      if (to - p.from >= 1_000_000) fail(tool, 'at most 1,000,000 terms; for an infinite series use to = "Infinity"');
      let sum = 0;
      let comp = 0;
      for (let k = p.from; k <= to; k++) {
        const y = term(k) - comp;
        const s = sum + y;
        comp = s - sum - y;
        sum = s;
      }
      return finite(tool, sum);
    },
  }),
  defineTool({
    id: 'math.taylor',
    doc: 'The Taylor polynomial of an expression around a point: {coefficients, polynomial}.',
    params: () => z.object({
      expression,
      variable,
      at: bound.default(0).describe('the point to expand around (0 by default)'),
      order: int.pipe(z.number().min(0).max(12)).default(5).describe('the highest power, 0–12'),
    }),
    run(_ctx, p) {
      const tool = 'math.taylor';
      const a = toBound(tool, p.at, 'at');
      if (!Number.isFinite(a)) fail(tool, 'expand around a finite point');
      let node = parseExpression(tool, p.expression);
      const coefficients: number[] = [];
      let factorial = 1;
      for (let k = 0; k <= p.order; k++) {
        if (k > 0) {
          node = differentiate(tool, node, p.variable, 1);
          factorial *= k;
        }
        const value = realFunction(tool, node, p.variable)(a);
        if (!Number.isFinite(value)) fail(tool, `the ${k === 0 ? 'function' : `derivative of order ${k}`} is not finite at ${p.variable} = ${a}: no Taylor expansion there`);
        const c = value / factorial;
        coefficients.push(Math.abs(c) < 1e-14 ? 0 : tidy(c));
      }
      return { coefficients, polynomial: polynomialText(coefficients, p.variable, tidy(a)) };
    },
  }),
];

/** nerdamer's limit, when it gives a plain number; undefined otherwise. */
async function exactLimit(tool: string, node: MathNode, v: string, a: number): Promise<number | undefined> {
  try {
    const text = casText(tool, node);
    const point = a === Infinity ? 'Infinity' : a === -Infinity ? '-Infinity' : `(${a})`;
    const result = await withCas(tool, (cas) => cas(`limit(${text}, ${v}, ${point})`).toString());
    if (/limit|Infinity|undefined/i.test(result)) return undefined;
    const value = parseExpression(tool, result).compile().evaluate(new Map());
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
