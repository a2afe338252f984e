import type { MathNode } from 'mathjs';
import { z } from 'zod';
import { defineTool, type ToolDef } from '../types.js';
import { casText, vectorElements, withCas } from './cas.js';
import { fail, finite, tidy } from './errors.js';
import { checkOnlyVariables, complexText, show, evaluateExpression, freeVariables, math, parseExpression, realFunction, simplifyNode } from './engine.js';
import { distinctRoots, polynomialRoots } from './numeric.js';
import { expression, num, numberList, variableName, variables } from './schemas.js';

/** Real roots as numbers (ascending), complex ones as text like "1 + 2i" after them. */
function rootList(roots: [number, number][]): (number | string)[] {
  const real: number[] = [];
  const complex: [number, number][] = [];
  for (const [re, im] of roots) {
    if (Math.abs(im) <= 1e-9 * Math.max(1, Math.abs(re))) real.push(tidy(re));
    else complex.push([re, im]);
  }
  real.sort((a, b) => a - b);
  complex.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return [...dedupe(real), ...complex.map(([re, im]) => complexText(re, im))];
}

const dedupe = (xs: number[]) => xs.filter((v, i) => i === 0 || Math.abs(v - xs[i - 1]!) > 1e-9 * Math.max(1, Math.abs(v)));

/** "lhs = rhs" (or an expression meaning "= 0") as one checked tree lhs − rhs. */
function equationNode(tool: string, text: string): MathNode {
  const sides = text.split(/(?<![<>=!])=(?!=)/);
  if (sides.length > 2) fail(tool, 'an equation has one "="');
  const [lhs, rhs] = sides.map((s) => parseExpression(tool, s.trim() || fail(tool, 'one side of the equation is empty')));
  return rhs ? new math.OperatorNode('-', 'subtract', [new math.ParenthesisNode(lhs!), new math.ParenthesisNode(rhs)]) : lhs!;
}

/** The variable to solve for: given, or the only one in the equation. */
function pickVariable(tool: string, node: MathNode, given: string | undefined): string {
  if (given) return given;
  const free = freeVariables(node);
  if (free.length === 1) return free[0]!;
  if (free.length === 0) return fail(tool, 'the equation has no variable to solve for');
  return fail(tool, `the equation has several variables (${free.join(', ')}); say which one to solve for in variable`);
}

/** The grid scanned for sign changes: fine near 0, coarser out to ±1000. */
const GRID = (() => {
  const xs: number[] = [];
  for (let x = -1000; x < -100; x += 0.5) xs.push(x);
  for (let i = -10_000; i < 10_000; i++) xs.push(i / 100);
  for (let x = 100; x <= 1000; x += 0.5) xs.push(x);
  return xs;
})();

/** Numeric real roots of f on [-1000, 1000]: sign changes on a grid, refined by bisection. */
function scanRoots(f: (x: number) => number): number[] {
  const roots: number[] = [];
  let x0 = GRID[0]!;
  let f0 = f(x0);
  for (const x1 of GRID.slice(1)) {
    const f1 = f(x1);
    if (f0 === 0) roots.push(x0);
    else if (Number.isFinite(f0) && Number.isFinite(f1) && f0 * f1 < 0) {
      let [lo, hi, flo] = [x0, x1, f0];
      for (let k = 0; k < 80 && lo < hi; k++) {
        const mid = (lo + hi) / 2;
        const fm = f(mid);
        if (fm === 0) [lo, hi] = [mid, mid];
        else if (Math.sign(fm) === Math.sign(flo)) [lo, flo] = [mid, fm];
        else hi = mid;
      }
      const r = (lo + hi) / 2;
      // A sign change across a pole (tan, 1/x) is not a root: the function must be small there.
      if (Math.abs(f(r)) < 1e-6) roots.push(r);
    }
    [x0, f0] = [x1, f1];
    if (roots.length > 100) break;
  }
  if (f0 === 0) roots.push(x0);
  return dedupe(roots.map(tidy));
}

const coefficients = numberList
  .pipe(z.array(z.number()).min(2, 'give at least two coefficients').max(51, 'at most degree 50'))
  .describe('coefficients from the highest power down: [1, -3, 2] is x² − 3x + 2');

