import { beforeAll, describe, expect, test } from 'vitest';
import { MATH_TOOLS, evaluateExpression, loadMathEngine } from '../../src/runtime/tools/math.js';
import { math, mathError } from './math-context.js';

// evaluateExpression is synchronous: it needs mathjs loaded (the tools load it themselves).
beforeAll(() => loadMathEngine());

describe('math errors are clear, one line, and name the tool', () => {
  test.each([
    ['math.divide', { a: 1, b: 0 }, 'math.divide: division by zero'],
    ['math.mod', { a: 1, b: 0 }, 'math.mod: modulo by zero'],
    ['math.reciprocal', { value: 0 }, 'math.reciprocal: division by zero (0 has no reciprocal)'],
    ['math.sqrt', { value: -4 }, 'math.sqrt: the square root of a negative number (-4) is not a real number'],
    ['math.power', { a: -8, b: 0.5 }, 'math.power: a negative number to a fractional power is not a real number'],
    ['math.power', { a: 0, b: -1 }, 'math.power: division by zero (0 to a negative power)'],
    ['math.power', { a: 10, b: 400 }, 'math.power: the result is too large to represent (+Infinity)'],
    ['math.log', { value: 0 }, 'math.log: the logarithm of 0 is undefined (it needs a number above 0)'],
    ['math.log', { value: 8, base: 1 }, 'math.log: a logarithm base must be above 0 and not 1 (got 1)'],
    ['math.nthRoot', { value: -16, n: 4 }, 'math.nthRoot: an even root of a negative number (-16) is not a real number'],
    ['math.tan', { value: 90, unit: 'deg' }, 'math.tan: tan is undefined at 90° (cos is 0 there)'],
    ['math.cot', { value: 0 }, 'math.cot: cot is undefined at 0 rad (sin is 0 there)'],
    ['math.asin', { value: 2 }, 'math.asin: asin is only defined for values from -1 to 1 (got 2)'],
    ['math.acosh', { value: 0.5 }, 'math.acosh: acosh is only defined for values of at least 1 (got 0.5)'],
    ['math.atan2', { y: 0, x: 0 }, 'math.atan2: the angle of the point (0, 0) is undefined'],
    ['math.geometricMean', { values: [1, -1] }, 'math.geometricMean: the geometric mean needs numbers above 0'],
    ['math.correlation', { x: [1, 2], y: [1, 2, 3] }, 'math.correlation: x and y need the same length (2 and 3)'],
    ['math.std', { values: [5] }, 'math.std: a sample standard deviation needs at least two numbers'],
    ['math.inverse', { a: [[1, 2], [2, 4]] }, 'math.inverse: the matrix is singular (its determinant is 0): it has no inverse'],
    ['math.determinant', { a: [[1, 2, 3]] }, 'math.determinant: needs a square matrix, got 1×3'],
    ['math.matrixMultiply', { a: [[1, 2]], b: [[1, 2]] }, 'math.matrixMultiply: cannot multiply 1×2 by 1×2: the columns of a must match the rows of b'],
    ['math.solveSystem', { a: [[1, 1], [1, 1]], b: [1, 2] }, 'math.solveSystem: the system has no unique solution (the matrix is singular)'],
    ['math.solveLinear', { a: 0, b: 3 }, 'math.solveLinear: there is no solution (3 = 0 is false)'],
    ['math.constant', { name: 'nope' }, expect.stringMatching(/^math\.constant: no constant named "nope"; known: pi, e, /)],
  ])('%s %j', async (id, params, message) => {
    expect(await mathError(id, params as Record<string, unknown>)).toEqual(message);
  });

  test('params are checked by the schema: words are not numbers, limits hold', () => {
    const tool = (id: string) => MATH_TOOLS.find((t) => t.id === id)!;
    expect(tool('math.add').params.safeParse({ a: 'twelve', b: 1 }).success).toBe(false);
    expect(tool('math.add').params.safeParse({ a: ' 12 ', b: '-1e3' }).success).toBe(true);
    expect(tool('math.add').params.safeParse({ a: Infinity, b: 1 }).success).toBe(false);
    expect(tool('math.factorial').params.safeParse({ n: 171 }).success).toBe(false);
    expect(tool('math.factorial').params.safeParse({ n: 2.5 }).success).toBe(false);
    expect(tool('math.mean').params.safeParse({ values: '1, 2, x' }).success).toBe(false);
    expect(tool('math.mean').params.safeParse({ values: [] }).success).toBe(false);
    expect(tool('math.determinant').params.safeParse({ a: [[1, 2], [3]] }).success).toBe(false);
    expect(tool('math.evaluate').params.safeParse({ expression: 'x'.repeat(2001) }).success).toBe(false);
  });
});

