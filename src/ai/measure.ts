import type { GenEvent } from './events.js';
import { generate, type GenerateOptions } from './generate.js';

/**
 * Timings for the benchmarks (bench/results.json: gen_template_ms, gen_cache_hit_ms,
 * first_component_ms). One run of `generate()`, drained, with when things happened.
 */
export interface GenerationTiming {
  /** From the call to the first `component` event (undefined when none came). */
  firstComponentMs?: number;
  /** From the call to `complete` (or `error`). */
  totalMs: number;
  cached: boolean;
  ok: boolean;
}

export async function timeGeneration(prompt: string, options: GenerateOptions = {}): Promise<GenerationTiming> {
  const start = performance.now();
  let firstComponentMs: number | undefined;
  let last: GenEvent | undefined;
  for await (const ev of generate(prompt, options)) {
    if (ev.type === 'component' && firstComponentMs === undefined) firstComponentMs = performance.now() - start;
    last = ev;
  }
  return { firstComponentMs, totalMs: performance.now() - start, cached: last?.type === 'complete' && last.cached, ok: last?.type === 'complete' };
}

/** The offline generator alone, as gen_template_ms measures it (no cache, no events). */
export { templateApp } from './templates/index.js';
