import { createRequire } from 'node:module';
import { places } from '../../config/paths.js';
import { attachPlace, connect, type AttachClient } from '../../kernel/attach/client.js';
import { stripControls } from '../../util/sanitize.js';
import { ExitError } from '../errors.js';
import { outFor, print, table } from '../output.js';

interface Opts {
  interval?: string;
  once?: boolean;
  json?: boolean;
}

interface MetricsSnapshot {
  syscalls_total: number;
  errors_total?: number;
  denials_total: number;
  by_syscall: Record<string, { calls: number; p50_us: number; p99_us: number; errors: Record<string, number> }>;
  /** `target` is absent from kernels older than the field. */
  recent_denials: { at: number; pid: number; syscall: string; target?: string | null; message: string }[];
}

/** A call the sandbox refused, as top lists it: when, who, which syscall, on what. */
export interface Denial {
  at: string;
  pid: number;
  /** The process's name when it still runs. */
  process: string | null;
  syscall: string;
  /** The path, host, command, pid or IPC object refused, as the kernel recorded it. */
  target: string | null;
  message: string;
}

/** Everything top shows, read once from the live kernel: the dashboard draws it, --once prints it. */
export interface TopView {
  at: string;
  syscalls_total: number;
  errors_total: number;
  denials_total: number;
  memory: { used_bytes: number; limit_bytes: number; percent: number } | null;
  syscalls: { name: string; calls: number; p50_us: number; p99_us: number; errors: number }[];
  processes: { pid: number; ppid: number; name: string; kind: string; state: string; memory_bytes: number }[];
  ipc: { pipes: string; shm: string; queues: string };
  /** Oldest first, as the kernel keeps them (its last 50). */
  recent_denials: Denial[];
}

type Any = any; // blessed and blessed-contrib ship no types

/**
 * blessed loads its widgets with computed require() calls, which a bundler cannot follow:
 * it is loaded from node_modules at run time (the module name in a variable keeps esbuild
 * from inlining it).
 */
function load(name: string): Any {
  return createRequire(import.meta.url)(name);
}

const HISTORY = 60;
const ROWS = 30;

/**
 * `agentos top`: a full-screen blessed-contrib dashboard of the live kernel, polled over
 * the control socket. It owns the terminal (blessed cannot share it with Ink), so it is a
 * command of its own; q, Esc or Ctrl+C leaves. `--once` (or `--json`) prints the same
 * view once and exits: for scripts, tests and terminals blessed cannot draw on.
 */
export default async function top(opts: Opts): Promise<number> {
  const { socket } = attachPlace(places().runtime);
  const client = await connect(socket).catch(() => undefined);
  if (!client) throw new ExitError('no live kernel to watch: start `agentos shell` or `agentos serve` first', 3);
  try {
    if (opts.once || opts.json) return await once(client, opts);
    if (!process.stdout.isTTY) throw new ExitError('agentos top needs a terminal (or print one snapshot with --once, --json)', 2);
    return await dashboard(client, Math.max(200, Number(opts.interval ?? 1000) || 1000));
  } finally {
    client.close();
  }
}

const call = <T>(c: AttachClient, name: string, args: Record<string, unknown> = {}) => c.syscall<T>(name, args).catch(() => undefined);

