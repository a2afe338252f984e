import { describe, expect, it } from 'vitest';
import { appDesk, click, stateOf, type, errorsOf } from './setup.js';

const labels = (v: unknown) => (v as { label: string }[]).map((t) => t.label);

describe('todo', () => {
  it('adds an item and completes it', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('todo');
    await type(rt, id, 'new-todo', 'buy milk');
    await click(rt, id, 'add');
    await type(rt, id, 'new-todo', 'write report');
    await rt.dispatchEvent(id, { component: 'new-todo', event: 'submit' });
    await rt.idle();
    expect(stateOf(rt, id)['new-todo']).toBe('');
    expect(labels(stateOf(rt, id).todos)).toEqual(['[ ] buy milk', '[ ] write report']);
    expect(stateOf(rt, id)['todo-count']).toBe('2 of 2 left');

    // Picking an item in the list toggles it.
    await rt.dispatchEvent(id, { component: 'todos', event: 'select', value: 0 });
    await rt.idle();
    expect(labels(stateOf(rt, id).todos)).toEqual(['[x] buy milk', '[ ] write report']);
    expect(stateOf(rt, id)['todo-count']).toBe('1 of 2 left');
    expect(errorsOf(rt, id)).toEqual([]);
  });

  it('selects, removes, clears done items, and keeps them across launches', async () => {
    const desk = await appDesk();
    const rt = desk.runtime;
    let id = await rt.launchApp('todo');
    for (const t of ['a', 'b', 'c']) {
      await type(rt, id, 'new-todo', t);
      await click(rt, id, 'add');
    }
    await rt.dispatchEvent(id, { component: 'todos', event: 'click', value: 1 });
    await click(rt, id, 'toggle');
    expect(labels(stateOf(rt, id).todos)).toEqual(['[ ] a', '[x] b', '[ ] c']);
    await rt.dispatchEvent(id, { component: 'todos', event: 'click', value: 0 });
    await click(rt, id, 'remove');
    expect(labels(stateOf(rt, id).todos)).toEqual(['[x] b', '[ ] c']);
    await rt.close(id);
    id = await rt.launchApp('todo');
    expect(labels(stateOf(rt, id).todos)).toEqual(['[x] b', '[ ] c']);
    await click(rt, id, 'clear-done');
    expect(labels(stateOf(rt, id).todos)).toEqual(['[ ] c']);
  });
});
