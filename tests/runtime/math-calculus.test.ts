import { describe, expect, test } from 'vitest';
import { math, mathError } from './math-context.js';

describe('algebra', () => {
  test('solve: exact where it can, complex roots as text, numeric otherwise', async () => {
    expect(await math('math.solve', { equation: 'x^3 - 6x^2 + 11x - 6' })).toEqual([1, 2, 3]);
    expect(await math('math.solve', { equation: 'x^2 + 1 = 0' })).toEqual(['i', '-i']);
    expect(await math('math.solve', { equation: 'x^2 - 2 = 0', exact: true })).toEqual(expect.arrayContaining(['sqrt(2)', '-sqrt(2)']));
    const [root] = await math('math.solve', { equation: 'cos(x) = x' });
    expect(root).toBeCloseTo(0.739085133215, 9);
    expect(await math('math.solve', { equation: '2t + 1 = 7' })).toEqual([3]);
    expect(await mathError('math.solve', { equation: 'x + y = 1' })).toMatch(/several variables \(x, y\)/);
    const [symbolic] = await math('math.solve', { equation: 'x + y = 1', variable: 'x' });
    expect(await math('math.evaluate', { expression: symbolic, variables: { y: 5 } })).toBe(-4);
  });

  test('polynomial roots: repeated roots once, complex pairs as text', async () => {
    expect(await math('math.polynomialRoots', { coefficients: [1, -2, 1] })).toEqual([1]);
    expect(await math('math.polynomialRoots', { coefficients: [1, 0, 0, 0, -1] })).toEqual([-1, 1, '-i', 'i']);
    expect(await math('math.polynomialRoots', { coefficients: [2, 0] })).toEqual([0]);
    const roots: number[] = await math('math.polynomialRoots', { coefficients: [1, -15, 85, -225, 274, -120] });
    roots.forEach((r, i) => expect(r).toBeCloseTo(i + 1, 8));
  });

  test('factor and expand round-trip a polynomial', async () => {
    const factored: string = await math('math.factor', { expression: 'x^4 + 4' });
    expect(factored).toContain(')*(');
    const expanded: string = await math('math.expand', { expression: factored });
    expect(await math('math.evaluate', { expression: expanded, variables: { x: 3 } })).toBe(85);
  });
});

