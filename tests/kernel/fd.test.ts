import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import { grantsFor, type ProfileName } from '../../src/kernel/sandbox/profiles.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

const app = (k: Kernel, profile: ProfileName = 'STANDARD') => k.spawnProcess({ name: 'app', kind: 'app', grants: grantsFor(profile), profile, ppid: k.initPid, cwd: '/home' }).pid;

describe('file descriptors', () => {
  for (const dir of ['/tmp', '/home']) {
    it(`reads and writes at an offset on ${dir}`, async () => {
      const k = testKernel();
      const pid = k.userPid;
      const path = `${dir}/f.txt`;
      const { fd } = await k.syscall<any>(pid, 'fd.open', { path, flags: 'w+' });
      expect(fd).toBe(3);
      expect(await k.syscall<any>(pid, 'fd.write', { fd, data: 'hello world' })).toMatchObject({ written: 11, offset: 11 });
      await k.syscall(pid, 'fd.lseek', { fd, offset: 0 });
      expect(await k.syscall<any>(pid, 'fd.read', { fd, length: 5 })).toMatchObject({ data: 'hello', bytes: 5, eof: false });
      expect(await k.syscall<any>(pid, 'fd.read', { fd })).toMatchObject({ data: ' world', eof: true });
      expect((await k.syscall<any>(pid, 'fd.read', { fd })).bytes).toBe(0);
      await k.syscall(pid, 'fd.lseek', { fd, offset: 6 });
      await k.syscall(pid, 'fd.write', { fd, data: 'W' });
      expect(await k.syscall(pid, 'fs.read', { path })).toBe('hello World');
      expect(await k.syscall<any>(pid, 'fd.lseek', { fd, offset: -2, whence: 'end' })).toMatchObject({ offset: 9 });
      expect((await k.syscall<any>(pid, 'fd.read', { fd })).data).toBe('ld');
      await k.syscall(pid, 'fd.lseek', { fd, offset: 3, whence: 'end' });
      await k.syscall(pid, 'fd.write', { fd, data: '!' });
      expect(await k.syscall(pid, 'fs.read', { path, encoding: 'base64' })).toBe(Buffer.from('hello World\0\0\0!').toString('base64'));
      await k.syscall(pid, 'fd.close', { fd });
      expect((await kernelError(k.syscall(pid, 'fd.read', { fd }))).code).toBe('EBADF');
    });
  }

  it('honours the open flags: r, w truncates, a appends, x is exclusive', async () => {
    const k = testKernel();
    const pid = k.userPid;
    expect((await kernelError(k.syscall(pid, 'fd.open', { path: '/tmp/none', flags: 'r' }))).code).toBe('ENOENT');
    await k.syscall(pid, 'fs.write', { path: '/tmp/a', content: 'old content' });
    const r = await k.syscall<any>(pid, 'fd.open', { path: '/tmp/a', flags: 'r' });
    expect((await kernelError(k.syscall(pid, 'fd.write', { fd: r.fd, data: 'x' }))).code).toBe('EBADF');
    const w = await k.syscall<any>(pid, 'fd.open', { path: '/tmp/a', flags: 'O_WRONLY|O_TRUNC' });
    expect(await k.syscall(pid, 'fs.read', { path: '/tmp/a' })).toBe('');
    expect((await kernelError(k.syscall(pid, 'fd.read', { fd: w.fd }))).code).toBe('EBADF');
    await k.syscall(pid, 'fd.write', { fd: w.fd, data: 'one' });
    const a = await k.syscall<any>(pid, 'fd.open', { path: '/tmp/a', flags: 'a' });
    await k.syscall(pid, 'fd.lseek', { fd: a.fd, offset: 0 });
    await k.syscall(pid, 'fd.write', { fd: a.fd, data: '+two' });
    expect(await k.syscall(pid, 'fs.read', { path: '/tmp/a' })).toBe('one+two');
    expect((await kernelError(k.syscall(pid, 'fd.open', { path: '/tmp/a', flags: 'wx' }))).code).toBe('EEXIST');
    const c = await k.syscall<any>(pid, 'fd.open', { path: '/tmp/new', flags: 'O_RDWR|O_CREAT|O_EXCL' });
    expect(c.flags).toBe('O_RDWR');
    expect(await k.syscall(pid, 'fs.exists', { path: '/tmp/new' })).toBe(true);
    expect((await kernelError(k.syscall(pid, 'fd.open', { path: '/tmp', flags: 'r' }))).code).toBe('EISDIR');
    const bad = await kernelError(k.syscall(pid, 'fd.open', { path: '/tmp/a', flags: 'O_RDWRR' }));
    expect(bad.code).toBe('EINVAL');
    expect(bad.message).toContain('O_RDWR');
  });

  it('dup shares the offset; dup2 replaces a descriptor', async () => {
    const k = testKernel();
    const pid = k.userPid;
    await k.syscall(pid, 'fs.write', { path: '/tmp/d', content: 'abcdef' });
    const { fd } = await k.syscall<any>(pid, 'fd.open', { path: '/tmp/d' });
    const { fd: copy } = await k.syscall<any>(pid, 'fd.dup', { fd });
    expect(copy).toBe(fd + 1);
    expect((await k.syscall<any>(pid, 'fd.read', { fd, length: 2 })).data).toBe('ab');
    expect((await k.syscall<any>(pid, 'fd.read', { fd: copy, length: 2 })).data).toBe('cd');
    await k.syscall(pid, 'fs.write', { path: '/tmp/e', content: 'xyz' });
    const { fd: other } = await k.syscall<any>(pid, 'fd.open', { path: '/tmp/e' });
    expect(await k.syscall<any>(pid, 'fd.dup2', { fd: other, newfd: copy })).toEqual({ fd: copy });
    expect((await k.syscall<any>(pid, 'fd.read', { fd: copy })).data).toBe('xyz');
    expect((await k.syscall<any>(pid, 'fd.read', { fd })).data).toBe('ef');
    await k.syscall(pid, 'fd.dup2', { fd, newfd: 0 });
    await k.syscall(pid, 'fd.close', { fd });
    await k.syscall(pid, 'fd.lseek', { fd: 0, offset: 0 });
    expect((await k.syscall<any>(pid, 'fd.read', { fd: 0, length: 1 })).data).toBe('a');
    expect((await k.syscall<any[]>(pid, 'fd.list')).map((e) => e.fd)).toEqual([0, copy, other]);
  });

  it('fcntl reads and changes status and descriptor flags', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const { fd } = await k.syscall<any>(pid, 'fd.open', { path: '/tmp/f', flags: 'O_RDWR|O_CREAT|O_CLOEXEC' });
    expect(await k.syscall<any>(pid, 'fd.fcntl', { fd, cmd: 'getfl' })).toMatchObject({ flags: 'O_RDWR', append: false });
    expect(await k.syscall<any>(pid, 'fd.fcntl', { fd, cmd: 'getfd' })).toMatchObject({ cloexec: true });
    await k.syscall(pid, 'fd.fcntl', { fd, cmd: 'setfd', arg: 0 });
    expect(await k.syscall<any>(pid, 'fd.fcntl', { fd, cmd: 'getfd' })).toMatchObject({ cloexec: false });
    expect(await k.syscall<any>(pid, 'fd.fcntl', { fd, cmd: 'setfl', arg: 'O_APPEND|O_NONBLOCK' })).toMatchObject({ flags: 'O_RDWR|O_APPEND|O_NONBLOCK' });
    await k.syscall(pid, 'fd.write', { fd, data: 'ab' });
    await k.syscall(pid, 'fd.lseek', { fd, offset: 0 });
    await k.syscall(pid, 'fd.write', { fd, data: 'cd' });
    expect(await k.syscall(pid, 'fs.read', { path: '/tmp/f' })).toBe('abcd');
  });

  it('checks the capability the flags need, on the canonical path', async () => {
    const k = testKernel();
    const pid = app(k);
    await k.syscall(k.userPid, 'fs.write', { path: '/etc-secret', content: 'root only' });
    await k.syscall(k.userPid, 'fs.symlink', { target: '/etc-secret', path: '/tmp/link' });
    const viaLink = await kernelError(k.syscall(pid, 'fd.open', { path: '/tmp/link' }));
    expect(viaLink.code).toBe('EACCES');
    expect(viaLink.message).toContain('/etc-secret');
    expect((await kernelError(k.syscall(pid, 'fd.open', { path: '../../etc-secret' }))).code).toBe('EACCES');
    await k.syscall(pid, 'fd.open', { path: '/apps/x', flags: 'r' }).catch((e) => expect(e.code).not.toBe('EACCES'));
    expect((await kernelError(k.syscall(pid, 'fd.open', { path: '/apps/x', flags: 'w' }))).message).toContain('WRITE_FILE');
    const ro = app(k);
    await k.syscall(ro, 'sandbox.drop', { cap: 'CREATE_FILE' });
    expect((await kernelError(k.syscall(ro, 'fd.open', { path: '/tmp/new', flags: 'a' }))).message).toContain('CREATE_FILE');
    const min = app(k, 'MINIMAL');
    expect((await kernelError(k.syscall(min, 'fd.open', { path: '/tmp/link' }))).message).toContain('READ_FILE');
  });

  it('O_NOFOLLOW refuses a symbolic link', async () => {
    const k = testKernel();
    await k.syscall(k.userPid, 'fs.write', { path: '/tmp/t', content: 'x' });
    await k.syscall(k.userPid, 'fs.symlink', { target: '/tmp/t', path: '/tmp/l' });
    expect((await kernelError(k.syscall(k.userPid, 'fd.open', { path: '/tmp/l', flags: 'O_RDONLY|O_NOFOLLOW' }))).code).toBe('ELOOP');
  });

  it('keeps descriptors per process: another process\'s numbers mean nothing', async () => {
    const k = testKernel();
    const [a, b] = [app(k), app(k)];
    const { fd } = await k.syscall<any>(a, 'fd.open', { path: '/tmp/mine', flags: 'w' });
    expect((await kernelError(k.syscall(b, 'fd.write', { fd, data: 'x' }))).code).toBe('EBADF');
    expect((await kernelError(k.syscall(b, 'fd.close', { fd }))).code).toBe('EBADF');
    expect(k.fds.openCount(a)).toBe(1);
    k.procs.exit(a);
    expect(k.fds.openCount(a)).toBe(0);
  });

  it('limits open files per process (EMFILE)', async () => {
    const k = testKernel();
    const pid = k.userPid;
    await k.syscall(pid, 'fs.write', { path: '/tmp/many', content: '' });
    const { fd } = await k.syscall<any>(pid, 'fd.open', { path: '/tmp/many' });
    // 0-2 are left for standard streams; numbers 3..limit-1 fill up.
    for (let i = 0; i < k.fds.limit - 4; i++) await k.syscall(pid, 'fd.dup', { fd });
    expect(k.fds.openCount(pid)).toBe(k.fds.limit - 3);
    expect((await kernelError(k.syscall(pid, 'fd.open', { path: '/tmp/many' }))).code).toBe('EMFILE');
    expect((await kernelError(k.syscall(pid, 'fd.dup', { fd }))).code).toBe('EMFILE');
    await k.syscall(pid, 'fd.close', { fd: 500 });
    expect((await k.syscall<any>(pid, 'fd.dup', { fd })).fd).toBe(500);
  });

  it('reads and writes bytes for in-process callers; a Buffer read is the caller\'s own copy', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const { fd } = await k.syscall<any>(pid, 'fd.open', { path: '/tmp/bin', flags: 'w+' });
    await k.syscall(pid, 'fd.write', { fd, data: Uint8Array.from([1, 2, 3, 250]) });
    await k.syscall(pid, 'fd.lseek', { fd, offset: 0 });
    const r = await k.syscall<any>(pid, 'fd.read', { fd, encoding: 'buffer' });
    expect([...r.data]).toEqual([1, 2, 3, 250]);
    r.data.fill(0);
    expect(await k.syscall(pid, 'fs.read', { path: '/tmp/bin', encoding: 'base64' })).toBe(Buffer.from([1, 2, 3, 250]).toString('base64'));
  });
});
