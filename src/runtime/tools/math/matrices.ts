import { z } from 'zod';
import { defineTool, type ToolDef } from '../types.js';
import { fail, finite, tidy } from './errors.js';
import { math, toPlain } from './engine.js';
import { int, matrix, num, vector } from './schemas.js';

type Matrix = number[][];
const size = (m: Matrix) => `${m.length}×${m[0]!.length}`;
const tidyAll = (m: Matrix) => m.map((row) => row.map((v) => (Math.abs(v) < 1e-13 ? 0 : tidy(v))));

function square(tool: string, m: Matrix) {
  if (m.length !== m[0]!.length) fail(tool, `needs a square matrix, got ${size(m)}`);
}
function sameSize(tool: string, a: Matrix, b: Matrix) {
  if (a.length !== b.length || a[0]!.length !== b[0]!.length) fail(tool, `the matrices differ in size (${size(a)} and ${size(b)})`);
}
function checked(tool: string, m: Matrix): Matrix {
  for (const row of m) for (const v of row) finite(tool, v);
  return tidyAll(m);
}

/** Rank by Gaussian elimination with partial pivoting and a tolerance scaled to the entries. */
function rank(m: Matrix): number {
  const a = m.map((r) => [...r]);
  const rows = a.length;
  const cols = a[0]!.length;
  const tol = 1e-10 * Math.max(1, ...a.flat().map(Math.abs));
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let pivot = r;
    for (let i = r + 1; i < rows; i++) if (Math.abs(a[i]![c]!) > Math.abs(a[pivot]![c]!)) pivot = i;
    if (Math.abs(a[pivot]![c]!) <= tol) continue;
    [a[r], a[pivot]] = [a[pivot]!, a[r]!];
    for (let i = r + 1; i < rows; i++) {
      const f = a[i]![c]! / a[r]![c]!;
      for (let j = c; j < cols; j++) a[i]![j]! -= f * a[r]![j]!;
    }
    r++;
  }
  return r;
}

/** √(Σ v²), scaled so huge or tiny entries neither overflow nor vanish. */
export function euclid(xs: number[]): number {
  const top = xs.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (top === 0 || !Number.isFinite(top)) return top;
  return top * Math.sqrt(xs.reduce((s, v) => s + (v / top) ** 2, 0));
}

const singular = (tool: string, e: unknown): never =>
  fail(tool, /determinant is zero|singular/i.test(String((e as Error)?.message)) ? 'the matrix is singular (its determinant is 0)' : String((e as Error)?.message ?? e));

const A = matrix.describe('the matrix: an array of rows');
const B = matrix.describe('the second matrix');

