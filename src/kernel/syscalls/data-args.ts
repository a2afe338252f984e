import { z } from 'zod';
import { KernelError } from '../errors.js';

/** Argument shapes shared by the IPC, fd and socket syscalls. */
export const MAX_DATA = 64 * 1024 * 1024;

export const ENCODINGS = ['utf8', 'base64', 'hex', 'buffer'] as const;
export type DataEncoding = (typeof ENCODINGS)[number];

export const encodingArg = z
  .enum(ENCODINGS)
  .default('utf8')
  .describe('how data is given and returned: utf8 text, base64 or hex; buffer (in-process callers) returns a Buffer');

/**
 * Bytes as they are, for callers in this process (apps, services, the runtime): no text
 * conversion either way. JSON cannot carry them, so their JSON Schema matches nothing and
 * HTTP, MCP and the CLI see a string argument only.
 */
const bytes = z
  .instanceof(Uint8Array)
  .refine((b) => b.length <= MAX_DATA, `at most ${MAX_DATA} bytes`)
  .meta({ title: 'bytes', $comment: 'a Uint8Array, from in-process callers only', not: {} });

export const dataArg = z
  .union([z.string().max(MAX_DATA), bytes], { error: (i) => (i.code === 'invalid_union' ? 'expected text (a string) or bytes (a Uint8Array)' : undefined) })
  .describe('the bytes to send, as text (or base64/hex with encoding); in-process callers may pass a Uint8Array');

export const idArg = (kind: string) => z.number().int().min(1).describe(`the ${kind} id`);
export const pidArg = (what: string) => z.number().int().min(1).describe(what);
export const timeoutArg = (dflt: number, what: string) => z.number().int().min(0).max(3_600_000).default(dflt).describe(`${what}, in ms (0: do not wait; EAGAIN if it would)`);

/**
 * The bytes a caller gave. Text is decoded; a Uint8Array is copied once, so the caller may
 * reuse its buffer as soon as the call returns (as with write(2)).
 */
export function decode(data: string | Uint8Array, enc: DataEncoding): Buffer {
  if (typeof data !== 'string') return copyOf(data);
  if (enc === 'buffer') throw new KernelError('EINVAL', 'encoding "buffer" takes data as bytes (a Uint8Array), not text; use utf8, base64 or hex for text');
  return Buffer.from(data, enc);
}

/**
 * Bytes to return: text in the caller's encoding, or for `buffer` the Buffer itself when
 * the kernel has let go of it (drained from a pipe or socket), a copy when it still holds
 * it (a file's contents), so the caller can never write through a read.
 */
export function encode(buf: Buffer, enc: DataEncoding, kernelHeld = false): string | Buffer {
  if (enc !== 'buffer') return buf.toString(enc);
  return kernelHeld ? copyOf(buf) : buf;
}

/**
 * A copy into memory that is not zeroed first (it is overwritten at once), by Buffer's
 * native copy (a memcpy): several times faster than Buffer.copyBytesFrom or TypedArray set.
 */
function copyOf(data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(data.byteLength);
  (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)).copy(out);
  return out;
}
