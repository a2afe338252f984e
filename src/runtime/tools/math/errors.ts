import type { ErrorCode } from '../../../kernel/errors.js';

/**
 * A math tool's failure, worded for the person using the app: the message starts with the
 * tool id (`math.divide: division by zero`), so it reads well wherever the runtime shows it.
 */
export class MathError extends Error {
  override readonly name = 'MathError';
  constructor(
    readonly tool: string,
    readonly reason: string,
    readonly code: ErrorCode = 'EINVAL',
  ) {
    super(`${tool}: ${reason}`);
  }
}

export function fail(tool: string, reason: string, code?: ErrorCode): never {
  throw new MathError(tool, reason, code);
}

/** What JSON can carry: NaN and Infinity become errors that say what happened. */
export function finite(tool: string, value: number): number {
  if (Number.isNaN(value)) fail(tool, 'the result is not a real number');
  if (!Number.isFinite(value)) fail(tool, `the result is too large to represent (${value > 0 ? '+' : '-'}Infinity)`);
  return tidy(value);
}

/**
 * Round away binary noise (0.1 + 0.2 gives 0.3, not 0.30000000000000004) and -0; a
 * calculator shows 15 significant digits, which is all a double holds reliably.
 */
export function tidy(value: number): number {
  if (Object.is(value, -0)) return 0;
  if (Number.isInteger(value) || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(15));
}
