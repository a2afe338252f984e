import type { Kernel } from '../../kernel/kernel.js';
import type { PtyPort } from './session.js';

/** How long one pty.read waits for output before asking again. */
const READ_WAIT_MS = 30_000;

/** The kernel's pty syscalls, made as `pid` (a terminal window's app process, the pty's parent). */
export function kernelPtyPort(kernel: Kernel, pid: number): PtyPort {
  return {
    spawn: async (cols, rows) => (await kernel.syscall<{ pid: number }>(pid, 'pty.spawn', { cols, rows })).pid,
    write: (p, data) => kernel.syscall(pid, 'pty.write', { pid: p, data }),
    resize: (p, cols, rows) => kernel.syscall(pid, 'pty.resize', { pid: p, cols, rows }),
    read: (p) => kernel.syscall(pid, 'pty.read', { pid: p, max_bytes: 1 << 20, timeout_ms: READ_WAIT_MS }),
    close: (p) => kernel.syscall(pid, 'pty.close', { pid: p }),
    attach: (p, onData) => {
      // The same ownership rule as the pty syscalls: only a pty of this process (or its app).
      const target = kernel.procs.get(p);
      if (!target || (target.ppid !== pid && p !== pid)) throw new Error(`terminal ${p} does not belong to this window`);
      return kernel.ptys.onData(p, onData);
    },
    exitStatus: (p) => {
      const proc = kernel.procs.get(p);
      if (!proc) return { code: null };
      return proc.state === 'zombie' || proc.state === 'terminated' ? { code: proc.exitCode ?? null } : undefined;
    },
  };
}
