import { describe, expect, test } from 'vitest';
import { KERNEL_VERSION } from '../../../src/kernel/kernel.js';
import { SERVICE_TOOLS } from '../../../src/runtime/services/index.js';
import { testKernel } from '../../helpers/kernel.js';
import { appContext, failure, runTool } from './tool-context.js';

const run = (ctx: Parameters<typeof runTool>[1], id: string, params?: Record<string, unknown>) => runTool(SERVICE_TOOLS, ctx, id, params);

describe('system service', () => {
  test('info, time and ping come from the kernel', async () => {
    const kernel = testKernel();
    const ctx = appContext(kernel);
    const info = await run(ctx, 'system.info');
    expect(info).toMatchObject({ name: 'AgentOS', version: KERNEL_VERSION });
    expect(info.processes).toBe(kernel.procs.list().length);

    const before = Date.now();
    const time = await run(ctx, 'system.time');
    expect(time.ms).toBeGreaterThanOrEqual(before);
    expect(time.ms).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(time.iso)).toBe(time.ms);
    expect(typeof time.timezone).toBe('string');
    expect(time.uptime_s).toBeGreaterThanOrEqual(0);

    expect(await run(ctx, 'system.ping')).toMatchObject({ pong: true });
  });

  test('the calls are syscalls of the app\'s pid: the kernel counts them', async () => {
    const kernel = testKernel();
    const ctx = appContext(kernel);
    const seen: string[] = [];
    kernel.events.on('syscall_executed', (e) => {
      if (e.pid === ctx.pid) seen.push(e.syscall);
    });
    await run(ctx, 'system.ping');
    await run(ctx, 'system.time');
    expect(seen).toEqual(['sys.ping', 'time.now', 'time.uptime']);
  });

  test('getLogs shows this app\'s lines, or everyone\'s with all=true', async () => {
    const kernel = testKernel();
    const ctx = appContext(kernel);
    await ctx.syscall('sys.log', { message: 'from the app', level: 'warn' });
    await kernel.syscall(kernel.userPid, 'sys.log', { message: 'from someone else' });
    const mine = await run(ctx, 'system.getLogs');
    expect(mine.map((l: { message: string }) => l.message)).toEqual(['from the app']);
    expect(mine[0]).toMatchObject({ pid: ctx.pid, level: 'warn' });
    const all = await run(ctx, 'system.getLogs', { all: true });
    expect(all.map((l: { message: string }) => l.message)).toEqual(expect.arrayContaining(['from the app', 'from someone else']));
    expect(await run(ctx, 'system.getLogs', { level: 'error' })).toEqual([]);
  });

  test('a MINIMAL app may ping but not read system info', async () => {
    const ctx = appContext(testKernel(), 'locked', 'MINIMAL');
    expect(await run(ctx, 'system.ping')).toMatchObject({ pong: true });
    expect((await failure(run(ctx, 'system.info'))).code).toBe('EACCES');
  });
});
