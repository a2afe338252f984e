import type { ToolDef } from './types.js';
import { ALGEBRA_TOOLS } from './math/algebra.js';
import { ARITHMETIC_TOOLS } from './math/arithmetic.js';
import { CALCULUS_TOOLS } from './math/calculus.js';
import { CONSTANT_TOOLS } from './math/constants.js';
import { MATRIX_TOOLS } from './math/matrices.js';
import { STATISTICS_TOOLS } from './math/statistics.js';
import { TRIGONOMETRY_TOOLS } from './math/trigonometry.js';

/** Every math.* tool: arithmetic, trigonometry, statistics, constants, algebra, matrices, calculus. */
export const MATH_TOOLS: ToolDef[] = [
  ...ARITHMETIC_TOOLS,
  ...TRIGONOMETRY_TOOLS,
  ...STATISTICS_TOOLS,
  ...CONSTANT_TOOLS,
  ...ALGEBRA_TOOLS,
  ...MATRIX_TOOLS,
  ...CALCULUS_TOOLS,
];

export { MathError } from './math/errors.js';
/** The restricted expression evaluator, for anything else that evaluates user math (ui.compute, bindings). */
export { evaluateExpression, parseExpression } from './math/engine.js';
