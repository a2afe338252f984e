import os from 'node:os';
import { z } from 'zod';
import { KernelError } from '../errors.js';
import { KERNEL_VERSION } from '../version.js';
import { defineSyscall } from '../syscall.js';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name of letters, digits and _').max(256);

/** Resource-limit mechanisms are probed by the process subsystem; until then, say what is known. */
export const limitsInForce: { mechanism: string; detail?: string } = { mechanism: 'timeouts and output caps' };

export const sysSyscalls = [
  defineSyscall({
    name: 'sys.info',
    doc: 'What this kernel is and runs on: versions, host, mounts, process count, limits.',
    args: () => z.object({}),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: '{name, version, node, platform, arch, cpus, memory, uptime_s, processes, syscalls, mounts, limits}',
    run(ctx) {
      const k = ctx.kernel;
      return {
        name: 'AgentOS',
        version: KERNEL_VERSION,
        node: process.version,
        platform: os.platform(),
        arch: os.arch(),
        cpus: os.cpus().length,
        memory_total: os.totalmem(),
        memory_free: os.freemem(),
        uptime_s: Math.round((Date.now() - k.bootTime) / 1000),
        processes: k.procs.list().length,
        syscalls: k.table.size,
        mounts: k.vfs.list().map((m) => `${m.point} ${m.backend.kind}${m.backend.readOnly ? ' ro' : ''}`),
        limits: limitsInForce,
        host_pid: process.pid,
      };
    },
  }),
  defineSyscall({
    name: 'sys.env_get',
    doc: 'Read a variable of the calling process\'s environment.',
    args: () => z.object({ name: envName.describe('the variable') }),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: 'its value, or null',
    run: (ctx, a) => ctx.proc.env.get(a.name) ?? null,
  }),
  defineSyscall({
    name: 'sys.env_set',
    doc: 'Set a variable in the calling process\'s environment (its children inherit it).',
    args: () => z.object({ name: envName.describe('the variable'), value: z.string().max(32_768).describe('its new value') }),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: '{name, value}',
    run(ctx, a) {
      if (/^LD_|^DYLD_|^NODE_OPTIONS$/.test(a.name)) throw new KernelError('EPERM', `${a.name} can change how programs load code and is not settable`);
      ctx.proc.env.set(a.name, a.value);
      return { name: a.name, value: a.value };
    },
  }),
  defineSyscall({
    name: 'sys.log',
    doc: 'Write a line to the kernel log.',
    args: () => z.object({ message: z.string().max(4000).describe('the text'), level: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('severity') }),
    caps: [],
    returns: '{logged}',
    run(ctx, a) {
      ctx.kernel.log(ctx.proc.pid, a.level, a.message);
      return { logged: true };
    },
  }),
  defineSyscall({
    name: 'sys.logs',
    doc: 'The most recent kernel log lines.',
    args: () => z.object({ limit: z.number().int().min(1).max(1000).default(100).describe('how many'), level: z.enum(['debug', 'info', 'warn', 'error']).optional().describe('only this severity') }),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: '[{at, pid, level, message}]',
    run(ctx, a) {
      const lines = a.level ? ctx.kernel.logs.filter((l) => l.level === a.level) : ctx.kernel.logs;
      return lines.slice(-a.limit).map((l) => ({ ...l, at: new Date(l.at).toISOString() }));
    },
  }),
  defineSyscall({
    name: 'sys.ping',
    doc: 'Check the kernel answers.',
    args: () => z.object({}),
    caps: [],
    returns: '{pong, at}',
    run: () => ({ pong: true, at: new Date().toISOString() }),
  }),
  defineSyscall({
    name: 'sys.metrics',
    doc: 'Kernel metrics: Prometheus text, or JSON with format=json.',
    args: () => z.object({ format: z.enum(['prometheus', 'json']).default('prometheus').describe('prometheus or json') }),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: 'Prometheus exposition text, or a snapshot object',
    run: async (ctx, a): Promise<unknown> => (a.format === 'json' ? ctx.kernel.metrics.snapshot() : ctx.kernel.metrics.prometheus()),
  }),
];
