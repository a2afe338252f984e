import { describe, expect, it } from 'vitest';
import { testKernel, kernelError } from '../helpers/kernel.js';

/** The root folder's listing, where /tmp and /home are mount points. */
const k0 = (call: (name: string, args?: Record<string, unknown>) => Promise<any>) => call('fs.list', { path: '/' });

/** One suite, run against every writable backend: MemFS at /tmp and LocalFS at /home. */
for (const root of ['/tmp', '/home']) {
  describe(`fs syscalls on ${root}`, () => {
    const setup = () => {
      const k = testKernel();
      const call = (name: string, args: Record<string, unknown> = {}) => k.syscall<any>(k.userPid, name, args);
      return { k, call };
    };

    it('writes, reads, appends and reports sizes', async () => {
      const { call } = setup();
      expect(await call('fs.write', { path: `${root}/a.txt`, content: 'hello' })).toEqual({ path: `${root}/a.txt`, bytes: 5 });
      expect(await call('fs.read', { path: `${root}/a.txt` })).toBe('hello');
      await call('fs.append', { path: `${root}/a.txt`, content: ' world' });
      expect(await call('fs.read', { path: `${root}/a.txt` })).toBe('hello world');
      expect(await call('fs.read', { path: `${root}/a.txt`, offset: 6, length: 3 })).toBe('wor');
      expect((await call('fs.stat', { path: `${root}/a.txt` })).size).toBe(11);
      expect(await call('fs.read', { path: `${root}/a.txt`, encoding: 'base64' })).toBe(Buffer.from('hello world').toString('base64'));
    });

    it('creates exclusively, lists, moves, copies, truncates and deletes', async () => {
      const { call } = setup();
      await call('fs.create', { path: `${root}/new.txt`, content: 'x' });
      expect((await kernelError(call('fs.create', { path: `${root}/new.txt` }))).code).toBe('EEXIST');
      await call('fs.mkdir', { path: `${root}/d/e`, recursive: true });
      await call('fs.copy', { from: `${root}/new.txt`, to: `${root}/d/e/copy.txt` });
      await call('fs.move', { from: `${root}/new.txt`, to: `${root}/d/moved.txt` });
      const names = (await call('fs.list', { path: `${root}/d` })).map((e: any) => `${e.name}:${e.type}`);
      expect(names).toEqual(['e:dir', 'moved.txt:file']);
      expect(await call('fs.exists', { path: `${root}/new.txt` })).toBe(false);
      expect(await call('fs.exists', { path: `${root}/nope/deeper.txt` })).toBe(false);
      await call('fs.truncate', { path: `${root}/d/moved.txt`, length: 0 });
      expect(await call('fs.read', { path: `${root}/d/moved.txt` })).toBe('');
      expect((await kernelError(call('fs.rmdir', { path: `${root}/d` }))).code).toBe('ENOTEMPTY');
      expect((await kernelError(call('fs.delete', { path: `${root}/d` }))).code).toBe('EISDIR');
      await call('fs.rmdir', { path: `${root}/d`, recursive: true });
      expect(await call('fs.exists', { path: `${root}/d` })).toBe(false);
    });

    it('lists in code-unit order, the same on every backend, with each entry\'s type, size and time', async () => {
      const { call } = setup();
      const names = ['b.txt', 'B.txt', 'a', 'Z', 'é', '_x', '10', '9', 'ä'];
      await call('fs.mkdir', { path: `${root}/o` });
      for (const [i, n] of names.entries()) await call('fs.write', { path: `${root}/o/${n}`, content: 'x'.repeat(i) });
      await call('fs.mkdir', { path: `${root}/o/sub` });
      await call('fs.symlink', { target: `${root}/o/a`, path: `${root}/o/ln` });
      const listed = await call('fs.list', { path: `${root}/o` });
      expect(listed.map((e: any) => e.name)).toEqual([...names, 'sub', 'ln'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(listed.find((e: any) => e.name === '9')).toMatchObject({ type: 'file', size: 7, modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      expect(listed.find((e: any) => e.name === 'sub')).toMatchObject({ type: 'dir' });
      expect(listed.find((e: any) => e.name === 'ln')).toMatchObject({ type: 'symlink' });
      // A mount point shows as a folder.
      expect((await k0(call)).find((e: any) => e.name === root.slice(1))).toMatchObject({ type: 'dir', size: 0 });
    });

    it('follows symlinks inside the mount and reports them', async () => {
      const { call } = setup();
      await call('fs.write', { path: `${root}/target.txt`, content: 'T' });
      await call('fs.symlink', { target: `${root}/target.txt`, path: `${root}/link` });
      expect(await call('fs.read', { path: `${root}/link` })).toBe('T');
      expect(await call('fs.readlink', { path: `${root}/link` })).toBe(`${root}/target.txt`);
      expect((await call('fs.stat', { path: `${root}/link`, follow: false })).type).toBe('symlink');
      expect(await call('fs.realpath', { path: `${root}/link` })).toBe(`${root}/target.txt`);
      await call('fs.delete', { path: `${root}/link` });
      expect(await call('fs.read', { path: `${root}/target.txt` })).toBe('T');
    });

    it('keeps a working directory per process', async () => {
      const { call } = setup();
      await call('fs.mkdir', { path: `${root}/w` });
      expect(await call('fs.chdir', { path: `${root}/w` })).toBe(`${root}/w`);
      await call('fs.write', { path: 'rel.txt', content: 'r' });
      expect(await call('fs.read', { path: `${root}/w/rel.txt` })).toBe('r');
      expect(await call('fs.getcwd')).toBe(`${root}/w`);
    });

    it('wakes a watcher when a file changes', async () => {
      const { call } = setup();
      await call('fs.mkdir', { path: `${root}/watched` });
      const waiting = call('fs.watch', { path: `${root}/watched`, timeout_ms: 5000 });
      await call('fs.write', { path: `${root}/watched/f`, content: '1' });
      expect(await waiting).toMatchObject({ changed: true, path: `${root}/watched/f` });
      expect(await call('fs.watch', { path: `${root}/watched`, timeout_ms: 10 })).toEqual({ changed: false });
    });

    it('changes modes', async () => {
      const { call } = setup();
      await call('fs.write', { path: `${root}/m`, content: '' });
      expect(await call('fs.chmod', { path: `${root}/m`, mode: '600' })).toEqual({ path: `${root}/m`, mode: '0600' });
      expect((await call('fs.stat', { path: `${root}/m` })).mode).toBe('0600');
    });
  });
}

describe('mounts', () => {
  it('moves files across mounts and refuses to move folders across', async () => {
    const k = testKernel();
    const call = (name: string, args: Record<string, unknown> = {}) => k.syscall<any>(k.userPid, name, args);
    await call('fs.write', { path: '/tmp/x', content: 'cross' });
    await call('fs.move', { from: '/tmp/x', to: '/home/x' });
    expect(await call('fs.read', { path: '/home/x' })).toBe('cross');
    await call('fs.mkdir', { path: '/tmp/dir' });
    expect((await kernelError(call('fs.move', { from: '/tmp/dir', to: '/home/dir' }))).code).toBe('EXDEV');
  });

  it('mounts and unmounts a memfs, and keeps system mounts', async () => {
    const k = testKernel();
    const call = (name: string, args: Record<string, unknown> = {}) => k.syscall<any>(k.userPid, name, args);
    await call('fs.mount', { path: '/mnt/scratch', type: 'memfs' });
    await call('fs.write', { path: '/mnt/scratch/a', content: '1' });
    expect(await call('fs.read', { path: '/proc/mounts' })).toContain('/mnt/scratch memfs');
    await call('fs.unmount', { path: '/mnt/scratch' });
    expect(await call('fs.exists', { path: '/mnt/scratch/a' })).toBe(false);
    expect((await kernelError(call('fs.unmount', { path: '/home' }))).code).toBe('EBUSY');
  });

  it('shows kernel state in /proc', async () => {
    const k = testKernel();
    const call = (name: string, args: Record<string, unknown> = {}) => k.syscall<any>(k.userPid, name, args);
    expect(await call('fs.read', { path: `/proc/${k.userPid}/status` })).toMatch(/Name:\tuser/);
    expect(await call('fs.read', { path: '/proc/self/status' })).toMatch(new RegExp(`Pid:\\t${k.userPid}`));
    expect(Number((await call('fs.read', { path: '/proc/uptime' })).trim())).toBeGreaterThanOrEqual(0);
    expect(await call('fs.read', { path: '/proc/meminfo' })).toMatch(/KernelRss/);
    expect((await kernelError(call('fs.write', { path: '/proc/uptime', content: '0' }))).code).toMatch(/EACCES|EROFS/);
  });

  it('refuses to fill memfs past its limit and keeps what was there', async () => {
    const k = testKernel({ memfsLimit: 1024 });
    const call = (name: string, args: Record<string, unknown> = {}) => k.syscall<any>(k.userPid, name, args);
    await call('fs.write', { path: '/tmp/keep', content: 'safe' });
    expect((await kernelError(call('fs.write', { path: '/tmp/big', content: 'x'.repeat(2000) }))).code).toBe('ENOSPC');
    expect(await call('fs.read', { path: '/tmp/keep' })).toBe('safe');
  });
});
