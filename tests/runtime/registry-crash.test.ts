import { readdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRegistry } from '../../src/runtime/registry/index.js';
import { ATOMIC_TEMP, bundleWriter, crashRounds, inLanes } from '../helpers/crash.js';
import { tempDir, testKernel } from '../helpers/kernel.js';
import { counterOf } from './registry-crash-app.js';

const ROUNDS = 20;
const LANES = 2;

const tempsIn = (dir: string) => readdirSync(dir).filter((n) => ATOMIC_TEMP.test(n)).map((n) => path.join(dir, n));

/** One data dir: its writer killed `rounds` times; after each kill a fresh registry opens it. */
async function lane(script: string, rounds: number): Promise<number> {
  const home = tempDir();
  const kernel = testKernel({ home });
  const saves = await crashRounds(script, home, rounds, async () => {
    // What the next start would see: every file registers, none is skipped as broken.
    const { registry, problems } = await openRegistry(kernel);
    expect(problems).toEqual([]);
    return new Map(registry.entries().map((e) => [e.id, counterOf(registry.cached(e.id)!)]));
  });
  // Kills mid-write leave hidden temp files; once old, the registry clears them when it opens.
  const temps = [...tempsIn(path.join(home, 'apps')), ...tempsIn(path.join(home, 'apps', 'generated'))];
  const hourAgo = new Date(Date.now() - 3600_000);
  for (const t of temps) utimesSync(t, hourAgo, hourAgo);
  await openRegistry(kernel);
  expect([...tempsIn(path.join(home, 'apps')), ...tempsIn(path.join(home, 'apps', 'generated'))]).toEqual([]);
  return saves;
}

describe('registry: crash safety', () => {
  it(`every saved app stays loadable and holds the last complete save across ${ROUNDS} SIGKILLs`, async () => {
    const script = await bundleWriter('tests/runtime/registry-crash-writer.ts');
    const saves = await inLanes(LANES, ROUNDS, (rounds) => lane(script, rounds));
    expect(saves.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ROUNDS);
  }, 90_000);
});
