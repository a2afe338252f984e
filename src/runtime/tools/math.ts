import type { ToolDef } from './types.js';
import { ALGEBRA_TOOLS } from './math/algebra.js';
import { ARITHMETIC_TOOLS } from './math/arithmetic.js';
import { CALCULUS_TOOLS } from './math/calculus.js';
import { CONSTANT_TOOLS } from './math/constants.js';
import { MATRIX_TOOLS } from './math/matrices.js';
import { STATISTICS_TOOLS } from './math/statistics.js';
import { loadMathEngine, mathEngineLoaded } from './math/engine.js';
import { TRIGONOMETRY_TOOLS } from './math/trigonometry.js';

/** A math tool that loads mathjs on its first run (then runs as it is, synchronously when it is). */
const loadingMath = (tool: ToolDef): ToolDef => ({
  ...tool,
  run: (ctx, p) => (mathEngineLoaded() ? tool.run(ctx, p) : loadMathEngine().then(() => tool.run(ctx, p))),
});

/** Every math.* tool: arithmetic, trigonometry, statistics, constants, algebra, matrices, calculus. */
export const MATH_TOOLS: ToolDef[] = [
  ...ARITHMETIC_TOOLS,
  ...TRIGONOMETRY_TOOLS,
  ...STATISTICS_TOOLS,
  ...CONSTANT_TOOLS,
  ...ALGEBRA_TOOLS,
  ...MATRIX_TOOLS,
  ...CALCULUS_TOOLS,
].map(loadingMath);

export { MathError } from './math/errors.js';
/** The restricted expression evaluator, for anything else that evaluates user math (ui.compute, bindings). */
export { evaluateExpression, parseExpression, loadMathEngine } from './math/engine.js';
