import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineTool } from '../../src/runtime/tools/types.js';
import type { Component } from '../../src/blueprint/types.js';
import { testKernel } from '../helpers/kernel.js';
import { blueprint, button, input, on, testRuntime } from './setup.js';

async function app(components: Component[], opts: { headless?: boolean } = {}) {
  const kernel = testKernel();
  const rt = testRuntime({ kernel, headless: opts.headless });
  const id = await rt.launch(blueprint(components, { id: 'sys' }));
  return {
    rt,
    kernel,
    id,
    click: (c: string) => rt.dispatchEvent(id, { component: c, event: 'click' }),
    state: () => rt.getSnapshot().apps[id]!.state,
    errors: () => rt.getSnapshot().apps[id]!.errors,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('notifications and dialogs', () => {
  it('notify adds a notification; dismiss removes it', async () => {
    const a = await app([button('n', 'n', on('system.notify', { message: 'Saved', level: 'success' }))]);
    await a.click('n');
    const [n] = a.rt.getSnapshot().notifications;
    expect(n).toMatchObject({ app: a.id, title: 'sys', message: 'Saved', level: 'success' });
    a.rt.dismissNotification(n!.id);
    expect(a.rt.getSnapshot().notifications).toEqual([]);
  });

  it('alert opens a dialog the user closes', async () => {
    const a = await app([button('al', 'al', on('system.alert', { message: 'Careful', title: 'Note' }))]);
    await a.click('al');
    const [d] = a.rt.getSnapshot().dialogs;
    expect(d).toMatchObject({ kind: 'alert', title: 'Note', message: 'Careful', app: a.id });
    a.rt.answerDialog(d!.id);
    expect(a.rt.getSnapshot().dialogs).toEqual([]);
  });

  const confirmApp = [button('ask', '?', on('system.confirm', { message: 'Delete?', key: 'answer', on_yes: { tool: 'ui.set', args: { key: 'deleted', value: true } }, on_no: 'ui.clear' }))];

  it('confirm waits for the answer without blocking the app, then runs on_yes or on_no', async () => {
    const a = await app([...confirmApp, input('display', '5'), button('other', 'o', on('ui.set', { key: 'other', value: 1 }))]);
    await a.click('ask');
    const [d] = a.rt.getSnapshot().dialogs;
    expect(d).toMatchObject({ kind: 'confirm', message: 'Delete?' });
    await a.click('other');
    expect(a.state().other).toBe(1);
    a.rt.answerDialog(d!.id, true);
    await a.rt.idle();
    expect(a.state()).toMatchObject({ answer: true, deleted: true });
    await a.click('ask');
    a.rt.answerDialog(a.rt.getSnapshot().dialogs[0]!.id, false);
    await a.rt.idle();
    expect(a.state()).toMatchObject({ answer: false, display: '0' });
  });

  it('a headless runtime answers yes at once', async () => {
    const a = await app(confirmApp, { headless: true });
    await a.click('ask');
    await a.rt.idle();
    expect(a.state()).toMatchObject({ answer: true, deleted: true });
    expect(a.rt.getSnapshot().dialogs).toEqual([]);
  });
});

describe('system.log and the clipboard', () => {
  it('logs to the kernel log as the app\'s process', async () => {
    const a = await app([button('l', 'hello from the app', on('system.log'))]);
    await a.click('l');
    const line = a.kernel.logs.find((l) => l.message === 'hello from the app');
    expect(line?.pid).toBe(a.rt.getSnapshot().apps[a.id]!.pid);
  });

  it('copies and pastes through the desktop clipboard', async () => {
    const a = await app([input('src', 'abc'), button('copy', 'c', on('system.clipboard.copy', { key: 'src' })), button('paste', 'p', on('system.clipboard.paste', { key: 'dst' })), button('alias', 'a', on('clipboard.paste', { key: 'dst2' }))]);
    await a.click('copy');
    expect(a.rt.getSnapshot().clipboard).toBe('abc');
    a.rt.setClipboard('from the view');
    await a.click('paste');
    await a.click('alias');
    expect(a.state()).toMatchObject({ dst: 'from the view', dst2: 'from the view' });
  });
});

describe('timers', () => {
  it('a one-shot timer runs its tools after the delay', async () => {
    const a = await app([button('t', 't', on('system.timer.set', { delay_ms: 20, action: { tool: 'ui.set', args: { key: 'fired', value: true } }, key: 'timer' }))]);
    await a.click('t');
    expect(typeof a.state().timer).toBe('number');
    expect(a.state().fired).toBeUndefined();
    await sleep(60);
    await a.rt.idle();
    expect(a.state().fired).toBe(true);
  });

  it('an interval repeats until cleared', async () => {
    const a = await app([
      button('start', 's', on('system.timer.interval', { interval_ms: 50, action: { tool: 'ui.append', args: { key: 'ticks', value: '.' } }, key: 'tid' })),
      button('stop', 'x', on('system.timer.clear', { key: 'tid' })),
    ]);
    await a.click('start');
    await sleep(180);
    await a.click('stop');
    const n = String(a.state().ticks).length;
    expect(n).toBeGreaterThanOrEqual(2);
    await sleep(120);
    expect(String(a.state().ticks).length).toBe(n);
  });

  it('a timer planned by a tool that then fails never starts', async () => {
    const planThenFail = defineTool({
      id: 'test.plan',
      doc: 'plans a timer, then fails',
      params: z.object({}),
      run(ctx) {
        ctx.desktop!.timers.set(10, [{ tool: 'ui.set', args: { key: 'fired', value: true } }]);
        throw new Error('changed my mind');
      },
    });
    const rt = testRuntime({ tools: [planThenFail] });
    const id = await rt.launch(blueprint([button('t', 't', on('test.plan'))]));
    await rt.dispatchEvent(id, { component: 't', event: 'click' });
    await sleep(40);
    expect(rt.getSnapshot().apps[id]!.state.fired).toBeUndefined();
    expect(rt.getSnapshot().apps[id]!.errors).toHaveLength(1);
  });

  it('a timer needs an action', async () => {
    const a = await app([button('t', 't', on('system.timer.set', { delay_ms: 10, action: [] }))]);
    await a.click('t');
    expect(a.errors()[0]!.message).toMatch(/needs an action/);
  });
});

describe('undo and redo', () => {
  it('undo takes back one event at a time; redo puts it back; a new change clears redo', async () => {
    const a = await app([
      { type: 'input', id: 'display', props: { value: '0' } },
      button('1', '1', on('ui.append')),
      button('2', '2', on('ui.append')),
      button('undo', 'u', on('system.undo')),
      button('redo', 'r', on('system.redo')),
    ]);
    await a.click('1');
    await a.click('2');
    expect(a.state().display).toBe('12');
    await a.click('undo');
    expect(a.state().display).toBe('1');
    await a.click('undo');
    expect(a.state().display).toBe('0');
    await a.click('undo');
    expect(a.state().display).toBe('0');
    await a.click('redo');
    expect(a.state().display).toBe('1');
    await a.click('redo');
    expect(a.state().display).toBe('12');
    await a.click('undo');
    await a.click('1');
    await a.click('redo');
    expect(a.state().display).toBe('11');
  });

  it('a typed value is one undo step too', async () => {
    const a = await app([input('name', ''), button('undo', 'u', on('system.undo'))]);
    await a.rt.dispatchEvent(a.id, { component: 'name', event: 'change', value: 'Ada' });
    await a.click('undo');
    expect(a.state().name).toBe('');
  });
});