/** One reading of the live kernel, or undefined when it stopped answering. */
export async function collect(client: AttachClient): Promise<TopView | undefined> {
  const [m, list, mem, pipes, shm, queues] = await Promise.all([
    call<MetricsSnapshot>(client, 'sys.metrics', { format: 'json' }),
    call<Record<string, unknown>[]>(client, 'proc.list'),
    call<Record<string, number>>(client, 'mem.stats'),
    call<Record<string, unknown>>(client, 'pipe.stats'),
    call<Record<string, unknown>>(client, 'shm.stats'),
    call<Record<string, unknown>>(client, 'queue.stats'),
  ]);
  if (!m) return undefined;
  const names = new Map((list ?? []).map((p) => [Number(p.pid), String(p.name)]));
  const used = Number(mem?.used_bytes ?? 0);
  const limit = Number(mem?.global_limit_bytes ?? 0);
  return {
    at: new Date().toISOString(),
    syscalls_total: m.syscalls_total,
    errors_total: m.errors_total ?? 0,
    denials_total: m.denials_total,
    memory: mem ? { used_bytes: used, limit_bytes: limit, percent: limit ? Math.min(100, Math.round((used / limit) * 100)) : 0 } : null,
    syscalls: Object.entries(m.by_syscall)
      .sort((a, b) => b[1].calls - a[1].calls)
      .slice(0, ROWS)
      .map(([name, s]) => ({ name, calls: s.calls, p50_us: s.p50_us, p99_us: s.p99_us, errors: Object.values(s.errors).reduce((a, b) => a + b, 0) })),
    processes: (list ?? []).slice(0, 40).map((p) => ({
      pid: Number(p.pid),
      ppid: Number(p.ppid),
      name: String(p.name),
      kind: String(p.kind),
      state: String(p.state),
      memory_bytes: Number(p.memory_bytes ?? 0),
    })),
    ipc: {
      pipes: summary(pipes, ['pipes', 'buffered', 'limit']),
      shm: summary(shm, ['segments', 'bytes', 'limit']),
      queues: summary(queues, ['queues', 'bytes', 'limit']),
    },
    recent_denials: m.recent_denials.map((d) => ({
      at: new Date(d.at).toISOString(),
      pid: d.pid,
      process: names.get(d.pid) ?? null,
      syscall: d.syscall,
      target: d.target !== undefined ? d.target : targetOf(d.message),
      message: d.message,
    })),
  };
}

/**
 * What a refusal was about, read from its message: only for a live kernel older than the
 * recorded `target` field. The sandbox says `... for TARGET (needs CAP)`; other refusals
 * (a link leading out of a mount) name a path somewhere in the message.
 */
export function targetOf(message: string): string | null {
  const scoped = / for (.+?) \(needs [A-Z_]+\)$/.exec(message);
  if (scoped) return scoped[1] === 'this process' ? null : scoped[1]!;
  return /(?:^|\s)(\/[^\s,;()]*)/.exec(message)?.[1] ?? null;
}

async function once(client: AttachClient, opts: Opts): Promise<number> {
  const view = await collect(client);
  if (!view) throw new ExitError('the live kernel did not answer', 1);
  const out = outFor(opts);
  if (out.json) {
    print(view, out);
    return 0;
  }
  const mem = view.memory ? `${fmtBytes(view.memory.used_bytes)} of ${fmtBytes(view.memory.limit_bytes)} (${view.memory.percent}%)` : 'n/a';
  const parts = [
    `syscalls  ${view.syscalls_total} (${view.errors_total} failed, ${view.denials_total} denied)`,
    `memory    ${mem}`,
    `pipes     ${view.ipc.pipes}`,
    `shm       ${view.ipc.shm}`,
    `queues    ${view.ipc.queues}`,
    '',
    table(view.syscalls.map((s) => ({ ...s })), ['name', 'calls', 'p50_us', 'p99_us', 'errors']),
    '',
    table(view.processes.map((p) => ({ ...p, memory: fmtBytes(p.memory_bytes) })), ['pid', 'ppid', 'name', 'kind', 'state', 'memory']),
    '',
    view.recent_denials.length ? 'recent denials' : 'no denials',
    ...view.recent_denials.map(denialLine),
  ];
  process.stdout.write(stripControls(parts.join('\n')) + '\n');
  return 0;
}

const denialLine = (d: Denial) => stripControls(`${d.at.slice(11, 19)} pid ${d.pid}${d.process ? ` (${d.process})` : ''} ${d.syscall}${d.target ? ` ${d.target}` : ''}: ${d.message}`, false);

