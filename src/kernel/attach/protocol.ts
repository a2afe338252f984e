import { z } from 'zod';
import type { Kernel } from '../kernel.js';

/**
 * The control socket speaks JSON lines: one request object per line, one reply per request,
 * matched by `id` (replies may come out of order: a slow call never holds up a fast one).
 *
 *   → {"id":1,"method":"syscall","params":{"name":"fs.read","args":{"path":"/tmp/x"}}}
 *   ← {"id":1,"ok":true,"result":"hi"}
 *   ← {"id":2,"ok":false,"error":{"code":"ENOENT","syscall":"fs.read","message":"/tmp/y does not exist"}}
 *
 * A line that cannot be read as a request gets a reply with `id: null`.
 */

/** Longest request line the server reads; longer ones get E2BIG and are skipped. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Calls one connection may have running at once; more get EAGAIN. */
export const MAX_IN_FLIGHT = 256;

export const RequestId = z.union([z.number().int(), z.string().max(128)]);
export type RequestId = z.infer<typeof RequestId>;

export const Request = z.object({
  id: RequestId,
  method: z.string().min(1).max(128),
  params: z.unknown().optional(),
});
export type Request = z.infer<typeof Request>;

/** A KernelError as data: what crosses the socket, and what the client turns back into one. */
export const WireError = z.object({
  code: z.string(),
  message: z.string(),
  syscall: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type WireError = z.infer<typeof WireError>;

export const Reply = z.union([
  z.object({ id: RequestId, ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ id: RequestId.nullable(), ok: z.literal(false), error: WireError }),
]);
export type Reply = z.infer<typeof Reply>;

/** What a method runs with: the live kernel, and the process one-shot commands act as. */
export interface MethodContext {
  kernel: Kernel;
  pid: number;
}

/** One entry of the method table: like a syscall entry, the table is the truth. */
export interface AttachMethod<S extends z.ZodType = z.ZodType> {
  name: string;
  /** One line: what it does. */
  doc: string;
  params: S;
  run(ctx: MethodContext, params: z.infer<S>): unknown;
}

export function defineMethod<S extends z.ZodType>(m: AttachMethod<S>): AttachMethod<S> {
  return m;
}

export class MethodTable {
  private readonly methods = new Map<string, AttachMethod>();

  constructor(private readonly parent?: MethodTable) {}

  /** Add a method; a name is taken once, here or in the parent table. */
  register<S extends z.ZodType>(m: AttachMethod<S>): void {
    if (this.get(m.name)) throw new Error(`attach method "${m.name}" is already registered`);
    this.methods.set(m.name, m as unknown as AttachMethod);
  }

  get(name: string): AttachMethod | undefined {
    return this.methods.get(name) ?? this.parent?.get(name);
  }

  list(): AttachMethod[] {
    return [...(this.parent?.list() ?? []), ...this.methods.values()];
  }
}

/**
 * Methods every control socket of this process answers. Layers above the kernel add theirs
 * here (the runtime: apps.launch, app_state, send_event); a method bound to one server's
 * objects goes to that server's `registerMethod` instead.
 */
export const methods = new MethodTable();

export function registerMethod<S extends z.ZodType>(m: AttachMethod<S>): void {
  methods.register(m);
}
