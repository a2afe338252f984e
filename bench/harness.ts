/** Small timing helpers shared by every benchmark suite. */
export interface Stats {
  p50: number;
  p99: number;
  mean: number;
  n: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
}

export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Time an async operation `n` times (after `warmup` runs), in microseconds each. */
export async function timeAsync(n: number, fn: () => Promise<unknown>, warmup = Math.min(1000, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out[i] = (performance.now() - t) * 1000;
  }
  return out;
}

/** A benchmark suite: a name and a function returning named figures. */
export interface Suite {
  name: string;
  /** The issue whose goals these figures answer. */
  issue: number;
  run(): Promise<Record<string, unknown>>;
}
