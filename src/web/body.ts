import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { HttpError } from './errors.js';

/** The request body, at most `limit` bytes: 413 as soon as it is known to be longer. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        parts.length = 0;
        reject(tooLarge(limit));
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => !over && resolve(Buffer.concat(parts)));
    req.on('error', (e) => !over && reject(new HttpError(400, 'EIO', `the request body could not be read: ${e.message}`)));
  });
}

const tooLarge = (limit: number) => new HttpError(413, 'E2BIG', `the request body is over ${limit} bytes`, { Connection: 'close' });

/** JSON text checked against a route's schema; a clear 400 for either failure. */
export function parseJsonBody<S extends z.ZodType>(buf: Buffer, schema: S): z.infer<S> {
  let value: unknown = undefined;
  const text = buf.toString('utf8');
  if (text.trim()) {
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new HttpError(400, 'EINVAL', `the body is not valid JSON (${(e as Error).message})`);
    }
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const field = i.path.map(String).join('.');
    const missing = i.code === 'invalid_type' && value === undefined;
    throw new HttpError(400, 'EINVAL', missing ? 'this request needs a JSON body' : `${field ? `${field}: ` : 'body: '}${i.message.replace(/^Invalid input: /, '')}`);
  }
  return r.data;
}
