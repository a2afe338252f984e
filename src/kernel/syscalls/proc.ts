import { z } from 'zod';
import { KernelError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import { hostUsage } from '../mem/host-usage.js';
import { childEnv } from '../proc/child-env.js';
import { checkSpawn, hostCwd, resolveExecutable } from '../proc/command.js';
import { applyNice } from '../proc/executor.js';
import { isSignal, parseSignal, SIGNAL_NAMES } from '../proc/signals.js';
import type { Process } from '../proc/table.js';
import { defineSyscall } from '../syscall.js';

export const pidArg = z.number().int().positive().describe('the process id (see proc.list)');
export const priorityArg = z.number().int().min(0).max(10).describe('0 lowest, 5 normal, 10 highest (OS children: niceness +10 to -10)');
export const signalArg = z
  .union([z.string().min(1).max(16), z.number().int()])
  .refine(isSignal, { message: `unknown signal; use one of ${SIGNAL_NAMES.join(', ')}` })
  .describe(`a signal: ${SIGNAL_NAMES.join(', ')} (SIG prefix and numbers accepted)`);

const limitsArg = z
  .object({
    memory_bytes: z.number().int().min(1 << 20).optional().describe('memory cap (cgroup memory, else address space via prlimit)'),
    cpu_seconds: z.number().int().min(1).optional().describe('CPU time cap (prlimit --cpu)'),
    max_processes: z.number().int().min(1).optional().describe('process/thread cap for the whole tree (cgroup pids)'),
    open_files: z.number().int().min(3).optional().describe('open file descriptor cap (prlimit --nofile)'),
  })
  .strict()
  .describe('resource limits for the child: {memory_bytes, cpu_seconds, max_processes, open_files}');

const MAX_OUTPUT = 16 * 1024 * 1024;

/** The same view of a process everywhere (proc.list, proc.info, ps). */
export function describeProcess(k: Kernel, p: Process) {
  return {
    pid: p.pid,
    ppid: p.ppid,
    name: p.name,
    kind: p.kind,
    state: p.state,
    priority: p.priority,
    memory_bytes: p.memoryBytes,
    profile: p.profile,
    cwd: p.cwd,
    command: p.command ? [p.command, ...(p.args ?? [])].join(' ') : p.name,
    os_pid: p.osPid ?? null,
    started: new Date(p.startedAt).toISOString(),
    exit_code: p.exitCode ?? null,
    children: k.procs.childrenOf(p.pid).map((c) => c.pid),
  };
}

/**
 * Everything a spawn needs that is shared by proc.spawn and pty.spawn: where, what, with
 * which environment. SPAWN_PROCESS is checked here, on the program as found on PATH with
 * symlinks resolved; the spawn then runs exactly that file.
 */
export async function prepareLaunch(k: Kernel, caller: Process, a: { command: string; cwd?: string; env?: Record<string, string> }, extraEnv: Record<string, string> = {}) {
  const cwd = await hostCwd(k, caller, a.cwd);
  const env = childEnv(process.env, caller.env, a.env, extraEnv);
  const executable = resolveExecutable(a.command, env.PATH!, cwd.host);
  checkSpawn(caller, executable);
  return { cwd, env, executable };
}
export type Launch = Awaited<ReturnType<typeof prepareLaunch>>;

const envArg = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'variable names are letters, digits and _'), z.string().max(32_768)).optional().describe('extra environment variables (LD_*, DYLD_*, NODE_OPTIONS and the like are refused)');

