import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/runtime/sessions/index.js';
import { kernelSyscaller } from '../../src/runtime/registry/index.js';
import { tempDir, testKernel } from '../helpers/kernel.js';

const ROUNDS = 30;
/** Kill rounds run in two lanes at once (each on its own data dir) to keep the test short. */
const LANES = 2;

/**
 * Run the writer until it has acknowledged a random number of saves, then SIGKILL it a
 * random moment later: it saves back to back, so the kill lands inside a later save. Counting
 * saves rather than waiting a fixed time keeps the kills among the writes on a loaded machine.
 */
function round(script: string, home: string, start: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, home, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const killAfter = 1 + Math.floor(Math.random() * 4);
    let out = '';
    let err = '';
    let killTimer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const acked = out.split('\n').length - 2;
      if (!killTimer && acked >= killAfter) killTimer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 4));
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the writer ended by itself (${code}): ${err}`));
      // Only complete lines count: a save is acknowledged once its line is out.
      const acked = new Map<string, number>();
      for (const line of out.split('\n').slice(1, -1)) {
        const [name, n] = line.split(' ');
        acked.set(name!, Number(n));
      }
      resolve(acked);
    });
  });
}

/** One data dir: its writer killed `rounds` times; after each kill, every session is checked. */
async function lane(script: string, rounds: number): Promise<number> {
  const home = tempDir();
  const kernel = testKernel({ home });
  const store = new SessionStore(kernelSyscaller(kernel, kernel.userPid));
  const last = new Map<string, number>();
  let next = 1;
  let saves = 0;
  for (let r = 0; r < rounds; r++) {
    const acked = await round(script, home, next);
    for (const [name, n] of acked) last.set(name, n);
    saves += acked.size ? Math.max(...acked.values()) - next + 1 : 0;
    const { sessions, problems } = await store.list();
    expect(problems).toEqual([]);
    for (const s of sessions) {
      const session = await store.read(s.name);
      const counter = session.workspace.apps[0]!.state.counter as number;
      // The last acknowledged save, or one that finished just before the kill took its line.
      expect(counter).toBeGreaterThanOrEqual(last.get(s.name) ?? 0);
      expect(counter).toBeLessThanOrEqual((last.get(s.name) ?? 0) + 3);
      last.set(s.name, counter);
      next = Math.max(next, counter + 1);
    }
  }
  const names = (await kernel.syscall<{ name: string }[]>(kernel.userPid, 'fs.list', { path: '/home/sessions' })).map((e) => e.name);
  expect(names.filter((n) => n.includes('corrupt'))).toEqual([]);
  return saves;
}

describe('sessions: crash safety', () => {
  it(`every session file stays loadable and holds the last complete save across ${ROUNDS} SIGKILLs`, async () => {
    const dir = tempDir();
    await build({
      entryPoints: { writer: path.resolve('tests/runtime/sessions-writer.ts') },
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
    const script = path.join(dir, 'writer.js');
    const saves = await Promise.all(Array.from({ length: LANES }, () => lane(script, ROUNDS / LANES)));
    // Every round saved before its kill, so the kills landed while saves were going on.
    expect(saves.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ROUNDS);
  }, 90_000);
});
