import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testKernel } from '../helpers/kernel.js';
import { blueprint, button, on, testRuntime } from './setup.js';

const errorsOf = (rt: ReturnType<typeof testRuntime>, id: string) => rt.getSnapshot().apps[id]!.errors;
const stateOf = (rt: ReturnType<typeof testRuntime>, id: string) => rt.getSnapshot().apps[id]!.state;
const click = (rt: ReturnType<typeof testRuntime>, id: string, component: string) => rt.dispatchEvent(id, { component, event: 'click' });

describe('service grants: a declared service works whatever the profile', () => {
  it('a MINIMAL app declaring storage can write and read its storage', async () => {
    const home = tempDir();
    const rt = testRuntime({ kernel: testKernel({ home }) });
    const ui = [button('set', 's', on('storage.set', { key: 'k', value: 42 })), button('get', 'g', on('storage.get', { key: 'k', into: 'got' }))];
    const id = await rt.launch(blueprint(ui, { id: 'tiny', services: [{ name: 'storage' }] }));
    await click(rt, id, 'set');
    await click(rt, id, 'get');
    expect(errorsOf(rt, id)).toEqual([]);
    expect(stateOf(rt, id).got).toBe(42);
    expect(existsSync(path.join(home, '.agentos/storage/tiny.json'))).toBe(true);
    // The data was written by the storage service's process, not the app's.
    const procs = rt.kernel.procs.list();
    expect(procs.find((p) => p.name === 'storage-service')).toMatchObject({ kind: 'service' });
    expect(procs.find((p) => p.pid === rt.getSnapshot().apps[id]!.pid)!.profile).toBe('MINIMAL');
  });

  it('a MINIMAL app declaring filesystem and system can use them; without declaring, it cannot', async () => {
    const rt = testRuntime();
    const ui = [
      button('w', 'w', on('filesystem.write', { path: '/home/hello.txt', content: 'hi' })),
      button('r', 'r', on('filesystem.read', { path: '/home/hello.txt', into: 'text' })),
      button('i', 'i', on('system.info', { into: 'info' })),
    ];
    const yes = await rt.launch(blueprint(ui, { id: 'yes', services: [{ name: 'filesystem' }, { name: 'system', tools: ['info'] }] }));
    for (const c of ['w', 'r', 'i']) await click(rt, yes, c);
    expect(errorsOf(rt, yes)).toEqual([]);
    expect(stateOf(rt, yes).text).toBe('hi');
    expect(stateOf(rt, yes).info).toMatchObject({ name: 'AgentOS' });
    // Nothing more: the grants are for the declared tools only, not a whole profile.
    const readOnly = await rt.launch(blueprint(ui, { id: 'read-only', services: [{ name: 'filesystem', tools: ['read'] }] }));
    await click(rt, readOnly, 'r');
    await click(rt, readOnly, 'w');
    expect(stateOf(rt, readOnly).text).toBe('hi');
    expect(errorsOf(rt, readOnly)).toHaveLength(1);
    expect(errorsOf(rt, readOnly)[0]).toMatchObject({ code: 'EACCES', tool: 'filesystem.write' });
    const ro = rt.kernel.procs.get(rt.getSnapshot().apps[readOnly]!.pid)!;
    await expect(rt.kernel.syscall(ro.pid, 'fs.write', { path: '/home/x.txt', content: 'x' })).rejects.toMatchObject({ code: 'EACCES' });
    await expect(rt.kernel.syscall(ro.pid, 'sys.info')).rejects.toMatchObject({ code: 'EACCES' });
  });
});