export const MATRIX_TOOLS: ToolDef[] = [
  defineTool({
    id: 'math.matrixAdd',
    doc: 'The sum of two matrices of the same size.',
    params: () => z.object({ a: A, b: B }),
    run(_ctx, p) {
      sameSize('math.matrixAdd', p.a, p.b);
      return checked('math.matrixAdd', p.a.map((row, i) => row.map((v, j) => v + p.b[i]![j]!)));
    },
  }),
  defineTool({
    id: 'math.matrixSubtract',
    doc: 'The difference a − b of two matrices of the same size.',
    params: () => z.object({ a: A, b: B }),
    run(_ctx, p) {
      sameSize('math.matrixSubtract', p.a, p.b);
      return checked('math.matrixSubtract', p.a.map((row, i) => row.map((v, j) => v - p.b[i]![j]!)));
    },
  }),
  defineTool({
    id: 'math.matrixMultiply',
    doc: 'The matrix product a × b (columns of a = rows of b).',
    params: () => z.object({ a: A, b: B }),
    run(_ctx, p) {
      if (p.a[0]!.length !== p.b.length) fail('math.matrixMultiply', `cannot multiply ${size(p.a)} by ${size(p.b)}: the columns of a must match the rows of b`);
      return checked('math.matrixMultiply', math.multiply(p.a, p.b) as Matrix);
    },
  }),
  defineTool({
    id: 'math.matrixScale',
    doc: 'Every entry of a matrix multiplied by a number.',
    params: () => z.object({ a: A, factor: num.describe('the number to multiply by') }),
    run: (_ctx, p) => checked('math.matrixScale', p.a.map((row) => row.map((v) => v * p.factor))),
  }),
  defineTool({
    id: 'math.transpose',
    doc: 'The transpose: rows become columns.',
    params: () => z.object({ a: A }),
    run: (_ctx, p) => p.a[0]!.map((_, j) => p.a.map((row) => row[j]!)),
  }),
  defineTool({
    id: 'math.determinant',
    doc: 'The determinant of a square matrix.',
    params: () => z.object({ a: A }),
    run(_ctx, p) {
      square('math.determinant', p.a);
      return finite('math.determinant', math.det(p.a));
    },
  }),
  defineTool({
    id: 'math.inverse',
    doc: 'The inverse of a square matrix.',
    params: () => z.object({ a: A }),
    run(_ctx, p) {
      square('math.inverse', p.a);
      if (rank(p.a) < p.a.length) fail('math.inverse', 'the matrix is singular (its determinant is 0): it has no inverse');
      try {
        return checked('math.inverse', math.inv(p.a) as Matrix);
      } catch (e) {
        return singular('math.inverse', e);
      }
    },
  }),
  defineTool({
    id: 'math.identity',
    doc: 'The n×n identity matrix.',
    params: () => z.object({ n: int.pipe(z.number().min(1).max(100)).describe('the size, 1–100') }),
    run: (_ctx, p) => Array.from({ length: p.n }, (_, i) => Array.from({ length: p.n }, (_, j) => (i === j ? 1 : 0))),
  }),
  defineTool({
    id: 'math.trace',
    doc: 'The sum of the diagonal of a square matrix.',
    params: () => z.object({ a: A }),
    run(_ctx, p) {
      square('math.trace', p.a);
      return finite('math.trace', p.a.reduce((s, row, i) => s + row[i]!, 0));
    },
  }),
  defineTool({
    id: 'math.rank',
    doc: 'The rank: how many rows are linearly independent.',
    params: () => z.object({ a: A }),
    run: (_ctx, p) => rank(p.a),
  }),
  defineTool({
    id: 'math.eigenvalues',
    doc: 'The eigenvalues of a square matrix (complex ones as text like "1 + 2i").',
    params: () => z.object({ a: A }),
    run(_ctx, p) {
      square('math.eigenvalues', p.a);
      try {
        const values = toPlain('math.eigenvalues', math.eigs(p.a).values) as (number | string)[];
        return [...values.filter((v) => typeof v === 'number').sort((x, y) => (x as number) - (y as number)), ...values.filter((v) => typeof v !== 'number')];
      } catch (e) {
        return fail('math.eigenvalues', `could not compute the eigenvalues: ${(e as Error).message}`);
      }
    },
  }),
  defineTool({
    id: 'math.solveSystem',
    doc: 'Solve the linear system a·x = b for the vector x.',
    params: () => z.object({ a: A.describe('the coefficients: one row per equation'), b: vector.describe('the right-hand sides') }),
    run(_ctx, p) {
      square('math.solveSystem', p.a);
      if (p.b.length !== p.a.length) fail('math.solveSystem', `b needs ${p.a.length} values, one per equation (got ${p.b.length})`);
      if (rank(p.a) < p.a.length) fail('math.solveSystem', 'the system has no unique solution (the matrix is singular)');
      try {
        return (math.lusolve(p.a, p.b) as Matrix).map((row) => finite('math.solveSystem', Math.abs(row[0]!) < 1e-13 ? 0 : row[0]!));
      } catch (e) {
        return singular('math.solveSystem', e);
      }
    },
  }),
  defineTool({
    id: 'math.dot',
    doc: 'The dot product of two vectors of the same length.',
    params: () => z.object({ a: vector, b: vector }),
    run(_ctx, p) {
      if (p.a.length !== p.b.length) fail('math.dot', `the vectors differ in length (${p.a.length} and ${p.b.length})`);
      return finite('math.dot', p.a.reduce((s, v, i) => s + v * p.b[i]!, 0));
    },
  }),
  defineTool({
    id: 'math.cross',
    doc: 'The cross product of two 3-vectors.',
    params: () => z.object({ a: vector, b: vector }),
    run(_ctx, p) {
      if (p.a.length !== 3 || p.b.length !== 3) fail('math.cross', 'the cross product takes two vectors of 3 numbers');
      const [a1, a2, a3] = p.a as [number, number, number];
      const [b1, b2, b3] = p.b as [number, number, number];
      return [a2 * b3 - a3 * b2, a3 * b1 - a1 * b3, a1 * b2 - a2 * b1].map((v) => finite('math.cross', v));
    },
  }),
  defineTool({
    id: 'math.norm',
    doc: 'The length of a vector (Euclidean norm), or the Frobenius norm of a matrix.',
    params: () => z.object({ a: z.union([vector, matrix]).describe('a vector or a matrix') }),
    run: (_ctx, p) => finite('math.norm', euclid((p.a as (number | number[])[]).flat())),
  }),
];
