import type { SyscallDef } from '../syscall.js';
import { fsSyscalls } from './fs.js';
import { sandboxSyscalls } from './sandbox.js';
import { sysSyscalls } from './sys.js';
import { timeSyscalls } from './time.js';

/**
 * The syscall table: every category file's entries, in the order `--list` and the docs
 * show them. Add a category by adding its file here; nothing else needs to change.
 */
export const SYSCALLS: readonly SyscallDef<any, any>[] = [
  ...fsSyscalls,
  ...sysSyscalls,
  ...timeSyscalls,
  ...sandboxSyscalls,
];
