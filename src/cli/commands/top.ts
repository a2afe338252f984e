import { createRequire } from 'node:module';
import { places } from '../../config/paths.js';
import { attachPlace, connect, type AttachClient } from '../../kernel/attach/client.js';
import { ExitError } from '../errors.js';

interface Opts {
  interval?: string;
}

interface Snapshot {
  syscalls_total: number;
  denials_total: number;
  by_syscall: Record<string, { calls: number; p50_us: number; p99_us: number; errors: Record<string, number> }>;
  recent_denials: { at: number; pid: number; syscall: string; message: string }[];
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

/**
 * `agentos top`: a full-screen blessed-contrib dashboard of the live kernel, polled over
 * the control socket. It owns the terminal (blessed cannot share it with Ink), so it is a
 * command of its own; q, Esc or Ctrl+C leaves.
 */
export default async function top(opts: Opts): Promise<number> {
  const interval = Math.max(200, Number(opts.interval ?? 1000) || 1000);
  const { socket } = attachPlace(places().runtime);
  const client = await connect(socket).catch(() => undefined);
  if (!client) throw new ExitError('no live kernel to watch: start `agentos shell` or `agentos serve` first', 3);
  if (!process.stdout.isTTY) throw new ExitError('agentos top needs a terminal', 2);
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

  const call = <T>(c: AttachClient, name: string, args: Record<string, unknown> = {}) => c.syscall<T>(name, args).catch(() => undefined);

  async function refresh() {
    const [m, list, mem, pipes, shm, queues] = await Promise.all([
      call<Snapshot>(client!, 'sys.metrics', { format: 'json' }),
      call<Record<string, unknown>[]>(client!, 'proc.list'),
      call<Record<string, number>>(client!, 'mem.stats'),
      call<Record<string, unknown>>(client!, 'pipe.stats'),
      call<Record<string, unknown>>(client!, 'shm.stats'),
      call<Record<string, unknown>>(client!, 'queue.stats'),
    ]);
    if (stopped) return;
    if (!m) {
      denials.log('the live kernel stopped answering');
      screen.render();
      return;
    }
    const now = Date.now();
    const perSec = lastTotal === undefined ? 0 : ((m.syscalls_total - lastTotal) * 1000) / Math.max(1, now - lastAt);
    lastTotal = m.syscalls_total;
    lastAt = now;
    xs.push(new Date(now).toTimeString().slice(3, 8));
    ys.push(Math.round(perSec));
    if (xs.length > HISTORY) xs.shift(), ys.shift();
    rate.setData([{ title: 'calls/s', x: xs, y: ys }]);
    rate.setLabel(` syscalls per second: ${Math.round(perSec)} (total ${m.syscalls_total}) `);

    const rows = Object.entries(m.by_syscall)
      .sort((a, b) => b[1].calls - a[1].calls)
      .slice(0, 30)
      .map(([name, s]) => [name, String(s.calls), String(s.p50_us), String(s.p99_us), String(Object.values(s.errors).reduce((a, b) => a + b, 0))]);
    latency.setData({ headers: ['syscall', 'calls', 'p50', 'p99', 'err'], data: rows });

    if (mem) {
      const used = Number(mem.used_bytes ?? 0);
      const limit = Number(mem.global_limit_bytes ?? 0) || 1;
      memory.setPercent(Math.min(100, Math.round((used / limit) * 100)));
      memory.setLabel(` kernel memory: ${fmtBytes(used)} of ${fmtBytes(limit)} `);
    }
    if (list) {
      procs.setData({
        headers: ['pid', 'ppid', 'name', 'kind', 'state', 'memory'],
        data: list.slice(0, 40).map((p) => [String(p.pid), String(p.ppid), String(p.name).slice(0, 18), String(p.kind), String(p.state), fmtBytes(Number(p.memory_bytes ?? 0))]),
      });
    }
    ipc.setContent(
      [
        `pipes   ${summary(pipes, ['pipes', 'buffered', 'limit'])}`,
        `shm     ${summary(shm, ['segments', 'bytes', 'limit'])}`,
        `queues  ${summary(queues, ['queues', 'bytes', 'limit'])}`,
        '',
        `denials ${m.denials_total}`,
      ].join('\n'),
    );
    for (const d of m.recent_denials) {
      const key = `${d.at}|${d.pid}|${d.syscall}`;
      if (shownDenials.has(key)) continue;
      shownDenials.add(key);
      denials.log(`${new Date(d.at).toTimeString().slice(0, 8)} pid ${d.pid} ${d.syscall}: ${d.message.replace(/[\x00-\x1f\x7f-\x9f]/g, '')}`);
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
  client.close();
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
