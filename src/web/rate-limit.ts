/**
 * A token bucket per client: `rate` tokens a second, holding at most `burst`. A request
 * takes one; an empty bucket answers how long until the next token (for Retry-After).
 * Idle buckets are forgotten, so a scan of many addresses cannot grow memory for long.
 */
export interface RateLimiter {
  /** 0 when allowed, else the seconds to wait. */
  take(key: string, now?: number): number;
  readonly rate: number;
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_BUCKETS = 10_000;

export function tokenBucket(rate: number, burst = rate, clock: () => number = () => performance.now()): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = rate / 1000;
  return {
    rate,
    burst,
    take(key, now = clock()) {
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= MAX_BUCKETS) sweep(buckets, now, burst / perMs);
        b = { tokens: burst, at: now };
        buckets.set(key, b);
      } else {
        b.tokens = Math.min(burst, b.tokens + (now - b.at) * perMs);
        b.at = now;
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return (1 - b.tokens) / perMs / 1000;
    },
  };
}

/** Drop buckets that have refilled (their clients are idle); the oldest go first if none has. */
function sweep(buckets: Map<string, Bucket>, now: number, fullAfterMs: number) {
  for (const [k, b] of buckets) if (now - b.at >= fullAfterMs) buckets.delete(k);
  if (buckets.size < MAX_BUCKETS) return;
  let n = buckets.size / 10;
  for (const k of buckets.keys()) {
    if (n-- <= 0) break;
    buckets.delete(k);
  }
}