describe('calculus', () => {
  test('derivatives: symbolic, higher order, partial, and at a point', async () => {
    expect(await math('math.derivative', { expression: 'x^4', order: 2 })).toBe('12 * x ^ 2');
    expect(await math('math.derivative', { expression: 'x^2 * y', variable: 'y' })).toBe('x ^ 2');
    expect(await math('math.derivative', { expression: 'sin(x)', at: 'pi' })).toBe(-1);
    expect(await math('math.derivative', { expression: 'a*x^2', at: 2, variables: { a: 3 } })).toBe(12);
  });

  test('definite integrals, including infinite bounds and endpoint singularities', async () => {
    expect(await math('math.integrate', { expression: 'sin(x)', from: 0, to: 'pi' })).toBe(2);
    expect(await math('math.integrate', { expression: 'exp(-x^2)', from: '-Infinity', to: 'inf' })).toBeCloseTo(Math.sqrt(Math.PI), 10);
    expect(await math('math.integrate', { expression: '1/(1+x^2)', from: 0, to: 'Infinity' })).toBeCloseTo(Math.PI / 2, 10);
    expect(await math('math.integrate', { expression: '1/sqrt(x)', from: 0, to: 1 })).toBeCloseTo(2, 9);
    expect(await math('math.integrate', { expression: 'x', from: 3, to: 1 })).toBe(-4);
    expect(await math('math.integrate', { expression: 'k*x', from: 0, to: 1, variables: { k: 4 } })).toBe(2);
    expect(await mathError('math.integrate', { expression: '1/x', from: -1, to: 1 })).toBe('math.integrate: the function is infinite at x = 0; the integral may not exist');
    expect(await mathError('math.integrate', { expression: '1/x', from: 1, to: 'Infinity' })).toMatch(/^math\.integrate: the integral (diverges|does not seem to converge)/);
    expect(await mathError('math.integrate', { expression: 'x', from: 0 })).toMatch(/give both from and to/);
  });

  test('antiderivatives: polynomials and beyond, or a clear no', async () => {
    const poly: string = await math('math.integrate', { expression: 'x^2 + 3x' });
    expect(await math('math.evaluate', { expression: `(${poly})`, variables: { x: 2 } })).toBeCloseTo(8 / 3 + 6, 12);
    expect((await math('math.integrate', { expression: 'x*sin(x)' })).replace(/\s/g, '')).toBe('-cos(x)*x+sin(x)');
    expect(await mathError('math.integrate', { expression: 'x^x' })).toBe('math.integrate: no closed form found for the integral of x^x; give from and to for a numeric value');
  });

  test('limits: removable points, infinity, one-sided, divergent and oscillating', async () => {
    expect(await math('math.limit', { expression: '(x^2 - 1)/(x - 1)', to: 1 })).toBe(2);
    expect(await math('math.limit', { expression: '(1 - cos(x))/x^2', to: 0 })).toBe(0.5);
    expect(await math('math.limit', { expression: '(1 + 1/x)^x', to: 'Infinity' })).toBeCloseTo(Math.E, 8);
    expect(await math('math.limit', { expression: 'sqrt(x)', to: 0 })).toBe(0);
    expect(await math('math.limit', { expression: 'x*log(x)', to: 0, side: 'right' })).toBe(0);
    expect(await math('math.limit', { expression: '1/x^2', to: 0 })).toBe('Infinity');
    expect(await math('math.limit', { expression: 'log(x)', to: 0, side: 'right' })).toBe('-Infinity');
    expect(await math('math.limit', { expression: '1/x', to: 0, side: 'left' })).toBe('-Infinity');
    expect(await math('math.limit', { expression: '3x + 1', to: 2 })).toBe(7);
    expect(await mathError('math.limit', { expression: '1/x', to: 0 })).toBe('math.limit: the limit from the left (-Infinity) and from the right (Infinity) differ; choose a side');
    expect(await mathError('math.limit', { expression: 'sin(1/x)', to: 0 })).toMatch(/does not exist or could not be found/);
  });

  test('series: finite and infinite sums, convergent and divergent', async () => {
    expect(await math('math.series', { expression: 'n', to: 100 })).toBe(5050);
    expect(await math('math.series', { expression: '1/n^2' })).toBeCloseTo(Math.PI ** 2 / 6, 10);
    expect(await math('math.series', { expression: '(-1)^(n+1)/n' })).toBeCloseTo(Math.LN2, 10);
    expect(await math('math.series', { expression: '1/factorial(n)', from: 0 })).toBeCloseTo(Math.E, 12);
    expect(await math('math.series', { expression: 'x^k/factorial(k)', variable: 'k', from: 0, variables: { x: 2 } })).toBeCloseTo(Math.exp(2), 12);
    expect(await mathError('math.series', { expression: '1/n' })).toBe('math.series: the series diverges');
    expect(await mathError('math.series', { expression: 'n', to: 2_000_000 })).toMatch(/at most 1,000,000 terms/);
  });

  test('taylor: coefficients and the polynomial, around any point', async () => {
    expect(await math('math.taylor', { expression: 'exp(x)', order: 4 })).toEqual({ coefficients: [1, 1, 0.5, 0.166666666666667, 0.0416666666666667], polynomial: '1 + x + x^2 / 2 + x^3 / 6 + x^4 / 24' });
    expect(await math('math.taylor', { expression: 'x^3', at: 2, order: 3 })).toEqual({ coefficients: [8, 12, 6, 1], polynomial: '8 + 12 * (x - 2) + 6 * (x - 2)^2 + (x - 2)^3' });
    expect((await math('math.taylor', { expression: 'cos(x)', order: 4 })).polynomial).toBe('1 - x^2 / 2 + x^4 / 24');
    expect(await mathError('math.taylor', { expression: 'log(x)' })).toBe('math.taylor: the function is not finite at x = 0: no Taylor expansion there');
  });
});
