import { z } from 'zod';
import { isKernelError } from '../../../kernel/errors.js';
import { stripControls } from '../../../util/sanitize.js';
import { defineTool, type ToolContext, type ToolDef } from '../types.js';
import { isUserFacing, problem, textIn } from './common.js';

/**
 * The terminal app: a shell in a pseudo-terminal (pty.spawn as the app's process, so its
 * SPAWN_PROCESS grant decides; the pty is the app's child and ends with it).
 *
 * The marker views look for: a `container` whose props have `role: "terminal"`; state
 * `pty` holds the terminal's pid. A view that can draw terminals attaches to that pty
 * (kernel.ptys, or pty.read / pty.write / pty.resize as the app's pid) and draws the
 * screen itself. For views that cannot, and for headless runs, `terminal.read` keeps a
 * plain-text transcript in `screen` (the last lines, escape sequences removed).
 */
interface ReadReply {
  data: string;
  exited?: boolean;
  exit_code?: number | null;
}

const SCREEN_LINES = 300;
/** Keys a text view can send by name. */
const KEYS: Record<string, string> = { 'C-c': '\x03', 'C-d': '\x04', 'C-z': '\x1a', 'C-l': '\x0c', Tab: '\t', Enter: '\r', Escape: '\x1b', Up: '\x1b[A', Down: '\x1b[B', Right: '\x1b[C', Left: '\x1b[D', Backspace: '\x7f' };

/** Terminal output as plain lines: CR returns to the line start, BS takes a character back. */
export function appendTranscript(screen: string, data: string, maxLines = SCREEN_LINES): string {
  const lines = screen ? screen.split('\n') : [''];
  let cur = lines.pop() ?? '';
  // Sequences first (colors, cursor moves, titles), then the few controls that shape lines.
  const clean = data.replace(/\r\n/g, '\n').replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]/g, '');
  for (const ch of clean) {
    if (ch === '\n') {
      lines.push(cur);
      cur = '';
    } else if (ch === '\r') {
      cur = '';
    } else if (ch === '\b' || ch === '\x7f') {
      cur = cur.slice(0, -1);
    } else if (ch === '\t') {
      cur += ' '.repeat(8 - (cur.length % 8));
    } else {
      cur += ch;
    }
  }
  lines.push(cur);
  return lines.slice(-maxLines).map((l) => stripControls(l, false)).join('\n');
}

const ptyOf = (ctx: ToolContext) => {
  const v = ctx.state.get('pty');
  return typeof v === 'number' && v > 0 ? v : undefined;
};

async function read(ctx: ToolContext, waitMs: number): Promise<string> {
  const pid = ptyOf(ctx);
  if (!pid) return '';
  let r: ReadReply;
  try {
    r = await ctx.syscall<ReadReply>('pty.read', { pid, timeout_ms: waitMs });
  } catch (e) {
    if (isKernelError(e) && e.code === 'ESRCH') {
      ctx.state.set('pty', 0);
      ctx.state.set('terminal-status', 'The shell has ended; press Restart for a new one');
      return '';
    }
    throw e;
  }
  if (r.data) ctx.state.set('screen', appendTranscript(textIn(ctx, 'screen'), r.data));
  if (r.exited) {
    ctx.state.set('pty', 0);
    ctx.state.set('terminal-status', `The shell exited (${r.exit_code ?? 'signal'}); press Restart for a new one`);
  }
  return r.data;
}

export const TERMINAL_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'terminal.open',
    doc: 'Start the shell (or `command`) in a pseudo-terminal; its pid goes to state `pty`.',
    params: () => z.object({
      command: z.string().min(1).max(4096).optional().describe('the program (default: your shell)'),
      args: z.array(z.string()).max(256).default([]).describe('its arguments'),
      cols: z.number().int().min(2).max(1000).default(80).describe('columns'),
      rows: z.number().int().min(2).max(1000).default(24).describe('rows'),
    }),
    async run(ctx, p) {
      if (ptyOf(ctx)) return ptyOf(ctx);
      try {
        const r = await ctx.syscall<{ pid: number }>('pty.spawn', { ...(p.command ? { command: p.command } : {}), args: p.args, cols: p.cols, rows: p.rows, cwd: '/home' });
        ctx.state.set('pty', r.pid);
        ctx.state.set('terminal-status', `${p.command ?? 'shell'} running (pid ${r.pid})`);
        return r.pid;
      } catch (e) {
        if (!isUserFacing(e)) throw e;
        ctx.state.set('pty', 0);
        ctx.state.set('terminal-status', `No terminal: ${problem(e)}`);
        return 0;
      }
    },
  }),
  defineTool({
    id: 'terminal.send',
    doc: 'Type into the terminal: `data`, else the command field followed by Enter (then cleared).',
    params: () => z.object({ data: z.string().max(65_536).optional().describe('the characters to send') }),
    async run(ctx, p) {
      const pid = ptyOf(ctx);
      if (!pid) {
        ctx.state.set('terminal-status', 'No shell runs; press Restart');
        return false;
      }
      const data = p.data ?? `${textIn(ctx, 'command')}\r`;
      await ctx.syscall('pty.write', { pid, data });
      if (p.data === undefined) ctx.state.set('command', '');
      return true;
    },
  }),
  defineTool({
    id: 'terminal.key',
    doc: `Send a key by name: ${Object.keys(KEYS).join(', ')}.`,
    params: () => z.object({ key: z.enum(Object.keys(KEYS) as [string, ...string[]]).describe('the key') }),
    async run(ctx, p) {
      const pid = ptyOf(ctx);
      if (!pid) return false;
      await ctx.syscall('pty.write', { pid, data: KEYS[p.key]! });
      return true;
    },
  }),
  defineTool({
    id: 'terminal.read',
    doc: 'Add what the terminal printed to the `screen` transcript (waiting up to wait_ms for output).',
    params: () => z.object({ wait_ms: z.number().int().min(0).max(10_000).default(0).describe('how long to wait for output') }),
    run: (ctx, p) => read(ctx, p.wait_ms),
  }),
  defineTool({
    id: 'terminal.resize',
    doc: 'Change the terminal\'s size.',
    params: () => z.object({ cols: z.number().int().min(2).max(1000).describe('columns'), rows: z.number().int().min(2).max(1000).describe('rows') }),
    async run(ctx, p) {
      const pid = ptyOf(ctx);
      if (!pid) return false;
      await ctx.syscall('pty.resize', { pid, cols: p.cols, rows: p.rows });
      return true;
    },
  }),
  defineTool({
    id: 'terminal.close',
    doc: 'End the shell (its programs get SIGHUP).',
    params: () => z.object({}),
    async run(ctx) {
      const pid = ptyOf(ctx);
      if (!pid) return false;
      try {
        await ctx.syscall('pty.close', { pid });
      } catch (e) {
        if (!(isKernelError(e) && e.code === 'ESRCH')) throw e;
      }
      ctx.state.set('pty', 0);
      ctx.state.set('terminal-status', 'Closed');
      return true;
    },
  }),
];
