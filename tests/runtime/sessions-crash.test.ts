import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/runtime/sessions/index.js';
import { kernelSyscaller } from '../../src/runtime/registry/index.js';
import { bundleWriter, crashRounds, inLanes } from '../helpers/crash.js';
import { tempDir, testKernel } from '../helpers/kernel.js';

const ROUNDS = 30;
const LANES = 2;

/** One data dir: its writer killed `rounds` times; after each kill, every session is checked. */
async function lane(script: string, rounds: number): Promise<number> {
  const home = tempDir();
  const kernel = testKernel({ home });
  const store = new SessionStore(kernelSyscaller(kernel, kernel.userPid));
  const saves = await crashRounds(script, home, rounds, async () => {
    const { sessions, problems } = await store.list();
    expect(problems).toEqual([]);
    const counters = new Map<string, number>();
    for (const s of sessions) counters.set(s.name, (await store.read(s.name)).workspace.apps[0]!.state.counter as number);
    return counters;
  });
  const names = (await kernel.syscall<{ name: string }[]>(kernel.userPid, 'fs.list', { path: '/home/sessions' })).map((e) => e.name);
  expect(names.filter((n) => n.includes('corrupt'))).toEqual([]);
  return saves;
}

describe('sessions: crash safety', () => {
  it(`every session file stays loadable and holds the last complete save across ${ROUNDS} SIGKILLs`, async () => {
    const script = await bundleWriter('tests/runtime/sessions-writer.ts');
    const saves = await inLanes(LANES, ROUNDS, (rounds) => lane(script, rounds));
    // Every round saved before its kill, so the kills landed while saves were going on.
    expect(saves.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ROUNDS);
  }, 90_000);
});
