import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kernel } from '../../kernel/kernel.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { restoreSession, saveSession } from '../sessions/sessions.js';
import { appRuntimeOptions, openRegistry } from './open.js';
import type { AppRegistry } from './registry.js';

/** p50 / p99 / mean of samples in milliseconds. */
export interface Timing {
  p50: number;
  p99: number;
  mean: number;
  n: number;
}

function timing(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return { p50: r(at(0.5)), p99: r(at(0.99)), mean: r(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
}

interface Desk {
  kernel: Kernel;
  registry: AppRegistry;
  runtime: Runtime;
  done(): Promise<void>;
}

/** An in-process desktop on a temp data dir with the shipped apps: what the benchmarks measure. */
async function benchDesk(appsDir: string): Promise<Desk> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'agentos-bench-'));
  const kernel = new Kernel({ home, appsDir });
  const { registry } = await openRegistry(kernel);
  const runtime = createRuntime({ kernel, headless: true, ...appRuntimeOptions(registry) });
  return {
    kernel,
    registry,
    runtime,
    async done() {
      await runtime.shutdown();
      await kernel.shutdown();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

async function timeLaunches(rt: Runtime, appId: string, n: number, warmup: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < warmup + n; i++) {
    const t = performance.now();
    const id = await rt.launchApp(appId);
    const ms = performance.now() - t;
    if (i >= warmup) out.push(ms);
    await rt.close(id);
  }
  return out;
}

/**
 * app_launch_ms: from a launch by id (what `agentos apps launch` asks the desktop for) to
 * the app's first state (its on_mount done), for a shipped app and a saved one, in-process.
 * Goal: p50 <= 20 ms.
 */
export async function measureAppLaunch(opts: { appsDir: string; app?: string; iterations?: number; warmup?: number }) {
  const d = await benchDesk(opts.appsDir);
  try {
    const app = opts.app ?? 'calculator';
    const n = opts.iterations ?? 200;
    const warmup = opts.warmup ?? 20;
    const shippedText = (await d.registry.source(app)).text;
    const saved = `${app}-saved`;
    await d.registry.save(shippedText.replace(`"id": "${app}"`, `"id": "${saved}"`), { source: 'saved' });
    if (!d.registry.get(saved)) throw new Error(`could not make a saved copy of ${app} for the benchmark`);
    return {
      shipped: timing(await timeLaunches(d.runtime, app, n, warmup)),
      saved: timing(await timeLaunches(d.runtime, saved, n, warmup)),
      goal: 'p50 <= 20 ms in-process (the original promised < 100 ms)',
    };
  } finally {
    await d.done();
  }
}

/** session_save_ms and session_restore_ms with `apps` apps running (default 10). */
export async function measureSessions(opts: { appsDir: string; apps?: number; iterations?: number }) {
  const d = await benchDesk(opts.appsDir);
  try {
    const kinds = ['calculator', 'todo', 'notes', 'color-mixer', 'file-explorer'];
    const count = opts.apps ?? 10;
    for (let i = 0; i < count; i++) await d.runtime.launchApp(kinds[i % kinds.length]!);
    const n = opts.iterations ?? 30;
    const saves: number[] = [];
    const restores: number[] = [];
    for (let i = 0; i < n; i++) {
      let t = performance.now();
      await saveSession(d.runtime, 'bench');
      saves.push(performance.now() - t);
      t = performance.now();
      await restoreSession(d.runtime, 'bench');
      restores.push(performance.now() - t);
    }
    return { apps: count, session_save_ms: timing(saves), session_restore_ms: timing(restores) };
  } finally {
    await d.done();
  }
}
