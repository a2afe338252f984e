import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round, stats, type Suite } from '../harness.js';

/** Wall time of one command, in milliseconds, measured the way a shell user pays it. */
function wall(args: string[], env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return performance.now() - t;
}

/** cli_oneshot_ms: `agentos syscall time.now` against bare `node -e ''`, interleaved in one run. */
export const cliOneshot: Suite = {
  name: 'cli_oneshot_ms',
  issue: 2,
  async run() {
    const home = mkdtempSync(path.join(os.tmpdir(), 'agentos-bench-'));
    const env = { ...process.env, AGENTOS_HOME: home };
    const bin = path.resolve('bin/agentos.js');
    const node: number[] = [];
    const cli: number[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        wall(['-e', ''], env);
        wall([bin, 'syscall', 'time.now'], env);
      }
      for (let i = 0; i < 25; i++) {
        node.push(wall(['-e', ''], env));
        cli.push(wall([bin, 'syscall', 'time.now'], env));
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    const n = stats(node);
    const c = stats(cli);
    return { node_bare: n, agentos_syscall_time_now: c, ratio_p50: round(c.p50 / n.p50, 2), goal: 'ratio <= 1.6' };
  },
};
