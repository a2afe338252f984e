import { escapeControls } from '../util/sanitize.js';

/** Errno-style codes: the closed set a syscall may fail with (DESIGN.md). */
export const ERROR_CODES = [
  'EINVAL', 'EACCES', 'EPERM', 'ENOENT', 'EEXIST', 'EISDIR', 'ENOTDIR', 'ENOTEMPTY',
  'EROFS', 'ENOSPC', 'EAGAIN', 'EPIPE', 'ESRCH', 'ETIMEDOUT', 'ENOMEM', 'ENOSYS',
  'EBADF', 'EBUSY', 'ELOOP', 'EXDEV', 'E2BIG', 'ECONNREFUSED', 'EIO', 'ENAMETOOLONG',
  'EMFILE', 'ENOTCONN', 'EADDRINUSE', 'ECHILD', 'EINTR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN = new Set<string>(ERROR_CODES);

/**
 * The one error type of the kernel. It is data: a code, the syscall it came from,
 * a message a user can act on, and for argument errors the field path.
 */
export class KernelError extends Error {
  override readonly name = 'KernelError';
  /**
   * For a refusal (EACCES, EPERM): the canonical path, host, command, pid or IPC object
   * refused, set where the check was made, so metrics and `agentos top` need not read it
   * back out of the message.
   */
  target?: string;
  constructor(
    readonly code: ErrorCode,
    message: string,
    public syscall?: string,
    readonly path?: (string | number)[],
  ) {
    // Messages quote paths and names callers chose: escaped, they stay one line and draw nothing.
    super(escapeControls(message));
  }

  toJSON() {
    return { code: this.code, syscall: this.syscall, message: this.message, path: this.path };
  }
}

export const isKernelError = (e: unknown): e is KernelError => e instanceof KernelError;

/** A refusal that names what it refused (see `KernelError.target`). */
export function refusal(code: 'EACCES' | 'EPERM', message: string, target: string | undefined): KernelError {
  const err = new KernelError(code, message);
  err.target = target;
  return err;
}

/** Node's fs errors carry errno codes; keep those we know, call the rest EIO. */
export function fromNodeError(err: unknown, where: string): KernelError {
  if (err instanceof KernelError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code && KNOWN.has(code)) return new KernelError(code as ErrorCode, describeCode(code as ErrorCode, where));
  if (code === 'EDQUOT') return new KernelError('ENOSPC', `${where}: disk quota exceeded`);
  if (code === 'ENOTSUP' || code === 'EOPNOTSUPP') return new KernelError('ENOSYS', `${where}: not supported here`);
  const msg = err instanceof Error ? err.message : String(err);
  return new KernelError('EIO', `${where}: ${msg}`);
}

const CODE_TEXT: Partial<Record<ErrorCode, string>> = {
  ENOENT: 'does not exist',
  EEXIST: 'already exists',
  EISDIR: 'is a directory',
  ENOTDIR: 'is not a directory',
  ENOTEMPTY: 'directory is not empty',
  EROFS: 'is on a read-only mount',
  ENOSPC: 'no space left on the device',
  EACCES: 'permission denied',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'name too long',
};

export function describeCode(code: ErrorCode, subject: string): string {
  const text = CODE_TEXT[code];
  return text ? `${subject} ${text}` : `${subject}: ${code}`;
}

/** One line for people: `agentos: fs.read: ENOENT: /home/missing.txt does not exist`. */
export function formatError(err: unknown, prefix = 'agentos'): string {
  if (err instanceof KernelError) {
    const where = err.syscall ? `${err.syscall}: ` : '';
    return `${prefix}: ${where}${err.code}: ${oneLine(err.message)}`;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return `${prefix}: ${oneLine(msg)}`;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
