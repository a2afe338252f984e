import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kernel } from '../../src/kernel/kernel.js';
import { round, stats, timeAsync, type Suite } from '../harness.js';

/** syscall_dispatch_us: the one door's cost, in-process; and fs.list of a 10,000-entry folder under /home. */
export const kernelDispatch: Suite = {
  name: 'syscall_dispatch_us',
  issue: 2,
  async run() {
    const home = mkdtempSync(path.join(os.tmpdir(), 'agentos-bench-'));
    try {
      const k = new Kernel({ home });
      const pid = k.userPid;
      await k.syscall(pid, 'fs.write', { path: '/tmp/4k', content: 'x'.repeat(4096) });
      const now = stats(await timeAsync(200_000, () => k.syscall(pid, 'time.now'), 20_000));
      const read = stats(await timeAsync(50_000, () => k.syscall(pid, 'fs.read', { path: '/tmp/4k' }), 5_000));
      // Throughput: back-to-back calls on one core for one second.
      let calls = 0;
      const until = performance.now() + 1000;
      while (performance.now() < until) {
        for (let i = 0; i < 1000; i++) await k.syscall(pid, 'time.now');
        calls += 1000;
      }
      const elapsed = (performance.now() - (until - 1000)) / 1000;
      const big = path.join(home, 'big');
      mkdirSync(big);
      for (let i = 0; i < 10_000; i++) writeFileSync(path.join(big, `file-${i}.txt`), 'x');
      const list = (await timeAsync(20, () => k.syscall(pid, 'fs.list', { path: '/home/big' }), 3)).map((us) => us / 1000);
      await k.shutdown();
      return {
        time_now: now,
        fs_read_4k_memfs: read,
        syscalls_per_s: Math.round(calls / elapsed),
        fs_list_10k_ms: stats(list),
        goal: 'time.now p50 <= 2 us, p99 <= 20 us; >= 300k syscalls/s; fs.list of 10k entries (LocalFS) p50 <= 150 ms',
      };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};

export const _round = round;
