import { z } from 'zod';

/** Argument shapes shared by the IPC, fd and socket syscalls. */
export const MAX_DATA = 64 * 1024 * 1024;

export const ENCODINGS = ['utf8', 'base64', 'hex'] as const;
export type DataEncoding = (typeof ENCODINGS)[number];

export const encodingArg = z.enum(ENCODINGS).default('utf8').describe('how data is given and returned: utf8 text, base64 or hex');
export const dataArg = z.string().max(MAX_DATA).describe('the bytes to send, as text (or base64/hex with encoding)');
export const idArg = (kind: string) => z.number().int().min(1).describe(`the ${kind} id`);
export const pidArg = (what: string) => z.number().int().min(1).describe(what);
export const timeoutArg = (dflt: number, what: string) => z.number().int().min(0).max(3_600_000).default(dflt).describe(`${what}, in ms (0: do not wait; EAGAIN if it would)`);

export const decode = (text: string, enc: DataEncoding) => Buffer.from(text, enc);
