import { z } from 'zod';

/** Apps often hold numbers as text (a display, an input): "12", "-3.5", "1e3" are numbers too. */
const NUMERIC = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?\s*$/i;

export const num = z.union([z.number(), z.string().regex(NUMERIC, 'expected a number').transform(Number)]);
export const int = num.pipe(z.number().int('expected a whole number'));

/** A list of numbers, as an array or as text like "1, 2, 3" from an input field. */
export const numberList = z.union([
  z.array(num).max(1_000_000),
  z.string().transform((text, ctx) => {
    const parts = text.split(/[\s,;]+/).filter(Boolean);
    const bad = parts.find((p) => !NUMERIC.test(p));
    if (bad !== undefined) {
      ctx.issues.push({ code: 'custom', message: `"${bad}" is not a number`, input: text });
      return z.NEVER;
    }
    return parts.map(Number);
  }),
]);
export const values = numberList.pipe(z.array(z.number()).min(1, 'give at least one number')).describe('the numbers, as an array or "1, 2, 3"');

export const expression = z.string().min(1, 'the expression is empty').max(2000, 'the expression is longer than 2000 characters');
export const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable is a name like x or t');
export const variable = variableName.default('x').describe('the variable (x by default)');

/** Named values for an expression's variables. */
export const variables = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable is a name like x or t'), z.union([num, z.array(num).max(100_000)]))
  .default({})
  .describe('values of the variables, e.g. {"x": 2}');

/** A bound may be a number or an expression: 0, "pi/2", "Infinity", "-inf". */
export const bound = z.union([num, z.string().min(1).max(200)]);

export const angleUnit = z.enum(['rad', 'deg']).default('rad').describe('rad (default) or deg');

const MAX_SIDE = 100;
export const matrix = z
  .array(z.array(num).min(1).max(MAX_SIDE))
  .min(1)
  .max(MAX_SIDE)
  .refine((rows) => rows.every((r) => r.length === rows[0]!.length), 'every row of a matrix needs the same length')
  .describe(`a matrix: an array of rows (at most ${MAX_SIDE}×${MAX_SIDE})`);
export const vector = z.array(num).min(1).max(100_000).describe('a vector: an array of numbers');
