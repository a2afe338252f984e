/**
 * Metrics kept on the hot path as plain numbers (a prom-client observe costs ~180 ns; a
 * syscall should cost ~1 µs), and turned into Prometheus text by prom-client on demand,
 * so one-shot commands never load it.
 */
export const LATENCY_BUCKETS = [
  0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005,
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];
const RECENT = 1024;

export class SyscallStats {
  calls = 0;
  errors = new Map<string, number>();
  buckets = new Uint32Array(LATENCY_BUCKETS.length + 1);
  sumSeconds = 0;
  private recent = new Float64Array(RECENT);
  private filled = 0;
  private cursor = 0;

  observe(seconds: number) {
    this.calls++;
    this.sumSeconds += seconds;
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]!) i++;
    this.buckets[i]!++;
    this.recent[this.cursor] = seconds;
    this.cursor = (this.cursor + 1) % RECENT;
    if (this.filled < RECENT) this.filled++;
  }

  /** Percentile of the last 1024 calls, in seconds. */
  percentile(p: number): number {
    if (!this.filled) return 0;
    const sorted = Array.from(this.recent.subarray(0, this.filled)).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  }
}

export interface MetricsSnapshot {
  uptime_s: number;
  syscalls_total: number;
  errors_total: number;
  denials_total: number;
  bytes_read: number;
  bytes_written: number;
  by_syscall: Record<string, { calls: number; errors: Record<string, number>; p50_us: number; p99_us: number; mean_us: number }>;
  counters: Record<string, number>;
  /** `target`: the canonical path, host, command, pid or IPC object refused; null when the refusal had none. */
  recent_denials: { at: number; pid: number; syscall: string; target: string | null; message: string }[];
}

/** Anything else that wants to show up in /metrics registers a collector (web, ai, cache). */
export type ExtraCollector = (registry: import('prom-client').Registry) => void | Promise<void>;

export class Metrics {
  readonly bySyscall = new Map<string, SyscallStats>();
  bytesRead = 0;
  bytesWritten = 0;
  denials = 0;
  readonly recentDenials: MetricsSnapshot['recent_denials'] = [];
  /** Free-form counters other subsystems bump (ipc bytes, oom kills, generations). */
  readonly counters = new Map<string, number>();
  private readonly started = Date.now();
  private extra: ExtraCollector[] = [];

  stats(name: string): SyscallStats {
    let s = this.bySyscall.get(name);
    if (!s) this.bySyscall.set(name, (s = new SyscallStats()));
    return s;
  }

  fail(stats: SyscallStats, code: string) {
    stats.errors.set(code, (stats.errors.get(code) ?? 0) + 1);
  }

  denied(pid: number, syscall: string, message: string, target?: string) {
    this.denials++;
    this.recentDenials.push({ at: Date.now(), pid, syscall, target: target ?? null, message });
    if (this.recentDenials.length > 50) this.recentDenials.shift();
  }

  count(name: string, by = 1) {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  addCollector(c: ExtraCollector) {
    this.extra.push(c);
  }

  snapshot(): MetricsSnapshot {
    let total = 0;
    let errors = 0;
    const by: MetricsSnapshot['by_syscall'] = {};
    for (const [name, s] of this.bySyscall) {
      total += s.calls;
      let e = 0;
      for (const n of s.errors.values()) e += n;
      errors += e;
      by[name] = {
        calls: s.calls,
        errors: Object.fromEntries(s.errors),
        p50_us: round(s.percentile(50) * 1e6),
        p99_us: round(s.percentile(99) * 1e6),
        mean_us: round(s.calls ? (s.sumSeconds / s.calls) * 1e6 : 0),
      };
    }
    return {
      uptime_s: round((Date.now() - this.started) / 1000),
      syscalls_total: total,
      errors_total: errors,
      denials_total: this.denials,
      bytes_read: this.bytesRead,
      bytes_written: this.bytesWritten,
      by_syscall: by,
      counters: Object.fromEntries(this.counters),
      recent_denials: [...this.recentDenials],
    };
  }

  /** Prometheus exposition text, formatted by prom-client from the numbers kept here. */
  async prometheus(): Promise<string> {
    const mod = await import('prom-client');
    // A CommonJS module: bundled, its exports sit on `default`.
    const pc = ((mod as unknown as { default?: typeof mod }).default ?? mod) as typeof mod;
    const registry = new pc.Registry();
    const self = this;
    registry.registerMetric(
      customMetric('agentos_syscall_duration_seconds', 'Syscall latency in seconds.', 'histogram', () =>
        [...self.bySyscall].flatMap(([syscall, s]) => histogramValues('agentos_syscall_duration_seconds', { syscall }, s)),
      ),
    );
    registry.registerMetric(
      customMetric('agentos_syscalls_total', 'Syscalls dispatched.', 'counter', () =>
        [...self.bySyscall].map(([syscall, s]) => ({ labels: { syscall }, value: s.calls })),
      ),
    );
    registry.registerMetric(
      customMetric('agentos_syscall_errors_total', 'Syscalls that failed, by errno code.', 'counter', () =>
        [...self.bySyscall].flatMap(([syscall, s]) => [...s.errors].map(([code, value]) => ({ labels: { syscall, code }, value }))),
      ),
    );
    registry.registerMetric(customMetric('agentos_bytes_read_total', 'Bytes read by syscalls.', 'counter', () => [{ labels: {}, value: self.bytesRead }]));
    registry.registerMetric(customMetric('agentos_bytes_written_total', 'Bytes written by syscalls.', 'counter', () => [{ labels: {}, value: self.bytesWritten }]));
    registry.registerMetric(customMetric('agentos_permission_denied_total', 'Calls refused by the sandbox.', 'counter', () => [{ labels: {}, value: self.denials }]));
    registry.registerMetric(
      customMetric('agentos_events_total', 'Kernel subsystem counters.', 'counter', () =>
        [...self.counters].map(([event, value]) => ({ labels: { event }, value })),
      ),
    );
    for (const c of this.extra) await c(registry);
    return registry.metrics();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

type Value = { labels: Record<string, string>; value: number; metricName?: string };

/** A metric object in the shape prom-client's Registry reads, backed by our own numbers. */
function customMetric(name: string, help: string, type: 'counter' | 'histogram', values: () => Value[]): any {
  return {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: values() }),
    reset() {},
  };
}

function histogramValues(name: string, labels: Record<string, string>, s: SyscallStats): Value[] {
  const out: Value[] = [];
  let acc = 0;
  LATENCY_BUCKETS.forEach((le, i) => {
    acc += s.buckets[i]!;
    out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: String(le) }, value: acc });
  });
  out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: s.calls });
  out.push({ metricName: `${name}_sum`, labels, value: s.sumSeconds });
  out.push({ metricName: `${name}_count`, labels, value: s.calls });
  return out;
}
