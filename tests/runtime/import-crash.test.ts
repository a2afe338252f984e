import { mkdirSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRegistry } from '../../src/runtime/registry/index.js';
import { ATOMIC_TEMP, inLanes, killRound, type KillPlan } from '../helpers/crash.js';
import { BIN } from '../helpers/cli.js';
import { tempDir, testKernel } from '../helpers/kernel.js';
import { counterOf, crashAppText } from './registry-crash-app.js';

const ROUNDS = 20;
const LANES = 2;
const APP = 'imported';

/** Kill when the import's atomic write starts (its temp file appears), 0-2 ms later. */
const atTheWrite =
  (dir: string): KillPlan['arm'] =>
  (kill) => {
    const w = watch(dir, (_event, name) => {
      if (name && ATOMIC_TEMP.test(String(name))) kill();
    });
    return () => w.close();
  };

/** Kill at a random moment of the whole command (parsing, boot, registry scan, write). */
const anywhere =
  (ms: number): KillPlan['arm'] =>
  (kill) => {
    const t = setTimeout(kill, Math.random() * ms);
    return () => clearTimeout(t);
  };

/**
 * One data dir: `agentos apps import FILE` run `rounds` times, each with a newer version of
 * the file: most killed in the middle of their write, some at any moment, every fourth
 * left to finish. After each round a fresh registry
 * opens the dir: the app holds the last version an import acknowledged, or the one just
 * attempted, and nothing is broken.
 */
async function lane(rounds: number): Promise<{ killed: number; acked: number }> {
  const home = tempDir();
  const apps = path.join(home, 'apps');
  mkdirSync(apps, { recursive: true });
  const src = path.join(tempDir(), `${APP}.bp`);
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', AGENTOS_HOME: home };
  const kernel = testKernel({ home });
  let have = 0;
  let killed = 0;
  let acked = 0;
  for (let n = 1; n <= rounds; n++) {
    writeFileSync(src, crashAppText(APP, n));
    // Every fourth import runs to the end (acknowledged); the others die at the write or anywhere.
    const arm = n % 4 === 0 ? undefined : n % 4 === 2 ? anywhere(1200) : atTheWrite(apps);
    const plan: KillPlan = { mayFinish: true, jitterMs: 3, arm };
    const round = await killRound([BIN, 'apps', 'import', src, '--local'], plan, env);
    if (round.killed) killed++;
    else expect(round.code, round.stderr).toBe(0);
    const done = round.lines.some((l) => l.startsWith(`imported ${APP} `));
    if (done) acked++;
    const { registry, problems } = await openRegistry(kernel);
    expect(problems).toEqual([]);
    const bp = registry.cached(APP);
    if (done) expect(bp && counterOf(bp)).toBe(n);
    // The earlier version or this one: never a mix, never nothing once something was there.
    if (have) expect([have, n]).toContain(bp && counterOf(bp));
    if (bp) have = counterOf(bp);
  }
  return { killed, acked };
}

describe('apps import: crash safety', () => {
  it(`the imported app stays loadable and holds the last complete import across ${ROUNDS} SIGKILLs`, async () => {
    const lanes = await inLanes(LANES, ROUNDS, (rounds) => lane(rounds));
    // Most rounds were killed, and the imports left to finish (every fourth of each lane) were acknowledged.
    expect(lanes.reduce((a, l) => a + l.killed, 0)).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect(lanes.reduce((a, l) => a + l.acked, 0)).toBeGreaterThanOrEqual(LANES * Math.floor(ROUNDS / LANES / 4));
  }, 90_000);
});
