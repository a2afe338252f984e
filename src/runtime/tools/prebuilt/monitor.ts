import { z } from 'zod';
import { defineTool, type ToolContext, type ToolDef } from '../types.js';
import { col, humanBytes, pushHistory, sparkline, type Item } from './common.js';

/**
 * The system monitor: kernel metrics (sys.metrics format=json), memory (mem.stats) and IPC
 * (pipe/shm/queue stats), sampled on a timer. Rates and latencies are computed between two
 * samples, so they describe the last interval rather than all time; each figure keeps a
 * history drawn as a text sparkline, and memory as progress bars.
 */
interface Metrics {
  syscalls_total: number;
  errors_total: number;
  denials_total: number;
  bytes_read: number;
  bytes_written: number;
  by_syscall: Record<string, { calls: number; mean_us: number; p99_us: number }>;
}

interface MemStats {
  used_bytes: number;
  global_limit_bytes: number;
  pressure: string;
  kernel?: { rss_bytes: number; heap_used_bytes: number };
  host?: { total_bytes: number; free_bytes: number };
}

interface Last {
  at: number;
  total: number;
  /** calls and total µs per syscall at the last sample. */
  by: Record<string, [calls: number, micros: number]>;
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

async function optional<T>(ctx: ToolContext, name: string, args: Record<string, unknown> = {}): Promise<T | undefined> {
  try {
    return await ctx.syscall<T>(name, args);
  } catch {
    // A figure the app may not read (or a kernel without it) is left out, not fatal.
    return undefined;
  }
}

async function sample(ctx: ToolContext) {
  const m = await ctx.syscall<Metrics>('sys.metrics', { format: 'json' });
  const now = Date.now();
  const by: Last['by'] = {};
  for (const [name, s] of Object.entries(m.by_syscall)) by[name] = [s.calls, s.calls * s.mean_us];
  const last = ctx.state.get('monitor:last') as Last | undefined;
  ctx.state.set('monitor:last', { at: now, total: m.syscalls_total, by } satisfies Last);

  // Rate and mean latency over the interval since the last sample.
  let rate = 0;
  let latency = 0;
  const busiest: { name: string; calls: number; mean: number }[] = [];
  if (last && now > last.at) {
    const seconds = (now - last.at) / 1000;
    rate = Math.max(0, (m.syscalls_total - last.total) / seconds);
    let calls = 0;
    let micros = 0;
    for (const [name, [c, us]] of Object.entries(by)) {
      const [c0, us0] = last.by[name] ?? [0, 0];
      const dc = c - c0;
      if (dc <= 0) continue;
      calls += dc;
      micros += us - us0;
      busiest.push({ name, calls: dc, mean: (us - us0) / dc });
    }
    latency = calls ? micros / calls : 0;
  }
  const rates = pushHistory(ctx, 'monitor:rates', rate);
  const latencies = pushHistory(ctx, 'monitor:latencies', latency);
  ctx.state.set('rate', `${Math.round(rate)} syscalls/s (${m.syscalls_total} in all, ${m.errors_total} failed, ${m.denials_total} denied)`);
  ctx.state.set('rate-chart', sparkline(rates));
  ctx.state.set('latency', `${latency.toFixed(1)} µs mean per syscall`);
  ctx.state.set('latency-chart', sparkline(latencies));
  ctx.state.set('io', `read ${humanBytes(m.bytes_read)}, written ${humanBytes(m.bytes_written)}`);
  const top: Item[] = busiest
    .sort((a, b) => b.calls - a.calls)
    .slice(0, 8)
    .map((b) => ({ label: `${col(b.name, 18)} ${col(String(b.calls), 7, true)} calls ${col(b.mean.toFixed(1), 8, true)} µs`, value: b.name }));
  ctx.state.set('top-syscalls', top);

  const mem = await optional<MemStats>(ctx, 'mem.stats');
  if (mem) {
    const rss = mem.kernel?.rss_bytes ?? 0;
    const total = mem.host?.total_bytes ?? 0;
    ctx.state.set('memory-bar', pct(mem.used_bytes, mem.global_limit_bytes));
    ctx.state.set('memory', `apps ${humanBytes(mem.used_bytes)} of ${humanBytes(mem.global_limit_bytes)} (${mem.pressure} pressure)`);
    ctx.state.set('host-memory-bar', total ? pct(total - (mem.host?.free_bytes ?? 0), total) : 0);
    ctx.state.set('host-memory', total ? `host ${humanBytes(total - (mem.host?.free_bytes ?? 0))} used of ${humanBytes(total)}; kernel RSS ${humanBytes(rss)}` : `kernel RSS ${humanBytes(rss)}`);
    ctx.state.set('memory-chart', sparkline(pushHistory(ctx, 'monitor:rss', rss)));
  }

  const [pipes, shm, queues] = await Promise.all([
    optional<{ pipes: number; buffered: number }>(ctx, 'pipe.stats'),
    optional<{ segments: number; bytes: number }>(ctx, 'shm.stats'),
    optional<{ queues: number; bytes: number }>(ctx, 'queue.stats'),
  ]);
  const ipcBytes = (pipes?.buffered ?? 0) + (shm?.bytes ?? 0) + (queues?.bytes ?? 0);
  ctx.state.set('ipc', `${pipes?.pipes ?? 0} pipes (${humanBytes(pipes?.buffered ?? 0)} buffered), ${shm?.segments ?? 0} shared memory segments (${humanBytes(shm?.bytes ?? 0)}), ${queues?.queues ?? 0} queues (${humanBytes(queues?.bytes ?? 0)})`);
  ctx.state.set('ipc-chart', sparkline(pushHistory(ctx, 'monitor:ipc', ipcBytes)));
  ctx.state.set('updated', `Updated ${new Date(now).toLocaleTimeString()}`);
  return { rate, latency };
}

export const MONITOR_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'monitor.sample',
    doc: 'Sample kernel metrics, memory and IPC into state (rates, latency, charts, bars).',
    params: () => z.object({}),
    run: (ctx) => sample(ctx),
  }),
];
