import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { expect } from 'vitest';
import { tempDir } from './kernel.js';

/**
 * Crash tests: a child writes in a loop (or runs one command), the test SIGKILLs it at a
 * random moment among its writes, then checks that every file is still whole and holds
 * at least the last write the child acknowledged. Acknowledged means a complete line on
 * the child's stdout, printed after the write returned.
 */

/** Bundle a writer script (TypeScript under tests/) into one ESM file a plain `node` runs. */
export async function bundleWriter(entry: string): Promise<string> {
  const dir = tempDir('agentos-crash-');
  const name = path.basename(entry).replace(/\.ts$/, '');
  await build({
    entryPoints: { [name]: path.resolve(entry) },
    outdir: dir,
    bundle: true,
    splitting: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['node-pty'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return path.join(dir, `${name}.js`);
}

export interface KillPlan {
  /** Kill once this many complete lines are out (then `jitterMs` later). */
  afterLines?: number;
  /** Random extra delay before the kill: 0 to jitterMs-1 ms (default 4). */
  jitterMs?: number;
  /**
   * Arm the kill some other way (a file watch, a timer): call `kill()` when the moment
   * came; return a function that disarms it.
   */
  arm?: (kill: () => void) => () => void;
  /** A child ending by itself is fine (a one-shot command that finished before the kill). */
  mayFinish?: boolean;
}

export interface Round {
  /** Complete stdout lines: what the child acknowledged before it died. */
  lines: string[];
  killed: boolean;
  code: number | null;
  stderr: string;
}

const randomBelow = (n: number) => Math.floor(Math.random() * n);

/** Run `node args...`, kill it by the plan, and say what it acknowledged. */
export function killRound(args: string[], plan: KillPlan, env?: NodeJS.ProcessEnv): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    const jitter = plan.jitterMs ?? 4;
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), randomBelow(jitter));
    };
    const disarm = plan.arm?.(kill);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (plan.afterLines !== undefined && out.split('\n').length - 1 >= plan.afterLines) kill();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      disarm?.();
      const killed = signal === 'SIGKILL';
      if (!killed && !plan.mayFinish) return reject(new Error(`the writer ended by itself (${code ?? signal}): ${err}`));
      // Only complete lines count: a write is acknowledged once its line is out.
      resolve({ lines: out.split('\n').slice(0, -1), killed, code, stderr: err });
    });
  });
}

/**
 * A writer that prints `ready`, then `<name> <counter>` after each write: killed after
 * 1 to 4 acknowledged writes, a few ms later, so the kill lands inside a later write.
 * Counting writes rather than waiting a fixed time keeps kills among the writes on a
 * loaded machine. Returns the last acknowledged counter of each name.
 */
export async function killWriter(script: string, args: string[]): Promise<Map<string, number>> {
  const round = await killRound([script, ...args], { afterLines: 2 + randomBelow(4) });
  return lastCounters(round.lines);
}

/** `<name> <counter>` lines (others skipped) as the last counter of each name. */
export function lastCounters(lines: string[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const line of lines) {
    const m = /^(\S+) (\d+)$/.exec(line);
    if (m) last.set(m[1]!, Number(m[2]));
  }
  return last;
}

/**
 * Rounds split over lanes that run at once, each on its own data dir (two cores: two lanes
 * keep a test short). Returns each lane's result.
 */
export function inLanes<T>(lanes: number, rounds: number, lane: (rounds: number, index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: lanes }, (_, i) => lane(Math.ceil(rounds / lanes), i)));
}

/** The hidden temp file of an atomic write (`.name.tmp-PID-hex`), as LocalFS names it. */
export const ATOMIC_TEMP = /^\..*\.tmp-\d+-[0-9a-f]{8}$/;

/**
 * The rounds of one data dir: the writer killed `rounds` times, counters starting where the
 * last round's left off. After each kill `readBack(round)` reads every name as a restart
 * would (throwing on a damaged file) and returns its counter: each acknowledged name is
 * there, holding its last acknowledged write or one that finished just before the kill
 * took its line. Returns how many writes were acknowledged.
 */
export async function crashRounds(script: string, home: string, rounds: number, readBack: (round: number) => Promise<Map<string, number>>): Promise<number> {
  const last = new Map<string, number>();
  let next = 1;
  let acknowledged = 0;
  for (let r = 0; r < rounds; r++) {
    const acked = await killWriter(script, [home, String(next)]);
    for (const [name, n] of acked) last.set(name, n);
    acknowledged += acked.size ? Math.max(...acked.values()) - next + 1 : 0;
    const now = await readBack(r);
    for (const name of last.keys()) expect(now.has(name), `${name} after round ${r}`).toBe(true);
    for (const [name, counter] of now) {
      expect(counter, `${name} after round ${r}`).toBeGreaterThanOrEqual(last.get(name) ?? 0);
      expect(counter, `${name} after round ${r}`).toBeLessThanOrEqual((last.get(name) ?? 0) + 3);
      last.set(name, counter);
      next = Math.max(next, counter + 1);
    }
  }
  return acknowledged;
}
