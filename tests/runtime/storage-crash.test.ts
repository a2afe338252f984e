import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_TOOLS } from '../../src/runtime/services/index.js';
import { bundleWriter, crashRounds, inLanes } from '../helpers/crash.js';
import { tempDir, testKernel } from '../helpers/kernel.js';
import { appContext, runTool } from './services/tool-context.js';

const ROUNDS = 20;
const LANES = 2;
const APP = 'crash-notes';

/** One data dir: its app's storage writes killed `rounds` times; after each kill the storage is read back. */
async function lane(script: string, rounds: number): Promise<number> {
  const home = tempDir();
  const kernel = testKernel({ home });
  const sets = await crashRounds(script, home, rounds, async () => {
    // Read as the app would after a restart: a damaged file would fail here with EIO.
    const ctx = appContext(kernel, APP);
    const counters = new Map<string, number>();
    for (const key of await runTool<string[]>(SERVICE_TOOLS, ctx, 'storage.list')) {
      const value = await runTool<{ counter: number; ballast: string }>(SERVICE_TOOLS, ctx, 'storage.get', { key });
      expect(value.ballast).toHaveLength(16 * 1024);
      counters.set(key, value.counter);
    }
    return counters;
  });
  // One file per app, nothing else but the hidden temp files of writes cut short.
  const files = readdirSync(path.join(home, '.agentos', 'storage')).filter((n) => !n.startsWith('.'));
  expect(files).toEqual([`${APP}.json`]);
  return sets;
}

describe('storage service: crash safety', () => {
  it(`an app's storage file stays loadable and holds the last complete set across ${ROUNDS} SIGKILLs`, async () => {
    const script = await bundleWriter('tests/runtime/storage-crash-writer.ts');
    const sets = await inLanes(LANES, ROUNDS, (rounds) => lane(script, rounds));
    expect(sets.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ROUNDS);
  }, 90_000);
});
