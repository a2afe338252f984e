import { isKernelError } from '../../kernel/errors.js';
import type { ToolContext } from '../tools/types.js';
import { ServiceError } from './errors.js';

/** Where the services keep their data, inside the user's data dir. */
export const SERVICE_DIR = '/home/.agentos';

const queues = new Map<string, Promise<unknown>>();

/**
 * Run read-modify-write steps on one file one after another: two tool runs of the same
 * app may interleave their awaits, and the second must see the first one's write.
 */
export function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

/** Whatever makes the syscalls of a service's file access. */
export type Io = Pick<ToolContext, 'syscall'>;

/**
 * The syscalls of service tool `tool` on its private data: made by the service's process
 * when the runtime provides one (the app's own grants never reach /home/.agentos), else
 * by the caller's (a bare tool context outside a runtime).
 */
export function privateIo(ctx: ToolContext, tool: string): Io {
  const viaService = ctx.serviceSyscall?.bind(ctx);
  if (!viaService) return ctx;
  return { syscall: <R = unknown>(name: string, args?: Record<string, unknown>) => viaService<R>(tool, name, args) };
}

/** A JSON object file as a Map (never a plain object: keys like "__proto__" stay data). */
export async function readJsonMap<V>(ctx: Io, tool: string, path: string): Promise<Map<string, V>> {
  let text: string;
  try {
    text = await ctx.syscall<string>('fs.read', { path });
  } catch (e) {
    if (isKernelError(e) && e.code === 'ENOENT') return new Map();
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  // Never overwrite a damaged file silently: what it held may still be recoverable by hand.
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ServiceError(tool, 'EIO', `${path} is damaged (not a JSON object); fix or remove it`);
  return new Map(Object.entries(data as Record<string, V>));
}

/** Write a Map as a JSON object (atomically: fs.write on /home replaces the file in one step). */
export async function writeJsonMap<V>(ctx: Io, path: string, map: Map<string, V>): Promise<void> {
  const content = JSON.stringify(Object.fromEntries(map), null, 1);
  try {
    await ctx.syscall('fs.write', { path, content });
  } catch (e) {
    if (!(isKernelError(e) && e.code === 'ENOENT')) throw e;
    await ctx.syscall('fs.mkdir', { path: path.slice(0, path.lastIndexOf('/')), recursive: true });
    await ctx.syscall('fs.write', { path, content });
  }
}

/** A file name for any app id: letters, digits, _ and - kept, everything else escaped (so no ".."). */
export function fileNameFor(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9_-]/g, (c) => `~${c.codePointAt(0)!.toString(16)}~`);
  return safe || '~empty~';
}
