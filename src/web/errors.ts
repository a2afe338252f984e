import { KernelError, type ErrorCode } from '../kernel/errors.js';

/**
 * An HTTP failure that carries its own response (status, errno-style code, one line a user
 * can act on), like Hono's HTTPException. Kernel errors map to a status by their code.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  EINVAL: 400,
  E2BIG: 413,
  EACCES: 403,
  EPERM: 403,
  ENOENT: 404,
  ESRCH: 404,
  EEXIST: 409,
  ENOTEMPTY: 409,
  EBUSY: 409,
  EISDIR: 400,
  ENOTDIR: 400,
  EROFS: 403,
  EAGAIN: 429,
  ENOSYS: 501,
  ETIMEDOUT: 504,
  ENOSPC: 507,
  ENOMEM: 507,
};

/** Any thrown value as status + body. Unknown errors become a 500 without their stack. */
export function errorResponse(e: unknown): { status: number; headers: Record<string, string>; body: { error: { code: string; message: string; syscall?: string; path?: (string | number)[] } } } {
  if (e instanceof HttpError) return { status: e.status, headers: e.headers, body: { error: { code: e.code, message: e.message } } };
  if (e instanceof KernelError) {
    return { status: STATUS_OF[e.code] ?? 500, headers: {}, body: { error: { code: e.code, message: e.message, syscall: e.syscall, path: e.path } } };
  }
  const name = (e as { name?: string })?.name;
  // Generation errors (src/ai GenError) are the provider's or the prompt's fault, not ours.
  if (name === 'GenError') {
    const code = (e as { code?: string }).code ?? 'provider';
    return { status: code === 'config' ? 400 : code === 'rate_limited' ? 429 : 502, headers: {}, body: { error: { code, message: (e as Error).message } } };
  }
  if (name === 'BlueprintError') return { status: 400, headers: {}, body: { error: { code: 'EINVAL', message: (e as Error).message } } };
  return { status: 500, headers: {}, body: { error: { code: 'EIO', message: e instanceof Error ? e.message.split('\n')[0]! : String(e) } } };
}