describe('expressions cannot escape the math parser', () => {
  test.each([
    ['evaluate("1+1")', '"evaluate" is not available in expressions'],
    ['parse("1")', '"parse" is not available in expressions'],
    ['import({}, {})', '"import" is not available in expressions'],
    ['config({number: "BigNumber"})', '"config" is not available in expressions'],
    ['createUnit("foo")', '"createUnit" is not available in expressions'],
    ['simplify("x")', '"simplify" is not available in expressions'],
    ['Parser()', '"Parser" is not available in expressions'],
    ['f(x) = x^2', 'expressions cannot contain assignments (=); to solve an equation use math.solve'],
    ['a = 1', 'expressions cannot contain assignments (=); to solve an equation use math.solve'],
    ['1; 2', 'expressions cannot contain several statements; to solve an equation use math.solve'],
    ['{a: 1}.a', 'expressions cannot contain ObjectNode; to solve an equation use math.solve'],
  ])('%s', async (expression, why) => {
    expect(await mathError('math.evaluate', { expression })).toBe(`math.evaluate: ${why}`);
  });

  test('the same guard holds for symbolic tools and for the shared evaluator', async () => {
    expect(await mathError('math.derivative', { expression: 'evaluate("x")' })).toMatch(/not available/);
    expect(await mathError('math.factor', { expression: 'print(x)' })).toMatch(/^math\.factor: /);
    expect(await mathError('math.integrate', { expression: 'x mod 2' })).toBe('math.integrate: symbolic work supports + - * / ^ and !, not "mod"');
    expect(() => evaluateExpression('ui.compute', 'config({})')).toThrow('ui.compute: "config" is not available in expressions');
    expect(evaluateExpression('ui.compute', '7*6')).toBe(42);
  });

  test('the math instance still works after a refused expression (no settings changed)', async () => {
    await mathError('math.evaluate', { expression: 'config({number: "BigNumber"})' });
    expect(await math('math.evaluate', { expression: '0.1 + 0.2' })).toBe(0.3);
    expect(await math('math.eigenvalues', { a: [[0, -1], [1, 0]] })).toEqual(['i', '-i']);
  });

  test('unknown names, bad syntax and non-finite results are explained', async () => {
    expect(await mathError('math.evaluate', { expression: 'y + 1' })).toBe('math.evaluate: unknown variable y; give its value in variables');
    expect(await mathError('math.evaluate', { expression: '2 +' })).toMatch(/^math\.evaluate: cannot read "2 \+": Unexpected end of expression/);
    expect(await mathError('math.evaluate', { expression: '1/0' })).toBe('math.evaluate: the result is too large to represent (+Infinity)');
    expect(await mathError('math.evaluate', { expression: '0/0' })).toBe('math.evaluate: the result is not a real number');
    expect(await math('math.evaluate', { expression: 'sqrt(-4)' })).toBe('2i');
    expect(await math('math.evaluate', { expression: '[1, 2; 3, 4] * 2' })).toEqual([[2, 4], [6, 8]]);
  });
});
