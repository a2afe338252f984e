import { test } from 'vitest';
import { MATH_TOOLS } from '../../src/runtime/tools/math.js';

const ctx: any = { appId: 't', pid: 1, syscall: async () => undefined, state: {}, event: {} };
async function run(id: string, params: Record<string, unknown>) {
  const t = MATH_TOOLS.find((x) => x.id === id)!;
  try {
    return await t.run(ctx, t.params.parse(params));
  } catch (e) {
    return 'ERR ' + (e as Error).message;
  }
}
test('scratch', async () => {
  const cases: [string, Record<string, unknown>][] = [
    ['math.add', { a: 0.1, b: 0.2 }],
    ['math.divide', { a: 1, b: 0 }],
    ['math.toFraction', { value: 0.75 }],
    ['math.toFraction', { value: 0.30000000000000004 }],
    ['math.primeFactors', { n: 999999000001 }],
    ['math.primeFactors', { n: 1e15 }],
    ['math.isPrime', { n: 9007199254740881 }],
    ['math.sin', { value: 180, unit: 'deg' }],
    ['math.tan', { value: 90, unit: 'deg' }],
    ['math.tan', { value: 45, unit: 'deg' }],
    ['math.asin', { value: 1, unit: 'deg' }],
    ['math.mode', { values: '1 2 2 3 3' }],
    ['math.std', { values: [1, 2, 3, 4] }],
    ['math.evaluate', { expression: '2x^2 + 1', variables: { x: 3 } }],
    ['math.evaluate', { expression: 'sqrt(-4)' }],
    ['math.evaluate', { expression: 'evaluate("1")' }],
    ['math.evaluate', { expression: 'x = 3' }],
    ['math.evaluate', { expression: 'y + 1' }],
    ['math.evaluate', { expression: '[1,2;3,4] * 2' }],
    ['math.evaluate', { expression: '1/0' }],
    ['math.simplify', { expression: '2x + 3x' }],
    ['math.expand', { expression: '(x+1)^2' }],
    ['math.factor', { expression: 'x^2 - 5x + 6' }],
    ['math.factor', { expression: 'x^4 + 4' }],
    ['math.solve', { equation: 'x^2 = 4' }],
    ['math.solve', { equation: 'x^3 - 6x^2 + 11x - 6' }],
    ['math.solve', { equation: 'x^2 + 1 = 0' }],
    ['math.solve', { equation: 'x^2 - 2 = 0', exact: true }],
    ['math.solve', { equation: 'cos(x) = x' }],
    ['math.solve', { equation: 'x^5 - x - 1 = 0' }],
    ['math.solveQuadratic', { a: 1, b: -3, c: 2 }],
    ['math.solveQuadratic', { a: 1, b: 2, c: 5 }],
    ['math.polynomialRoots', { coefficients: [1, -6, 11, -6] }],
    ['math.polynomialRoots', { coefficients: [1, 0, 0, 0, -1] }],
    ['math.polynomialRoots', { coefficients: [1, -2, 1] }],
    ['math.substitute', { expression: 'x^2 + y', values: { y: '2x', x: 1 } }],
    ['math.toLatex', { expression: 'sqrt(x)/2' }],
    ['math.inverse', { a: [[1, 2], [3, 4]] }],
    ['math.inverse', { a: [[1, 2], [2, 4]] }],
    ['math.eigenvalues', { a: [[0, -1], [1, 0]] }],
    ['math.eigenvalues', { a: [[2, 1], [1, 2]] }],
    ['math.solveSystem', { a: [[2, 1], [1, 3]], b: [3, 5] }],
    ['math.rank', { a: [[1, 2], [2, 4]] }],
    ['math.derivative', { expression: 'x^3' }],
    ['math.derivative', { expression: 'sin(x)*x^2', at: 'pi' }],
    ['math.derivative', { expression: 'x^4', order: 2 }],
    ['math.integrate', { expression: 'x^2', from: 0, to: 3 }],
    ['math.integrate', { expression: 'exp(-x^2)', from: '-inf', to: 'inf' }],
    ['math.integrate', { expression: 'sin(x)', from: 0, to: '2pi' }],
    ['math.integrate', { expression: '1/sqrt(x)', from: 0, to: 1 }],
    ['math.integrate', { expression: '1/x', from: -1, to: 1 }],
    ['math.integrate', { expression: '1/x', from: 1, to: 'Infinity' }],
    ['math.integrate', { expression: 'x^2 + 3x' }],
    ['math.integrate', { expression: 'x*sin(x)' }],
    ['math.integrate', { expression: 'x^x' }],
    ['math.limit', { expression: 'sin(x)/x', to: 0 }],
    ['math.limit', { expression: '(1+1/x)^x', to: 'Infinity' }],
    ['math.limit', { expression: '1/x', to: 0 }],
    ['math.limit', { expression: '1/x^2', to: 0 }],
    ['math.limit', { expression: 'sin(1/x)', to: 0 }],
    ['math.limit', { expression: 'sqrt(x)', to: 0 }],
    ['math.limit', { expression: 'x*log(x)', to: 0, side: 'right' }],
    ['math.limit', { expression: '(1-cos(x))/x^2', to: 0 }],
    ['math.limit', { expression: 'log(x)', to: 0, side: 'right' }],
    ['math.limit', { expression: '(x^2-1)/(x-1)', to: 1 }],
    ['math.series', { expression: '1/n^2' }],
    ['math.series', { expression: '1/2^n', from: 0 }],
    ['math.series', { expression: '1/n' }],
    ['math.series', { expression: '(-1)^(n+1)/n' }],
    ['math.series', { expression: 'n', to: 100 }],
    ['math.series', { expression: '1/factorial(n)', from: 0 }],
    ['math.taylor', { expression: 'sin(x)', order: 5 }],
    ['math.taylor', { expression: 'exp(x)', at: 1, order: 3 }],
    ['math.taylor', { expression: 'log(x)', at: 0 }],
    ['math.constant', { name: 'PI' }],
    ['math.constant', { name: 'toString' }],
  ];
  for (const [id, p] of cases) {
    const t0 = performance.now();
    const r = await run(id, p);
    console.log(id, JSON.stringify(p), '=>', JSON.stringify(r), `${(performance.now() - t0).toFixed(1)}ms`);
  }
});
