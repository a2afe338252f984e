import { describe, expect, test } from 'vitest';
import { MATH_TOOLS } from '../../src/runtime/tools/math.js';
import { math } from './math-context.js';

type Check = unknown | ((result: any) => void);
const near = (want: number, digits = 9) => (got: number) => expect(got).toBeCloseTo(want, digits);

/** One sample per tool: params and the expected result (a value, or a check of it). */
const SAMPLES: Record<string, [Record<string, unknown>, Check]> = {
  // arithmetic
  add: [{ a: 0.1, b: 0.2 }, 0.3],
  subtract: [{ a: '10', b: 4.5 }, 5.5],
  multiply: [{ a: 6, b: 7 }, 42],
  divide: [{ a: 1, b: 4 }, 0.25],
  power: [{ a: 2, b: 10 }, 1024],
  mod: [{ a: -7, b: 3 }, 2],
  percent: [{ a: 200, b: 15 }, 30],
  percentChange: [{ a: 50, b: 75 }, 50],
  sqrt: [{ value: 2 }, near(Math.SQRT2)],
  cbrt: [{ value: -27 }, -3],
  abs: [{ value: -3.5 }, 3.5],
  floor: [{ value: -1.5 }, -2],
  ceil: [{ value: 1.2 }, 2],
  trunc: [{ value: -1.7 }, -1],
  sign: [{ value: -9 }, -1],
  negate: [{ value: 4 }, -4],
  reciprocal: [{ value: 8 }, 0.125],
  exp: [{ value: 1 }, near(Math.E)],
  log10: [{ value: 1000 }, 3],
  log2: [{ value: 1024 }, 10],
  log: [{ value: 81, base: 3 }, 4],
  nthRoot: [{ value: -32, n: 5 }, -2],
  round: [{ value: 1.005, decimals: 2 }, 1.01],
  clamp: [{ value: 12, min: 0, max: 10 }, 10],
  hypot: [{ values: [3, 4] }, 5],
  factorial: [{ n: 10 }, 3628800],
  gcd: [{ values: [12, 18, 30] }, 6],
  lcm: [{ values: [4, 6, 10] }, 60],
  isPrime: [{ n: 2147483647 }, true],
  primeFactors: [{ n: 360 }, [2, 2, 2, 3, 3, 5]],
  fibonacci: [{ n: 50 }, 12586269025],
  combinations: [{ n: 52, k: 5 }, 2598960],
  permutations: [{ n: 10, k: 3 }, 720],
  toFraction: [{ value: 0.375 }, '3/8'],
  // trigonometry
  sin: [{ value: 30, unit: 'deg' }, 0.5],
  cos: [{ value: Math.PI }, -1],
  tan: [{ value: 45, unit: 'deg' }, 1],
  sec: [{ value: 60, unit: 'deg' }, 2],
  csc: [{ value: 30, unit: 'deg' }, 2],
  cot: [{ value: 45, unit: 'deg' }, 1],
  asin: [{ value: 1, unit: 'deg' }, 90],
  acos: [{ value: 0.5, unit: 'deg' }, 60],
  atan: [{ value: 1 }, near(Math.PI / 4)],
  atan2: [{ y: 1, x: -1, unit: 'deg' }, 135],
  sinh: [{ value: 1 }, near(1.1752011936438014)],
  cosh: [{ value: 0 }, 1],
  tanh: [{ value: 0.5 }, near(0.46211715726000974)],
  asinh: [{ value: 1 }, near(0.881373587019543)],
  acosh: [{ value: 2 }, near(1.3169578969248166)],
  atanh: [{ value: 0.5 }, near(0.5493061443340549)],
  toRadians: [{ value: 180 }, near(Math.PI)],
  toDegrees: [{ value: Math.PI / 2 }, 90],
  // statistics
  sum: [{ values: [1, 2, 3, 4] }, 10],
  product: [{ values: '2, 3, 4' }, 24],
  count: [{ values: [5, 5, 5] }, 3],
  mean: [{ values: [1, 2, 3, 4] }, 2.5],
  median: [{ values: [7, 1, 3, 5] }, 4],
  min: [{ values: [3, -2, 8] }, -2],
  max: [{ values: [3, -2, 8] }, 8],
  range: [{ values: [3, -2, 8] }, 10],
  iqr: [{ values: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 4],
  mad: [{ values: [1, 1, 2, 2, 4, 6, 9] }, 1],
  mode: [{ values: [1, 2, 2, 3] }, 2],
  variance: [{ values: [2, 4, 4, 4, 5, 5, 7, 9], sample: false }, 4],
  std: [{ values: [2, 4, 4, 4, 5, 5, 7, 9], sample: false }, 2],
  quantile: [{ values: [1, 2, 3, 4, 5], p: 0.25 }, 2],
  percentile: [{ values: [1, 2, 3, 4, 5], p: 90 }, 4.6],
  geometricMean: [{ values: [2, 8] }, 4],
  harmonicMean: [{ values: [1, 4, 4] }, 2],
  correlation: [{ x: [1, 2, 3, 4], y: [2, 4, 6, 8] }, 1],
  covariance: [{ x: [1, 2, 3], y: [1, 2, 3] }, 1],
  linearRegression: [{ x: [0, 1, 2], y: [1, 3, 5] }, { slope: 2, intercept: 1, r2: 1 }],
  zscores: [{ values: [2, 4, 4, 4, 5, 5, 7, 9] }, [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]],
  cumsum: [{ values: [1, 2, 3] }, [1, 3, 6]],
  sort: [{ values: [3, 1, 2], order: 'desc' }, [3, 2, 1]],
  // constants
  pi: [{}, Math.PI],
  e: [{}, Math.E],
  phi: [{}, near(1.618033988749895)],
  tau: [{}, 2 * Math.PI],
  sqrt2: [{}, Math.SQRT2],
  ln2: [{}, Math.LN2],
  ln10: [{}, Math.LN10],
  c: [{}, 299792458],
  g: [{}, 9.80665],
  gravitationalConstant: [{}, 6.6743e-11],
  planck: [{}, 6.62607015e-34],
  avogadro: [{}, 6.02214076e23],
  boltzmann: [{}, 1.380649e-23],
  elementaryCharge: [{}, 1.602176634e-19],
  gasConstant: [{}, 8.314462618],
  constant: [{ name: 'Phi' }, near(1.618033988749895)],
  // algebra
  evaluate: [{ expression: '2x^2 + y', variables: { x: 3, y: '1' } }, 19],
  simplify: [{ expression: '2x + 3x' }, '5 * x'],
  expand: [{ expression: '(x+1)^2' }, (r: string) => expect(r.replace(/\s/g, '')).toMatch(/^(1\+2\*x\+x\^2|x\^2\+2\*x\+1)$/)],
  factor: [{ expression: 'x^2 - 5x + 6' }, (r: string) => expect(r.replace(/\s/g, '')).toBe('(-2+x)*(-3+x)')],
  substitute: [{ expression: 'x^2 + y', values: { x: 3, y: 'z' } }, 'z + 9'],
  toLatex: [{ expression: 'sqrt(x)/2' }, '\\frac{\\sqrt{ x}}{2}'],
  solveLinear: [{ a: 2, b: -8 }, 4],
  solveQuadratic: [{ a: 1, b: 2, c: 5 }, ['-1 - 2i', '-1 + 2i']],
  polynomialRoots: [{ coefficients: [1, -6, 11, -6] }, [1, 2, 3]],
  solve: [{ equation: 'x^2 = 9' }, [-3, 3]],
  // matrices
  matrixAdd: [{ a: [[1, 2]], b: [[3, 4]] }, [[4, 6]]],
  matrixSubtract: [{ a: [[5, 5]], b: [[3, 4]] }, [[2, 1]]],
  matrixMultiply: [{ a: [[1, 2], [3, 4]], b: [[5], [6]] }, [[17], [39]]],
  matrixScale: [{ a: [[1, -2]], factor: 3 }, [[3, -6]]],
  transpose: [{ a: [[1, 2, 3], [4, 5, 6]] }, [[1, 4], [2, 5], [3, 6]]],
  determinant: [{ a: [[1, 2], [3, 4]] }, -2],
  inverse: [{ a: [[1, 2], [3, 4]] }, [[-2, 1], [1.5, -0.5]]],
  identity: [{ n: 2 }, [[1, 0], [0, 1]]],
  trace: [{ a: [[1, 2], [3, 4]] }, 5],
  rank: [{ a: [[1, 2, 3], [2, 4, 6], [1, 0, 1]] }, 2],
  eigenvalues: [{ a: [[2, 1], [1, 2]] }, [1, 3]],
  solveSystem: [{ a: [[2, 1], [1, 3]], b: [3, 5] }, [0.8, 1.4]],
  dot: [{ a: [1, 2, 3], b: [4, 5, 6] }, 32],
  cross: [{ a: [1, 0, 0], b: [0, 1, 0] }, [0, 0, 1]],
  norm: [{ a: [3, 4, 12] }, 13],
  // calculus
  derivative: [{ expression: 'x^3 + 2x' }, '3 * x ^ 2 + 2'],
  integrate: [{ expression: 'x^2', from: 0, to: 3 }, 9],
  limit: [{ expression: 'sin(x)/x', to: 0 }, 1],
  series: [{ expression: '1/2^n', from: 0 }, 2],
  taylor: [{ expression: 'sin(x)', order: 5 }, (r: { polynomial: string }) => expect(r.polynomial).toBe('x - x^3 / 6 + x^5 / 120')],
};

describe('math tools', () => {
  test('there are at least 80, each with a one-line doc and a params schema, ids unique', () => {
    expect(MATH_TOOLS.length).toBeGreaterThanOrEqual(80);
    const ids = MATH_TOOLS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of MATH_TOOLS) {
      expect(t.id).toMatch(/^math\.[a-zA-Z0-9]+$/);
      expect(t.doc).not.toMatch(/\n/);
      expect(t.doc.length).toBeGreaterThan(2);
      expect(typeof t.params.safeParse).toBe('function');
      expect(t.service).toBeUndefined();
    }
  });

  test('every tool has a sample below', () => {
    const missing = MATH_TOOLS.map((t) => t.id.slice('math.'.length)).filter((id) => !(id in SAMPLES));
    expect(missing).toEqual([]);
  });

  for (const [name, [params, want]] of Object.entries(SAMPLES)) {
    test(`math.${name} ${JSON.stringify(params)}`, async () => {
      const got = await math(`math.${name}`, params);
      if (typeof want === 'function') (want as (r: unknown) => void)(got);
      else expect(got).toEqual(want);
      // Results are plain JSON: they survive a round trip unchanged.
      expect(JSON.parse(JSON.stringify(got))).toEqual(got);
    });
  }
});
