import type { Kernel } from '../kernel/kernel.js';

/**
 * The web server's figures, kept as plain numbers on the hot path and handed to the
 * kernel's /metrics (prom-client formats them only when scraped): HTTP requests and
 * latency by route, WebSocket connections and messages, generations and the cache.
 */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

class Histogram {
  readonly counts = new Uint32Array(BUCKETS.length + 1);
  sum = 0;
  n = 0;
  observe(seconds: number) {
    let i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
    this.counts[i]!++;
    this.sum += seconds;
    this.n++;
  }
}

type Labels = Record<string, string>;
type Value = { labels: Labels; value: number; metricName?: string };

export class WebMetrics {
  /** `method route status` -> count. */
  readonly requests = new Map<string, number>();
  readonly latency = new Map<string, Histogram>();
  bytesIn = 0;
  bytesOut = 0;
  rateLimited = 0;
  wsOpen = 0;
  wsOpened = 0;
  /** `direction type` -> count. */
  readonly wsMessages = new Map<string, number>();
  wsErrors = 0;
  /** `provider outcome` -> count. */
  readonly generations = new Map<string, number>();
  readonly generationTime = new Histogram();
  cacheHits = 0;
  cacheMisses = 0;

  request(method: string, route: string, status: number, seconds: number) {
    bump(this.requests, `${method} ${route} ${status}`);
    let h = this.latency.get(route);
    if (!h) this.latency.set(route, (h = new Histogram()));
    h.observe(seconds);
  }

  ws(direction: 'in' | 'out', type: string) {
    bump(this.wsMessages, `${direction} ${type}`);
  }

  generation(provider: string, outcome: 'ok' | 'error', seconds: number, cached?: boolean) {
    bump(this.generations, `${provider} ${outcome}`);
    this.generationTime.observe(seconds);
    if (cached === true) this.cacheHits++;
    else if (cached === false) this.cacheMisses++;
  }

  /** For /metrics/json. */
  snapshot() {
    const byRoute: Record<string, { count: number; mean_ms: number }> = {};
    for (const [route, h] of this.latency) byRoute[route] = { count: h.n, mean_ms: h.n ? Math.round((h.sum / h.n) * 1e5) / 100 : 0 };
    return {
      http: { requests: Object.fromEntries(this.requests), by_route: byRoute, bytes_in: this.bytesIn, bytes_out: this.bytesOut, rate_limited: this.rateLimited },
      websocket: { open: this.wsOpen, opened_total: this.wsOpened, messages: Object.fromEntries(this.wsMessages), errors: this.wsErrors },
      generation: { total: Object.fromEntries(this.generations), cache_hits: this.cacheHits, cache_misses: this.cacheMisses, mean_s: this.generationTime.n ? this.generationTime.sum / this.generationTime.n : 0 },
    };
  }

  private apps: () => number = () => 0;

  /**
   * The figures of a kernel's web server: one set per kernel (a restarted server keeps
   * counting), shown in its Prometheus text. `apps` counts the running apps at scrape time.
   */
  static for(kernel: Kernel, apps: () => number): WebMetrics {
    let m = perKernel.get(kernel);
    if (!m) {
      m = new WebMetrics();
      m.register(kernel);
      perKernel.set(kernel, m);
    }
    m.apps = apps;
    return m;
  }

  private register(kernel: Kernel) {
    kernel.metrics.addCollector((registry) => {
      const add = (name: string, help: string, type: 'counter' | 'gauge' | 'histogram', values: () => Value[]) =>
        registry.registerMetric(metric(name, help, type, values) as never);
      add('agentos_http_requests_total', 'HTTP requests by method, route and status.', 'counter', () =>
        [...this.requests].map(([k, value]) => {
          const [method, route, status] = k.split(' ');
          return { labels: { method: method!, route: route!, status: status! }, value };
        }),
      );
      add('agentos_http_request_duration_seconds', 'HTTP request latency by route.', 'histogram', () =>
        [...this.latency].flatMap(([route, h]) => histogram('agentos_http_request_duration_seconds', { route }, h)),
      );
      add('agentos_http_request_bytes_total', 'Bytes of HTTP request bodies read.', 'counter', () => [{ labels: {}, value: this.bytesIn }]);
      add('agentos_http_response_bytes_total', 'Bytes of HTTP responses written.', 'counter', () => [{ labels: {}, value: this.bytesOut }]);
      add('agentos_http_rate_limited_total', 'Requests and messages refused by the rate limit.', 'counter', () => [{ labels: {}, value: this.rateLimited }]);
      add('agentos_ws_connections', 'Open WebSocket connections.', 'gauge', () => [{ labels: {}, value: this.wsOpen }]);
      add('agentos_ws_connections_total', 'WebSocket connections accepted.', 'counter', () => [{ labels: {}, value: this.wsOpened }]);
      add('agentos_ws_messages_total', 'WebSocket messages by direction and type.', 'counter', () =>
        [...this.wsMessages].map(([k, value]) => {
          const [direction, type] = k.split(' ');
          return { labels: { direction: direction!, type: type! }, value };
        }),
      );
      add('agentos_ws_errors_total', 'Malformed or refused WebSocket messages.', 'counter', () => [{ labels: {}, value: this.wsErrors }]);
      add('agentos_generations_total', 'App generations by provider and outcome.', 'counter', () =>
        [...this.generations].map(([k, value]) => {
          const [provider, outcome] = k.split(' ');
          return { labels: { provider: provider!, outcome: outcome! }, value };
        }),
      );
      add('agentos_generation_duration_seconds', 'Time from prompt to a launched app.', 'histogram', () => histogram('agentos_generation_duration_seconds', {}, this.generationTime));
      add('agentos_generation_cache_total', 'Generation cache lookups by result.', 'counter', () => [
        { labels: { result: 'hit' }, value: this.cacheHits },
        { labels: { result: 'miss' }, value: this.cacheMisses },
      ]);
      add('agentos_running_apps', 'Apps running on the desktop.', 'gauge', () => [{ labels: {}, value: this.apps() }]);
    });
  }
}

const perKernel = new WeakMap<Kernel, WebMetrics>();

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** A metric in the shape prom-client's Registry reads, backed by our numbers. */
function metric(name: string, help: string, type: string, values: () => Value[]) {
  return { name, help, type, aggregator: 'sum', get: async () => ({ name, help, type, aggregator: 'sum', values: values() }), reset() {} };
}

function histogram(name: string, labels: Labels, h: Histogram): Value[] {
  const out: Value[] = [];
  let acc = 0;
  BUCKETS.forEach((le, i) => {
    acc += h.counts[i]!;
    out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: String(le) }, value: acc });
  });
  out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: h.n });
  out.push({ metricName: `${name}_sum`, labels, value: h.sum });
  out.push({ metricName: `${name}_count`, labels, value: h.n });
  return out;
}
