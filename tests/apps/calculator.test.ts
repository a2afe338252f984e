import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../src/runtime/index.js';
import { appDesk, click, stateOf } from './setup.js';

describe('calculator', () => {
  it('7 + 3 = gives 10 with the buttons, in a headless run', async () => {
    const { runtime, registry } = await appDesk();
    const events = ['btn-7', 'btn-add', 'btn-3', 'btn-equals'].map((c) => JSON.stringify({ component: c, event: 'click' })).join('\n');
    const r = await runHeadless(runtime, await registry.load('calculator'), events, 'events.jsonl');
    expect(r.errors).toEqual([]);
    expect(r.state.display).toBe('10');
  });

  it('takes clicks and keys that arrive together in order (a burst, a paste)', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('calculator');
    const clicks = ['btn-clear', 'btn-7', 'btn-add', 'btn-3', 'btn-equals'].map((c) => rt.dispatchEvent(id, { component: c, event: 'click' }));
    await Promise.all(clicks);
    await rt.idle();
    expect(stateOf(rt, id).display).toBe('10');
    await Promise.all(['Escape', '1', '2', '*', '3', 'Enter'].map((k) => rt.pressKey(id, k)));
    await rt.idle();
    expect(stateOf(rt, id).display).toBe('36');
    expect(rt.getSnapshot().apps[id]!.errors).toEqual([]);
  });

  it('works from the keyboard: digits, operators, Enter, Backspace, Escape', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('calculator');
    for (const k of ['1', '2', '*', '3', 'Enter']) await rt.pressKey(id, k);
    expect(stateOf(rt, id).display).toBe('36');
    for (const k of ['Escape', '9', '/', '4', '=']) await rt.pressKey(id, k);
    expect(stateOf(rt, id).display).toBe('2.25');
    for (const k of ['Escape', '5', '-', '8', 'Backspace', '2', 'Enter']) await rt.pressKey(id, k);
    expect(stateOf(rt, id).display).toBe('3');
    for (const k of ['Escape', '1', '.', '5', '+', '1', '=']) await rt.pressKey(id, k);
    expect(stateOf(rt, id).display).toBe('2.5');
  });

  it('every button does what it says', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('calculator');
    await click(rt, id, 'btn-clear', ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 0].map((d) => `btn-${d}`));
    expect(stateOf(rt, id).display).toBe('1234567890');
    await click(rt, id, 'btn-clear', 'btn-8', 'btn-4', 'btn-5', 'btn-backspace', 'btn-divide', 'btn-4', 'btn-equals');
    expect(stateOf(rt, id).display).toBe('21');
    await click(rt, id, 'btn-clear', 'btn-6', 'btn-multiply', 'btn-7', 'btn-subtract', 'btn-2', 'btn-dot', 'btn-5', 'btn-equals');
    expect(stateOf(rt, id).display).toBe('39.5');
    await click(rt, id, 'btn-clear');
    expect(stateOf(rt, id).display).toBe('0');
    await click(rt, id, 'btn-1', 'btn-divide', 'btn-0', 'btn-equals');
    expect(stateOf(rt, id).display).toBe('Error');
  });
});
