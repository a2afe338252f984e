import { KernelError, type ErrorCode } from '../errors.js';

/** Node's network error codes, as kernel codes and words a user understands. */
const CODES: Record<string, [ErrorCode, string]> = {
  ECONNREFUSED: ['ECONNREFUSED', 'connection refused (nothing listens there)'],
  ECONNRESET: ['EPIPE', 'connection reset by the peer'],
  EPIPE: ['EPIPE', 'the connection is closed'],
  ERR_STREAM_DESTROYED: ['EPIPE', 'the connection is closed'],
  ERR_STREAM_WRITE_AFTER_END: ['EPIPE', 'the connection is closed for writing'],
  EADDRINUSE: ['EADDRINUSE', 'address already in use'],
  EADDRNOTAVAIL: ['EINVAL', 'that address is not on this machine'],
  EACCES: ['EACCES', 'the host refused (ports below 1024 need privileges)'],
  ETIMEDOUT: ['ETIMEDOUT', 'timed out'],
  ENOTFOUND: ['ENOENT', 'host not found'],
  EAI_AGAIN: ['EAGAIN', 'the name lookup failed for now'],
  ENODATA: ['ENOENT', 'no such record'],
  EHOSTUNREACH: ['ECONNREFUSED', 'host unreachable'],
  ENETUNREACH: ['ECONNREFUSED', 'network unreachable'],
  UND_ERR_CONNECT_TIMEOUT: ['ETIMEDOUT', 'connecting timed out'],
  UND_ERR_HEADERS_TIMEOUT: ['ETIMEDOUT', 'no response headers in time'],
  UND_ERR_SOCKET: ['EPIPE', 'the connection closed unexpectedly'],
};

export function netError(err: unknown, what: string): KernelError {
  if (err instanceof KernelError) return err;
  const e = err as { code?: string; name?: string; message?: string; cause?: unknown };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return new KernelError('ETIMEDOUT', `${what}: timed out`);
  const code = e?.code;
  if (code && Object.hasOwn(CODES, code)) {
    const [k, text] = CODES[code]!;
    return new KernelError(k, `${what}: ${text}`);
  }
  // fetch wraps the socket's error: the real reason is its cause.
  if (e?.cause) return netError(e.cause, what);
  return new KernelError('EIO', `${what}: ${e?.message ?? String(err)}`);
}
