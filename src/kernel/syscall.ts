import type { z } from 'zod';
import type { Capability } from './sandbox/capabilities.js';
import type { Process } from './proc/table.js';
import type { Resolved } from './vfs/vfs.js';
import type { Kernel } from './kernel.js';

/**
 * What a syscall needs before it may run. With `path`, the argument of that name is
 * resolved to a canonical VFS path first and the check is made on that; with `target`,
 * the scope value (host, port, command) is computed from the arguments.
 */
export interface CapSpec<A = any> {
  cap: Capability;
  path?: string;
  /** Resolve the last component's symlink (false for lstat, readlink, unlink, symlink). */
  follow?: boolean;
  target?: (args: A) => string | undefined;
}

export interface SyscallContext {
  kernel: Kernel;
  proc: Process;
  /** Canonical paths after the check, by argument name. Handlers use only these. */
  paths: Record<string, Resolved>;
  /** Checked scope values (host, port, command), by capability. */
  targets: Partial<Record<Capability, string>>;
  read(bytes: number): void;
  wrote(bytes: number): void;
}

/** One entry of the syscall table. Everything else (dispatch, --list, docs, APIs) reads these. */
export interface SyscallDef<S extends z.ZodObject = z.ZodObject, R = unknown> {
  name: string;
  /** One line: what it does. */
  doc: string;
  args: S;
  caps: CapSpec<z.infer<S>>[] | ((args: z.infer<S>) => CapSpec<z.infer<S>>[]);
  /** One line: what it returns. */
  returns?: string;
  run(ctx: SyscallContext, args: z.infer<S>): R | Promise<R>;
}

export function defineSyscall<S extends z.ZodObject, R>(def: SyscallDef<S, R>): SyscallDef<S, R> {
  return def;
}

/** Syscall names are `category.verb`. */
export const categoryOf = (name: string) => name.slice(0, name.indexOf('.'));