async function dashboard(client: AttachClient, interval: number): Promise<number> {
  const blessed = load('blessed');
  const contrib = load('blessed-contrib');
  const screen = blessed.screen({ smartCSR: true, forceUnicode: true, title: 'agentos top' });
  const grid = new contrib.grid({ rows: 12, cols: 12, screen });
  const rate = grid.set(0, 0, 4, 8, contrib.line, { label: ' syscalls per second ', showLegend: false, minY: 0 });
  const memory = grid.set(0, 8, 4, 4, contrib.gauge, { label: ' kernel memory ', stroke: 'green', fill: 'white' });
  const latency = grid.set(4, 0, 4, 6, contrib.table, { label: ' latency by syscall (µs) ', columnWidth: [22, 8, 9, 9, 5], columnSpacing: 1, keys: false, fg: 'white' });
  const procs = grid.set(4, 6, 4, 6, contrib.table, { label: ' processes ', columnWidth: [5, 5, 20, 8, 10, 10], columnSpacing: 1, fg: 'white' });
  const ipc = grid.set(8, 0, 4, 4, blessed.box, { label: ' IPC ', tags: false, padding: { left: 1 } });
  const denials = grid.set(8, 4, 4, 8, contrib.log, { label: ' recent denials ', fg: 'yellow' });

  const xs: string[] = [];
  const ys: number[] = [];
  let lastTotal: number | undefined;
  let lastAt = Date.now();
  const shownDenials = new Set<string>();
  let stopped = false;

  async function refresh() {
    const view = await collect(client);
    if (stopped) return;
    if (!view) {
      denials.log('the live kernel stopped answering');
      screen.render();
      return;
    }
    const now = Date.now();
    const perSec = lastTotal === undefined ? 0 : ((view.syscalls_total - lastTotal) * 1000) / Math.max(1, now - lastAt);
    lastTotal = view.syscalls_total;
    lastAt = now;
    xs.push(new Date(now).toTimeString().slice(3, 8));
    ys.push(Math.round(perSec));
    if (xs.length > HISTORY) xs.shift(), ys.shift();
    rate.setData([{ title: 'calls/s', x: xs, y: ys }]);
    rate.setLabel(` syscalls per second: ${Math.round(perSec)} (total ${view.syscalls_total}) `);
    latency.setData({ headers: ['syscall', 'calls', 'p50', 'p99', 'err'], data: view.syscalls.map((s) => [s.name, String(s.calls), String(s.p50_us), String(s.p99_us), String(s.errors)]) });
    if (view.memory) {
      memory.setPercent(view.memory.percent);
      memory.setLabel(` kernel memory: ${fmtBytes(view.memory.used_bytes)} of ${fmtBytes(view.memory.limit_bytes)} `);
    }
    procs.setData({
      headers: ['pid', 'ppid', 'name', 'kind', 'state', 'memory'],
      data: view.processes.map((p) => [String(p.pid), String(p.ppid), stripControls(p.name, false).slice(0, 18), p.kind, p.state, fmtBytes(p.memory_bytes)]),
    });
    ipc.setContent([`pipes   ${view.ipc.pipes}`, `shm     ${view.ipc.shm}`, `queues  ${view.ipc.queues}`, '', `denials ${view.denials_total}`].join('\n'));
    for (const d of view.recent_denials) {
      const key = `${d.at}|${d.pid}|${d.syscall}|${d.message}`;
      if (shownDenials.has(key)) continue;
      shownDenials.add(key);
      denials.log(denialLine(d));
    }
    screen.render();
  }

  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    screen.key(['q', 'escape', 'C-c'], () => resolve());
    process.once('SIGTERM', () => resolve());
    timer = setInterval(() => void refresh(), interval);
    void refresh();
  });
  clearInterval(timer);
  stopped = true;
  screen.destroy();
  return 0;
}

function fmtBytes(n: number): string {
  if (!Number.isFinite(n)) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) (n /= 1024), i++;
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

/** A few fields of an IPC summary object as `k v · k v`. */
function summary(o: Record<string, unknown> | undefined, keys: string[]): string {
  if (!o) return 'n/a';
  const parts = keys.filter((k) => o[k] !== undefined).map((k) => `${k} ${typeof o[k] === 'number' && /bytes|buffered|limit/.test(k) ? fmtBytes(o[k] as number) : Array.isArray(o[k]) ? (o[k] as unknown[]).length : String(o[k])}`);
  return parts.length ? parts.join(' · ') : Object.keys(o).slice(0, 3).join(', ');
}