export const ALGEBRA_TOOLS: ToolDef[] = [
  defineTool({
    id: 'math.evaluate',
    doc: 'Evaluate an expression, with values for its variables: "2x^2 + 1" with {"x": 3} gives 19.',
    params: () => z.object({ expression, variables }),
    run(_ctx, p) {
      const node = parseExpression('math.evaluate', p.expression);
      checkOnlyVariables('math.evaluate', node, Object.keys(p.variables));
      return evaluateExpression('math.evaluate', node, p.variables);
    },
  }),
  defineTool({
    id: 'math.simplify',
    doc: 'Simplify an expression symbolically: "2x + 3x" gives "5 * x".',
    params: () => z.object({ expression }),
    run(_ctx, p) {
      try {
        return show(simplifyNode(parseExpression('math.simplify', p.expression)));
      } catch (e) {
        return rethrow('math.simplify', e);
      }
    },
  }),
  defineTool({
    id: 'math.expand',
    doc: 'Multiply out products and powers: "(x+1)^2" gives "2*x+x^2+1".',
    params: () => z.object({ expression }),
    run: (_ctx, p) => {
      const text = casText('math.expand', parseExpression('math.expand', p.expression));
      return withCas('math.expand', (cas) => cas(`expand(${text})`).toString());
    },
  }),
  defineTool({
    id: 'math.factor',
    doc: 'Factor a polynomial: "x^2 - 5x + 6" gives "(x-2)*(x-3)".',
    params: () => z.object({ expression }),
    run: (_ctx, p) => {
      const text = casText('math.factor', parseExpression('math.factor', p.expression));
      return withCas('math.factor', (cas) => cas(`factor(${text})`).toString());
    },
  }),
  defineTool({
    id: 'math.substitute',
    doc: 'Put values or expressions in for variables and simplify: "x^2 + y" with {"y": "2x"}.',
    params: () => z.object({ expression, values: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([num, z.string().max(2000)])).describe('what each variable becomes') }),
    run(_ctx, p) {
      const tool = 'math.substitute';
      const node = parseExpression(tool, p.expression);
      const replacements = new Map(
        Object.entries(p.values).map(([k, v]) => [k, typeof v === 'number' ? new math.ConstantNode(v) : new math.ParenthesisNode(parseExpression(tool, v))]),
      );
      const replaced = node.transform((n) => (n.type === 'SymbolNode' && replacements.has((n as unknown as { name: string }).name) ? replacements.get((n as unknown as { name: string }).name)! : n));
      try {
        return show(simplifyNode(replaced));
      } catch (e) {
        return rethrow(tool, e);
      }
    },
  }),
  defineTool({
    id: 'math.toLatex',
    doc: 'An expression as LaTeX.',
    params: () => z.object({ expression }),
    run: (_ctx, p) => parseExpression('math.toLatex', p.expression).toTex(),
  }),
  defineTool({
    id: 'math.solveLinear',
    doc: 'Solve a·x + b = 0 for x.',
    params: () => z.object({ a: num.describe('the coefficient of x'), b: num.describe('the constant term') }),
    run(_ctx, p) {
      if (p.a === 0) fail('math.solveLinear', p.b === 0 ? 'every x is a solution (0 = 0)' : `there is no solution (${p.b} = 0 is false)`);
      return finite('math.solveLinear', -p.b / p.a);
    },
  }),
  defineTool({
    id: 'math.solveQuadratic',
    doc: 'Solve a·x² + b·x + c = 0: real roots as numbers, complex ones as text like "1 + 2i".',
    params: () => z.object({ a: num.describe('the coefficient of x²'), b: num.describe('the coefficient of x'), c: num.describe('the constant term') }),
    run(_ctx, p) {
      const { a, b, c } = p;
      if (a === 0) {
        if (b === 0) fail('math.solveQuadratic', c === 0 ? 'every x is a solution (0 = 0)' : `there is no solution (${c} = 0 is false)`);
        return [tidy(-c / b)];
      }
      const d = b * b - 4 * a * c;
      if (d < 0) {
        const re = -b / (2 * a);
        const im = Math.sqrt(-d) / (2 * Math.abs(a));
        return [complexText(re, -im), complexText(re, im)];
      }
      // The stable form: no cancellation between −b and √d.
      const q = -(b + (b >= 0 ? 1 : -1) * Math.sqrt(d)) / 2;
      const roots = q === 0 ? [0] : [q / a, c / q];
      return dedupe(roots.map(tidy).sort((x, y) => x - y));
    },
  }),
  defineTool({
    id: 'math.polynomialRoots',
    doc: 'All roots of a polynomial given by its coefficients (highest power first).',
    params: () => z.object({ coefficients }),
    run(_ctx, p) {
      if (p.coefficients.every((v) => v === 0)) fail('math.polynomialRoots', 'the zero polynomial has every number as a root');
      return rootList(distinctRoots(polynomialRoots(p.coefficients)));
    },
  }),
  defineTool({
    id: 'math.solve',
    doc: 'Solve an equation for a variable ("x^2 = 4", or an expression meaning "= 0"); exact=true gives exact text.',
    params: () => z.object({
      equation: expression.describe('the equation, e.g. "x^2 - 4 = 0"'),
      variable: variableName.optional().describe('the variable to solve for (the only one, by default)'),
      exact: z.boolean().default(false).describe('give exact solutions as text, e.g. "sqrt(2)"'),
    }),
    async run(_ctx, p) {
      const tool = 'math.solve';
      const node = equationNode(tool, p.equation);
      const v = pickVariable(tool, node, p.variable);
      const text = casText(tool, node);
      const exact = await withCas(tool, (cas) => vectorElements(cas(`solve(${text}, ${v})`).toString())).catch(() => [] as string[]);
      if (exact.length) {
        if (p.exact) return exact;
        const values = exact.map((s) => {
          try {
            return evaluateExpression(tool, s) as number | string;
          } catch {
            return s; // still symbolic (another variable in it): keep the text
          }
        });
        const nums = values.filter((x): x is number => typeof x === 'number').sort((a, b) => a - b);
        return [...dedupe(nums), ...values.filter((x) => typeof x !== 'number')];
      }
      const others = freeVariables(node).filter((n) => n !== v);
      if (others.length) fail(tool, `no exact solution found for ${v}, and ${others.join(', ')} would need values for a numeric one`);
      const roots = scanRoots(realFunction(tool, node, v));
      if (!roots.length) fail(tool, `no real solution for ${v} found between -1000 and 1000`);
      return roots;
    },
  }),
];

function rethrow(tool: string, e: unknown): never {
  if (e instanceof Error && e.name === 'MathError') throw e;
  return fail(tool, e instanceof Error ? e.message : String(e));
}
