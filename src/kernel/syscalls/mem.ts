import { z } from 'zod';
import { KernelError } from '../errors.js';
import { formatBytes } from '../mem/accountant.js';
import { decide } from '../sandbox/policy.js';
import { defineSyscall } from '../syscall.js';
import { pidArg } from './proc.js';

export const memSyscalls = [
  defineSyscall({
    name: 'mem.stats',
    doc: 'Kernel memory: bytes charged to processes by kind, the global limit, pressure (normal, warning, critical), OOM kills, the kernel\'s own heap.',
    args: () => z.object({}),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: '{used_bytes, global_limit_bytes, free_bytes, pressure, by_kind, processes, oom_kills, last_oom, kernel, host}',
    run(ctx) {
      ctx.kernel.mem.sample();
      return ctx.kernel.mem.stats();
    },
  }),
  defineSyscall({
    name: 'mem.proc_stats',
    doc: 'One process\'s memory: charged bytes by kind (RSS for OS children), peak and limit (yours by default).',
    args: () => z.object({ pid: pidArg.optional().describe('another process (needs SYSTEM_INFO)') }),
    caps: (a) => (a.pid ? [{ cap: 'SYSTEM_INFO' }] : []),
    returns: '{pid, name, bytes, peak_bytes, limit_bytes, by_kind}',
    run(ctx, a) {
      const k = ctx.kernel;
      const p = a.pid ? k.procs.require(a.pid) : ctx.proc;
      k.mem.sample();
      return { pid: p.pid, name: p.name, ...k.mem.usage(p.pid) };
    },
  }),
  defineSyscall({
    name: 'mem.gc',
    doc: 'Run the JavaScript garbage collector now, when the host exposes it (node --expose-gc).',
    args: () => z.object({}),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: '{available, heap_before, heap_after, freed} or {available: false, hint}',
    run() {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) return { available: false, hint: 'start node with --expose-gc to allow this' };
      const before = process.memoryUsage().heapUsed;
      gc();
      const after = process.memoryUsage().heapUsed;
      return { available: true, heap_before: before, heap_after: after, freed: Math.max(0, before - after) };
    },
  }),
  defineSyscall({
    name: 'mem.set_limit',
    doc: 'Cap a process\'s memory: charges past it fail with ENOMEM, and measured use past it (RSS, IPC buffers) gets the process killed. You may lower limits on yourself and set them on your descendants; raising your own or touching others needs KILL_PROCESS. Without pid: the kernel-wide limit (KILL_PROCESS).',
    args: () => z.object({
      pid: pidArg.optional().describe('the process (omit for the kernel-wide limit)'),
      bytes: z.number().int().min(0).nullable().describe('the limit in bytes; null or 0 removes it'),
    }),
    caps: (a) => (a.pid === undefined ? [{ cap: 'KILL_PROCESS' }] : []),
    returns: '{pid, limit_bytes} or {global_limit_bytes}',
    run(ctx, a) {
      const k = ctx.kernel;
      const bytes = a.bytes || null;
      if (a.pid === undefined) {
        if (!bytes) throw new KernelError('EINVAL', 'the kernel-wide limit cannot be removed; give bytes');
        k.mem.globalLimit = bytes;
        return { global_limit_bytes: bytes };
      }
      const target = k.procs.require(a.pid);
      k.signals.mayControl(ctx.proc, target, 'limit');
      const current = k.mem.limitOf(target.pid);
      const raising = bytes === null ? current !== undefined : current !== undefined && bytes > current;
      if (target.pid === ctx.proc.pid && raising && !decide(ctx.proc.grants, 'KILL_PROCESS').allowed) {
        throw new KernelError('EPERM', `raising your own memory limit (now ${formatBytes(current!)}) needs KILL_PROCESS`);
      }
      k.mem.setLimit(target.pid, bytes);
      const cgroup = target.kind === 'os' && bytes ? k.exec.setMemoryLimit(target.pid, bytes) : false;
      return { pid: target.pid, limit_bytes: bytes, cgroup };
    },
  }),
];
