/**
 * How often and how long to retry a provider that said "later" (429, 5xx, a dropped stream).
 * Bounded in both count and wait: a Retry-After longer than `maxWaitMs` is reported instead
 * of waited out, so a command never hangs for a minute on a busy server.
 */
export interface RetryPolicy {
  /** Retries after the first try. */
  retries: number;
  /** First backoff; doubles each time, with jitter. */
  baseMs: number;
  /** Longest single wait, backoff or Retry-After. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseMs: 400, maxWaitMs: 8000 };

/** The wait before retry number `attempt` (0-based), or undefined when we should not wait that long. */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random = Math.random): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxWaitMs ? retryAfterMs : undefined;
  const exp = policy.baseMs * 2 ** attempt;
  return Math.min(policy.maxWaitMs, Math.round(exp / 2 + random() * (exp / 2)));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', stop);
      resolve();
    }
    function stop() {
      clearTimeout(t);
      reject(new Error('cancelled'));
    }
    signal?.addEventListener('abort', stop, { once: true });
  });
}