describe('isolation: apps never reach /home/.agentos', () => {
  it('a STANDARD app with the filesystem service gets EACCES on password hashes and other apps\' storage', async () => {
    const rt = testRuntime();
    const auth = [
      button('reg', 'r', on('auth.register', { username: 'alice', password: 'correct horse', into: 'user' })),
      button('login', 'l', on('auth.login', { username: 'alice', password: 'correct horse', into: 'session' })),
      button('set', 's', on('storage.set', { key: 'secret', value: 'mine' })),
      button('get', 'g', on('storage.get', { key: 'secret', into: 'got' })),
    ];
    const owner = await rt.launch(blueprint(auth, { id: 'owner', permissions: ['STANDARD'], services: [{ name: 'auth' }, { name: 'storage' }] }));
    for (const c of ['reg', 'login', 'set', 'get']) await click(rt, owner, c);
    expect(errorsOf(rt, owner)).toEqual([]);
    expect(stateOf(rt, owner).user).toMatchObject({ username: 'alice' });
    expect(stateOf(rt, owner).session).toMatchObject({ username: 'alice', token: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(stateOf(rt, owner).got).toBe('mine');

    const spy = [
      button('hashes', 'h', on('filesystem.read', { path: '/home/.agentos/auth/users.json', into: 'hashes' })),
      button('theirs', 't', on('filesystem.read', { path: '/home/.agentos/storage/owner.json', into: 'theirs' })),
      button('ls', 'l', on('filesystem.list', { path: '/home/.agentos/storage', into: 'ls' })),
      button('overwrite', 'o', on('filesystem.write', { path: '/home/.agentos/auth/users.json', content: '{}' })),
      button('mine', 'm', on('storage.get', { key: 'secret', into: 'mine' })),
    ];
    const other = await rt.launch(blueprint(spy, { id: 'spy', permissions: ['STANDARD'], services: [{ name: 'filesystem' }, { name: 'storage' }] }));
    for (const c of ['hashes', 'theirs', 'ls', 'overwrite', 'mine']) await click(rt, other, c);
    const errs = errorsOf(rt, other);
    expect(errs.map((e) => [e.tool, e.code])).toEqual([
      ['filesystem.read', 'EACCES'],
      ['filesystem.read', 'EACCES'],
      ['filesystem.list', 'EACCES'],
      ['filesystem.write', 'EACCES'],
    ]);
    expect(stateOf(rt, other).hashes).toBeUndefined();
    // Its own storage is its own: another app's key is not visible.
    expect(stateOf(rt, other).mine).toBeNull();
    // PRIVILEGED apps are kept out too.
    const priv = await rt.launch(blueprint([], { id: 'priv', permissions: ['PRIVILEGED'] }));
    await expect(rt.kernel.syscall(rt.getSnapshot().apps[priv]!.pid, 'fs.read', { path: '/home/.agentos/auth/users.json' })).rejects.toMatchObject({ code: 'EACCES' });
    // The login still works afterwards (the file was not overwritten).
    await click(rt, owner, 'login');
    expect(errorsOf(rt, owner)).toEqual([]);
  });

  it('a symlink in /home does not lead an app into /home/.agentos', async () => {
    const rt = testRuntime();
    const owner = await rt.launch(blueprint([button('reg', 'r', on('auth.register', { username: 'bob', password: 'long enough' }))], { id: 'owner', services: [{ name: 'auth' }] }));
    await click(rt, owner, 'reg');
    expect(errorsOf(rt, owner)).toEqual([]);
    const app = await rt.launch(blueprint([], { id: 'linker', permissions: ['STANDARD'] }));
    const pid = rt.getSnapshot().apps[app]!.pid;
    await rt.kernel.syscall(pid, 'fs.symlink', { target: '/home/.agentos/auth/users.json', path: '/home/users-link' }).catch(() => undefined);
    await expect(rt.kernel.syscall(pid, 'fs.read', { path: '/home/users-link' })).rejects.toMatchObject({ code: expect.stringMatching(/EACCES|ENOENT/) });
  });

  it('a service process reaches only its own folder', async () => {
    const rt = testRuntime();
    const id = await rt.launch(blueprint([button('set', 's', on('storage.set', { key: 'k', value: 1 }))], { id: 'a', services: [{ name: 'storage' }] }));
    await click(rt, id, 'set');
    const svc = rt.kernel.procs.list().find((p) => p.name === 'storage-service')!;
    await expect(rt.kernel.syscall(svc.pid, 'fs.read', { path: '/home/.agentos/auth/users.json' })).rejects.toMatchObject({ code: 'EACCES' });
    await expect(rt.kernel.syscall(svc.pid, 'fs.write', { path: '/home/notes.txt', content: 'x' })).rejects.toMatchObject({ code: 'EACCES' });
  });
});
