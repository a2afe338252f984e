import type { z } from 'zod';
import type { Capability } from './sandbox/capabilities.js';
import type { Process } from './proc/table.js';
import type { Resolved } from './vfs/vfs.js';
import type { Kernel } from './kernel.js';
import { builtOnFirstRead } from '../util/built-on-first-read.js';

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
  /**
   * For targets that take work to make canonical (a program found on PATH, a host name
   * resolved to its addresses): makes the value the handler will use, checking it on the
   * way by that capability's own rules. The door calls it once; the handler reads the
   * value from `ctx.checked[cap]` and never recomputes it.
   */
  check?: (kernel: Kernel, proc: Process, args: A) => Promise<unknown>;
}

export interface SyscallContext {
  kernel: Kernel;
  proc: Process;
  /** Canonical paths after the check, by argument name. Handlers use only these. */
  paths: Record<string, Resolved>;
  /** Checked scope values (host, port, command), by capability. */
  targets: Partial<Record<Capability, string>>;
  /** What the specs' `check` functions made, by capability (a launch, pinned addresses). */
  checked: Partial<Record<Capability, unknown>>;
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

/** An entry as written in a category file: `args` may be a function building the schema. */
export interface SyscallSpec<S extends z.ZodObject = z.ZodObject, R = unknown> extends Omit<SyscallDef<S, R>, 'args'> {
  args: S | (() => S);
}

/**
 * With `args: () => z.object(...)` the schema is built the first time something reads
 * `def.args`: zod schemas cost tens of microseconds each, and a one-shot
 * `agentos syscall time.now` should not build the other hundred syscalls' schemas.
 */
export function defineSyscall<S extends z.ZodObject, R>(spec: SyscallSpec<S, R>): SyscallDef<S, R> {
  const { args } = spec;
  if (typeof args !== 'function') return spec as SyscallDef<S, R>;
  return builtOnFirstRead(spec as SyscallDef<S, R>, 'args', args);
}

/** Syscall names are `category.verb`. */
export const categoryOf = (name: string) => name.slice(0, name.indexOf('.'));
