import type { ErrorCode } from '../../kernel/errors.js';

/**
 * A service tool's own failure (a duplicate user, an expired token, a value too large),
 * its message starting with the tool id. Failures of the syscalls underneath stay
 * KernelErrors: they already name the syscall, the code and the path.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly tool: string,
    readonly code: ErrorCode,
    readonly reason: string,
  ) {
    super(`${tool}: ${reason}`);
  }
}
