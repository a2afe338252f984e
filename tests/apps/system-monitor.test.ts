import { describe, expect, it } from 'vitest';
import { appDesk, stateOf, errorsOf } from './setup.js';

describe('system-monitor', () => {
  it('samples syscall rate and latency, memory and IPC, and draws them as charts', async () => {
    const { runtime: rt, kernel } = await appDesk();
    const id = await rt.launchApp('system-monitor');
    const u = kernel.userPid;
    // Work between two samples: syscalls, and IPC objects that hold memory.
    for (let i = 0; i < 200; i++) await kernel.syscall(u, 'time.now');
    await kernel.syscall(u, 'shm.create', { size: 4096 });
    await kernel.syscall(u, 'queue.create', { kind: 'fifo' });
    await new Promise((r) => setTimeout(r, 20));
    await rt.runTool(id, 'monitor.sample');
    const s = stateOf(rt, id);
    const rate = Number(/^(\d+) syscalls\/s/.exec(String(s.rate))?.[1]);
    expect(rate).toBeGreaterThan(0);
    expect(String(s.latency)).toMatch(/µs mean per syscall/);
    expect(String(s['rate-chart'])).toMatch(/^[▁▂▃▄▅▆▇█]{2,}$/);
    expect(s['memory-bar']).toEqual(expect.any(Number));
    expect(s['host-memory-bar']).toBeGreaterThan(0);
    expect(String(s.ipc)).toMatch(/1 shared memory segments \(4\.0 KB\), 1 queues/);
    const top = s['top-syscalls'] as { value: string }[];
    expect(top[0]!.value).toBe('time.now');
    expect(errorsOf(rt, id)).toEqual([]);
  });

  it('samples on a timer', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('system-monitor');
    expect((stateOf(rt, id)['monitor:rates'] as number[]).length).toBe(1);
    await new Promise((r) => setTimeout(r, 1300));
    await rt.idle();
    expect((stateOf(rt, id)['monitor:rates'] as number[]).length).toBeGreaterThanOrEqual(2);
  });
});
