import { describe, expect, it } from 'vitest';
import { appDesk, click, stateOf, type, errorsOf } from './setup.js';

describe('notes', () => {
  it('saves a note and lists it again after a restart', async () => {
    const first = await appDesk();
    let rt = first.runtime;
    let id = await rt.launchApp('notes');
    await type(rt, id, 'note-title', 'Shopping');
    await type(rt, id, 'note-body', 'milk\neggs');
    await click(rt, id, 'save');
    expect(errorsOf(rt, id)).toEqual([]);
    expect(stateOf(rt, id).notes).toEqual([expect.objectContaining({ label: 'Shopping' })]);
    await rt.shutdown();
    await first.kernel.shutdown();

    // A new kernel and runtime on the same data dir: a restart.
    const again = await appDesk(first.home);
    rt = again.runtime;
    id = await rt.launchApp('notes');
    const notes = stateOf(rt, id).notes as { label: string; value: string }[];
    expect(notes.map((n) => n.label)).toEqual(['Shopping']);
    await rt.dispatchEvent(id, { component: 'notes', event: 'select', value: 0 });
    await rt.idle();
    expect(stateOf(rt, id)['note-title']).toBe('Shopping');
    expect(stateOf(rt, id)['note-body']).toBe('milk\neggs');
  });

  it('edits, adds and deletes notes', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('notes');
    await type(rt, id, 'note-title', 'One');
    await click(rt, id, 'save');
    await type(rt, id, 'note-body', 'changed');
    await click(rt, id, 'save');
    expect((stateOf(rt, id).notes as unknown[]).length).toBe(1);
    await click(rt, id, 'new');
    expect(stateOf(rt, id)['note-title']).toBe('');
    await type(rt, id, 'note-title', 'Two');
    await type(rt, id, 'note-body', 'second');
    await rt.pressKey(id, 'C-s');
    await rt.idle();
    expect((stateOf(rt, id).notes as { label: string }[]).map((n) => n.label).sort()).toEqual(['One', 'Two']);
    // Delete asks first; a headless desktop answers yes.
    await click(rt, id, 'delete');
    expect((stateOf(rt, id).notes as { label: string }[]).map((n) => n.label)).toEqual(['One']);
    expect(stateOf(rt, id)['note-title']).toBe('');
    // The one left still holds its edit.
    await rt.dispatchEvent(id, { component: 'notes', event: 'click', value: 0 });
    await rt.idle();
    expect(stateOf(rt, id)['note-body']).toBe('changed');
    expect(errorsOf(rt, id)).toEqual([]);
  });

  it('refuses to save an empty note', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('notes');
    await click(rt, id, 'save');
    expect(stateOf(rt, id).notes).toEqual([]);
    expect(String(stateOf(rt, id).status)).toMatch(/Nothing to save/);
  });
});
