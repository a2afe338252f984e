import { describe, expect, it } from 'vitest';
import { appDesk, click, stateOf, type, errorsOf } from './setup.js';

const names = (v: unknown) => (v as { name: string }[]).map((e) => e.name);

describe('file-explorer', () => {
  it('lists /home with name, size and modified time', async () => {
    const { runtime: rt, kernel } = await appDesk();
    await kernel.syscall(kernel.userPid, 'fs.write', { path: '/home/hello.txt', content: 'hello world' });
    await kernel.syscall(kernel.userPid, 'fs.mkdir', { path: '/home/docs' });
    const id = await rt.launchApp('file-explorer');
    const s = stateOf(rt, id);
    expect(s.path).toBe('/home');
    const entries = s.entries as { name: string; type: string; size: number; modified: string; label: string }[];
    // Folders first, then files by name.
    expect(entries.map((e) => e.name)).toEqual(['docs', 'hello.txt']);
    const file = entries[1]!;
    expect(file).toMatchObject({ type: 'file', size: 11 });
    expect(file.modified).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(file.label).toMatch(/hello\.txt\s+11 B\s+\d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(errorsOf(rt, id)).toEqual([]);
  });

  it('navigates: open a folder, up, back, forward, the path field and locations', async () => {
    const { runtime: rt, kernel } = await appDesk();
    await kernel.syscall(kernel.userPid, 'fs.mkdir', { path: '/home/docs/deep', recursive: true });
    const id = await rt.launchApp('file-explorer');
    await rt.dispatchEvent(id, { component: 'entries', event: 'select', value: 0 });
    await rt.idle();
    expect(stateOf(rt, id).path).toBe('/home/docs');
    expect(names(stateOf(rt, id).entries)).toEqual(['deep']);
    await click(rt, id, 'up');
    expect(stateOf(rt, id).path).toBe('/home');
    await click(rt, id, 'back');
    expect(stateOf(rt, id).path).toBe('/home/docs');
    await click(rt, id, 'back');
    expect(stateOf(rt, id).path).toBe('/home');
    await click(rt, id, 'forward');
    expect(stateOf(rt, id).path).toBe('/home/docs');
    await type(rt, id, 'path', 'deep/../deep');
    await click(rt, id, 'go');
    expect(stateOf(rt, id).path).toBe('/home/docs/deep');
    await click(rt, id, 'loc-apps');
    expect(names(stateOf(rt, id).entries)).toEqual(expect.arrayContaining(['system', 'utilities']));
    // A folder the app may not list: a status line, no crash.
    await type(rt, id, 'path', '/');
    await click(rt, id, 'go');
    expect(String(stateOf(rt, id).status)).toMatch(/EACCES/);
    expect(stateOf(rt, id).path).toBe('/');
  });

  it('opens a file into the preview, renames and deletes through the filesystem service', async () => {
    const { runtime: rt, kernel } = await appDesk();
    const u = kernel.userPid;
    await kernel.syscall(u, 'fs.write', { path: '/home/a.txt', content: 'alpha' });
    await kernel.syscall(u, 'fs.write', { path: '/home/b.txt', content: 'beta' });
    const id = await rt.launchApp('file-explorer');
    await rt.dispatchEvent(id, { component: 'entries', event: 'click', value: 1 });
    await rt.idle();
    expect(stateOf(rt, id).selected).toBe('b.txt');
    expect(stateOf(rt, id)['new-name']).toBe('b.txt');
    await click(rt, id, 'open');
    expect(stateOf(rt, id).preview).toBe('beta');

    await type(rt, id, 'new-name', 'c.txt');
    await click(rt, id, 'rename');
    expect(names(stateOf(rt, id).entries)).toEqual(['a.txt', 'c.txt']);
    expect(await kernel.syscall(u, 'fs.read', { path: '/home/c.txt' })).toBe('beta');

    // Renaming onto an existing name is refused, nothing is overwritten.
    await type(rt, id, 'new-name', 'a.txt');
    await click(rt, id, 'rename');
    expect(String(stateOf(rt, id).status)).toMatch(/already exists/);
    expect(await kernel.syscall(u, 'fs.read', { path: '/home/a.txt' })).toBe('alpha');

    await rt.dispatchEvent(id, { component: 'entries', event: 'click', value: 0 });
    await click(rt, id, 'delete');
    expect(names(stateOf(rt, id).entries)).toEqual(['c.txt']);
    expect(await kernel.syscall(u, 'fs.exists', { path: '/home/a.txt' })).toBe(false);

    await type(rt, id, 'new-name', 'made');
    await click(rt, id, 'mkdir');
    expect(names(stateOf(rt, id).entries)).toEqual(['made', 'c.txt']);
    expect(errorsOf(rt, id)).toEqual([]);
  });
});
