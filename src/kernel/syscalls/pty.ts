import { z } from 'zod';
import type { Process } from '../proc/table.js';
import { defineSyscall, type SyscallContext } from '../syscall.js';
import { pidArg, prepareLaunch, priorityArg, type Launch } from './proc.js';

const cols = z.number().int().min(2).max(1000).describe('columns');
const rows = z.number().int().min(2).max(1000).describe('rows');

/** A terminal's owner (or a KILL_PROCESS holder) may use it; it is looked up and checked once. */
function ownTerminal(ctx: SyscallContext, pid: number, verb: string) {
  const target = ctx.kernel.procs.require(pid);
  ctx.kernel.signals.mayControl(ctx.proc, target, verb);
  return target;
}

/** The program a terminal runs: the one asked for, else the caller's shell. */
const shellOf = (proc: Process, command?: string) => command ?? proc.env.get('SHELL') ?? process.env.SHELL ?? 'bash';

export const ptySyscalls = [
  defineSyscall({
    name: 'pty.spawn',
    doc: 'Start a program (your shell by default) in a pseudo-terminal. Needs SPAWN_PROCESS for the program; read its screen output with pty.read.',
    args: () => z.object({
      command: z.string().min(1).max(4096).optional().describe('the program (default: $SHELL, else bash)'),
      args: z.array(z.string().max(131_072)).max(4096).default([]).describe('its arguments'),
      cols: cols.default(80),
      rows: rows.default(24),
      cwd: z.string().min(1).optional().describe('working directory: a VFS folder on a host mount (default /home)'),
      priority: priorityArg.default(5),
    }),
    caps: [{ cap: 'SPAWN_PROCESS', check: (k, proc, a) => prepareLaunch(k, proc, { command: shellOf(proc, a.command), cwd: a.cwd }, { TERM: 'xterm-256color', COLORTERM: 'truecolor' }) }],
    returns: '{pid, os_pid, cols, rows}',
    async run(ctx, a) {
      const k = ctx.kernel;
      const command = shellOf(ctx.proc, a.command);
      const { cwd, env, executable } = ctx.checked.SPAWN_PROCESS as Launch;
      const entry = await k.ptys.spawn({ parent: ctx.proc, executable, argv0: command, args: a.args, cwd, env, cols: a.cols, rows: a.rows, priority: a.priority });
      return { pid: entry.pid, os_pid: entry.osPid, cols: a.cols, rows: a.rows };
    },
  }),
  defineSyscall({
    name: 'pty.write',
    doc: 'Type into a terminal: text and control characters (\\r for Enter, \\x03 for Ctrl+C).',
    args: () => z.object({ pid: pidArg, data: z.string().max(1 << 20).describe('what to send') }),
    caps: [],
    returns: '{pid, bytes}',
    run(ctx, a) {
      ownTerminal(ctx, a.pid, 'write to');
      const bytes = ctx.kernel.ptys.write(a.pid, a.data);
      ctx.wrote(bytes);
      return { pid: a.pid, bytes };
    },
  }),
  defineSyscall({
    name: 'pty.read',
    doc: 'What a terminal printed since the last read (waits up to timeout_ms when nothing is there yet).',
    args: () => z.object({
      pid: pidArg,
      max_bytes: z.number().int().min(1).max(1 << 24).default(65_536).describe('at most this much (the rest stays for the next read)'),
      timeout_ms: z.number().int().min(0).max(60_000).default(0).describe('wait this long for output when there is none (0: return at once)'),
    }),
    caps: [],
    returns: '{pid, data, more, dropped, exited, exit_code}',
    async run(ctx, a) {
      ownTerminal(ctx, a.pid, 'read from');
      const r = await ctx.kernel.ptys.read(a.pid, a.max_bytes, a.timeout_ms);
      ctx.read(Buffer.byteLength(r.data));
      return r;
    },
  }),
  defineSyscall({
    name: 'pty.resize',
    doc: 'Change a terminal\'s size (the program gets SIGWINCH).',
    args: () => z.object({ pid: pidArg, cols, rows }),
    caps: [],
    returns: '{pid, cols, rows}',
    run(ctx, a) {
      ownTerminal(ctx, a.pid, 'resize');
      return ctx.kernel.ptys.resize(a.pid, a.cols, a.rows);
    },
  }),
  defineSyscall({
    name: 'pty.close',
    doc: 'Close a terminal: its programs get SIGHUP (SIGKILL a second later) and it leaves the table.',
    args: () => z.object({ pid: pidArg }),
    caps: [],
    returns: '{pid, closed}',
    run(ctx, a) {
      ownTerminal(ctx, a.pid, 'close');
      return ctx.kernel.ptys.close(a.pid);
    },
  }),
];
