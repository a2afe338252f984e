import type { SyscallDef } from '../syscall.js';
import { fdSyscalls } from './fd.js';
import { fsSyscalls } from './fs.js';
import { netSyscalls } from './net.js';
import { pipeSyscalls } from './pipe.js';
import { queueSyscalls } from './queue.js';
import { sandboxSyscalls } from './sandbox.js';
import { procSyscalls } from './proc.js';
import { ptySyscalls } from './pty.js';
import { signalSyscalls } from './signal.js';
import { schedSyscalls } from './sched.js';
import { memSyscalls } from './mem.js';
import { shmSyscalls } from './shm.js';
import { socketSyscalls } from './socket.js';
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
  ...procSyscalls,
  ...ptySyscalls,
  ...signalSyscalls,
  ...schedSyscalls,
  ...memSyscalls,
  ...pipeSyscalls,
  ...shmSyscalls,
  ...queueSyscalls,
  ...fdSyscalls,
  ...socketSyscalls,
  ...netSyscalls,
];
