import { describe, expect, it } from 'vitest';
import { appDesk, click, stateOf, errorsOf } from './setup.js';

interface ProcItem {
  label: string;
  value: number;
  name: string;
  kind: string;
  state: string;
  cpu: number;
  memory: number;
}

describe('task-manager', () => {
  it('lists the kernel\'s processes with state, CPU and memory', async () => {
    const { runtime: rt, kernel } = await appDesk();
    const calc = await rt.launchApp('calculator');
    const id = await rt.launchApp('task-manager');
    const procs = stateOf(rt, id).processes as ProcItem[];
    const names = procs.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['init', 'user', 'desktop', 'calculator', 'task-manager']));
    const row = procs.find((p) => p.name === 'calculator')!;
    expect(row).toMatchObject({ value: rt.getSnapshot().apps[calc]!.pid, kind: 'app', state: 'running' });
    expect(typeof row.cpu).toBe('number');
    expect(row.label).toMatch(/calculator\s+app\s+running/);
    expect(String(stateOf(rt, id).summary)).toMatch(/\d+ processes, 2 apps/);
    expect(kernel.procs.list().length).toBeGreaterThanOrEqual(procs.length);
    expect(errorsOf(rt, id)).toEqual([]);
  });

  it('ends the selected process (an app closes with it) and refuses the desktop\'s own', async () => {
    const { runtime: rt } = await appDesk();
    const calc = await rt.launchApp('calculator');
    const id = await rt.launchApp('task-manager');
    // The list must not refresh between reading an index and picking it.
    await rt.runTool(id, 'system.timer.clear', { key: 'refresh-timer' });
    await rt.runTool(id, 'tasks.refresh');
    const procs = () => stateOf(rt, id).processes as ProcItem[];
    const calcPid = rt.getSnapshot().apps[calc]!.pid;
    // A view sends the picked item's value (here a pid) or its index.
    await rt.dispatchEvent(id, { component: 'processes', event: 'select', value: calcPid });
    await rt.idle();
    expect(stateOf(rt, id).selected).toBe(calcPid);
    await click(rt, id, 'kill');
    expect(rt.getSnapshot().apps[calc]).toBeUndefined();
    expect(procs().some((p) => p.value === calcPid)).toBe(false);

    await rt.dispatchEvent(id, { component: 'processes', event: 'select', value: procs().find((p) => p.name === 'init')!.value });
    await click(rt, id, 'kill');
    expect(String(stateOf(rt, id).status)).toMatch(/Refusing/);
    expect(procs().some((p) => p.name === 'init')).toBe(true);
  });

  it('refreshes on a timer', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('task-manager');
    expect(typeof stateOf(rt, id)['refresh-timer']).toBe('number');
    const before = (stateOf(rt, id).processes as ProcItem[]).length;
    await rt.launchApp('calculator');
    await new Promise((r) => setTimeout(r, 2300));
    await rt.idle();
    expect((stateOf(rt, id).processes as ProcItem[]).length).toBe(before + 1);
  });
});