export const procSyscalls = [
  defineSyscall({
    name: 'proc.spawn',
    doc: 'Run a program as a real OS process: an argument array, never a shell. Needs SPAWN_PROCESS for the program: a grant by bare name covers only the system program of that name (/usr/bin, /bin, ...), any other program needs its full path. By default waits and returns its exit and output; with background=true returns {pid} at once and proc.wait collects it.',
    args: () => z.object({
      command: z.string().min(1).max(4096).describe('the program: a name on PATH or a host path'),
      args: z.array(z.string().max(131_072)).max(4096).default([]).describe('its arguments, passed as they are (no shell, no globbing)'),
      cwd: z.string().min(1).optional().describe('working directory: a VFS folder on a host mount (default /home)'),
      env: envArg,
      stdin: z.string().max(MAX_OUTPUT).optional().describe('text written to its standard input (default: none)'),
      timeout_ms: z.number().int().min(0).max(86_400_000).default(600_000).describe('stop it after this long (0: never)'),
      max_output: z.number().int().min(0).max(256 * 1024 * 1024).default(MAX_OUTPUT).describe('bytes of stdout+stderr kept; past it the output is cut and the program stopped'),
      kill_signal: signalArg.default('TERM').describe('the signal a timeout or the output cap sends first (SIGKILL follows after 2 s)'),
      priority: priorityArg.default(5),
      limits: limitsArg.optional(),
      background: z.boolean().default(false).describe('return {pid} at once instead of waiting; collect with proc.wait'),
    }),
    caps: [{ cap: 'SPAWN_PROCESS', check: (k, proc, a) => prepareLaunch(k, proc, a) }],
    returns: 'foreground: {pid, os_pid, exit_code, signal, stdout, stderr, timed_out, truncated, limit, duration_ms, limits}; background: {pid, os_pid, state}',
    async run(ctx, a) {
      const k = ctx.kernel;
      const { cwd, env, executable } = ctx.checked.SPAWN_PROCESS as Launch;
      const entry = await k.exec.spawn({
        parent: ctx.proc,
        executable,
        argv0: a.command,
        args: a.args,
        cwd,
        env,
        timeoutMs: a.timeout_ms,
        maxOutput: a.max_output,
        killSignal: parseSignal(a.kill_signal),
        input: a.stdin,
        limits: a.limits ?? {},
        priority: a.priority,
      });
      if (a.background) return { pid: entry.pid, os_pid: entry.osPid, state: entry.state };
      const report = await k.exec.wait(entry.pid);
      ctx.read(Buffer.byteLength(report.stdout) + Buffer.byteLength(report.stderr));
      return report;
    },
  }),
  defineSyscall({
    name: 'proc.wait',
    doc: 'Wait for an OS child to exit and collect its status and output (it then leaves the table).',
    args: () => z.object({ pid: pidArg, timeout_ms: z.number().int().min(0).max(86_400_000).optional().describe('give up after this long with ETIMEDOUT (the child keeps running)') }),
    caps: [],
    returns: '{pid, os_pid, exit_code, signal, stdout, stderr, timed_out, truncated, limit, duration_ms, limits}',
    async run(ctx, a) {
      const target = ctx.kernel.procs.require(a.pid);
      ctx.kernel.signals.mayControl(ctx.proc, target, 'wait on');
      if (target.kind !== 'os') throw new KernelError('ECHILD', `process ${a.pid} is ${target.kind === 'pty' ? 'a terminal (use pty.read and pty.close)' : `an ${target.kind} process, not an OS child`}`);
      return ctx.kernel.exec.wait(a.pid, a.timeout_ms);
    },
  }),
  defineSyscall({
    name: 'proc.kill',
    doc: 'End a process and its children: OS children get the signal (SIGKILL follows if they stay); app processes exit. Yours and your descendants, or any with KILL_PROCESS.',
    args: () => z.object({ pid: pidArg, signal: signalArg.default('TERM') }),
    caps: [],
    returns: '{pid, signal, exited, exit_code}',
    async run(ctx, a) {
      const k = ctx.kernel;
      const target = k.procs.require(a.pid);
      k.signals.mayControl(ctx.proc, target, 'kill');
      const signal = parseSignal(a.signal);
      if (target.kind === 'os') {
        if (target.state === 'zombie') return { pid: a.pid, signal, exited: true, exit_code: target.exitCode ?? null };
        return { pid: a.pid, signal, ...(await k.exec.kill(a.pid, signal)) };
      }
      if (target.kind === 'pty') {
        k.ptys.signal(a.pid, signal);
        k.procs.exit(a.pid, 128 + 9);
        return { pid: a.pid, signal, exited: true, exit_code: 137 };
      }
      const r = k.signals.send(ctx.proc.pid, target, signal);
      return { pid: a.pid, signal, exited: r.outcome === 'exited', exit_code: r.outcome === 'exited' ? (target.exitCode ?? null) : null, outcome: r.outcome };
    },
  }),
  defineSyscall({
    name: 'proc.list',
    doc: 'Every process in the table: app, service and kernel processes and OS children alike.',
    args: () => z.object({ kind: z.enum(['kernel', 'user', 'app', 'service', 'mcp', 'os', 'pty']).optional().describe('only this kind') }),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: '[{pid, ppid, name, kind, state, priority, memory_bytes, command, os_pid, ...}]',
    run(ctx, a) {
      const k = ctx.kernel;
      k.mem.sample();
      return k.procs
        .list()
        .filter((p) => !a.kind || p.kind === a.kind)
        .map((p) => describeProcess(k, p));
    },
  }),
  defineSyscall({
    name: 'proc.info',
    doc: 'One process: identity, state, priority, memory, command, children (yours by default).',
    args: () => z.object({ pid: pidArg.optional().describe('another process (needs SYSTEM_INFO)') }),
    caps: (a) => (a.pid ? [{ cap: 'SYSTEM_INFO' }] : []),
    returns: '{pid, ppid, name, kind, state, priority, memory_bytes, profile, cwd, command, os_pid, started, children}',
    run: (ctx, a) => describeProcess(ctx.kernel, a.pid ? ctx.kernel.procs.require(a.pid) : ctx.proc),
  }),
  defineSyscall({
    name: 'proc.state',
    doc: 'A process\'s state: running, sleeping, stopped or zombie (exited, not yet collected).',
    args: () => z.object({ pid: pidArg.optional().describe('another process (needs SYSTEM_INFO)') }),
    caps: (a) => (a.pid ? [{ cap: 'SYSTEM_INFO' }] : []),
    returns: '{pid, state, exit_code}',
    run(ctx, a) {
      const p = a.pid ? ctx.kernel.procs.require(a.pid) : ctx.proc;
      return { pid: p.pid, state: p.state, exit_code: p.exitCode ?? null };
    },
  }),
  defineSyscall({
    name: 'proc.stats',
    doc: 'Resource use of a process: CPU time and RSS from /proc for OS children; scheduled CPU time and charged memory for app processes.',
    args: () => z.object({ pid: pidArg.optional().describe('another process (needs SYSTEM_INFO)') }),
    caps: (a) => (a.pid ? [{ cap: 'SYSTEM_INFO' }] : []),
    returns: '{pid, kind, cpu_ms, rss_bytes, memory_bytes, threads, host_state, ...}',
    run(ctx, a) {
      const k = ctx.kernel;
      const p = a.pid ? k.procs.require(a.pid) : ctx.proc;
      const base = { pid: p.pid, kind: p.kind, state: p.state, priority: p.priority, memory: k.mem.usage(p.pid), uptime_ms: Date.now() - p.startedAt };
      if (p.kind === 'os' || p.kind === 'pty') {
        const u = p.kind === 'os' ? k.exec.usage(p.pid) : undefined;
        const host = u ?? (p.osPid && p.state !== 'zombie' ? hostUsage(p.osPid) : undefined);
        const cpu = host?.cpu_ms ?? 0;
        return { ...base, os_pid: p.osPid, cpu_ms: cpu, cpu_percent: base.uptime_ms ? Math.round((cpu / base.uptime_ms) * 1000) / 10 : 0, rss_bytes: host?.rss_bytes ?? 0, threads: host?.threads ?? 0, host_state: host?.state ?? null, group_memory_bytes: u?.group_memory_bytes ?? null };
      }
      return { ...base, cpu_ms: k.sched.cpuOf(p.pid), rss_bytes: null, memory_bytes: p.memoryBytes };
    },
  }),
  defineSyscall({
    name: 'proc.set_priority',
    doc: 'Change a process\'s priority (0-10): the scheduler\'s order for app processes, niceness for OS children.',
    args: () => z.object({ pid: pidArg, priority: priorityArg }),
    caps: [],
    returns: '{pid, priority, nice}',
    run(ctx, a) {
      const k = ctx.kernel;
      const target = k.procs.require(a.pid);
      k.signals.mayControl(ctx.proc, target, 'change the priority of');
      target.priority = a.priority;
      const nice = target.kind === 'os' ? k.exec.setPriority(a.pid, a.priority) : target.kind === 'pty' && target.osPid ? applyNice(target.osPid, a.priority) : null;
      k.sched.wake();
      return { pid: a.pid, priority: a.priority, nice };
    },
  }),
];
