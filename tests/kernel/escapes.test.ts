import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { fsSyscalls } from '../../src/kernel/syscalls/fs.js';
import { testKernel, kernelError, tempDir } from '../helpers/kernel.js';

/**
 * Every fs syscall that takes a path, against every way out we know: `..`, symlinks in
 * /home pointing out (to a file and to a folder), NUL bytes, non-strings, writes to
 * read-only mounts. Each must be refused with a clear error and harm nothing.
 */
function setup() {
  const outside = tempDir('agentos-outside-');
  writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
  const apps = tempDir('agentos-apps-');
  writeFileSync(path.join(apps, 'shipped.bp'), '{}');
  const k = testKernel({ appsDir: apps });
  const home = (k.vfs.mountFor('/home').mount.backend as unknown as { root: string }).root;
  symlinkSync(path.join(outside, 'secret.txt'), path.join(home, 'file-link'));
  symlinkSync(outside, path.join(home, 'dir-link'));
  writeFileSync(path.join(home, 'mine.txt'), 'mine');
  return { k, outside, home };
}

const ESCAPES = ['/home/file-link', '/home/dir-link/secret.txt', '/home/dir-link/new.txt', '/home/dir-link'];

/** Arguments that make each syscall touch `p` (and a harmless partner path). */
const argsFor: Record<string, (p: string) => Record<string, unknown>> = {
  'fs.read': (p) => ({ path: p }),
  'fs.write': (p) => ({ path: p, content: 'pwned' }),
  'fs.append': (p) => ({ path: p, content: 'pwned' }),
  'fs.create': (p) => ({ path: p + '/created.txt', content: 'pwned' }),
  'fs.delete': (p) => ({ path: p + '/secret.txt' }),
  'fs.mkdir': (p) => ({ path: p + '/sub' }),
  'fs.rmdir': (p) => ({ path: p + '/sub' }),
  'fs.list': (p) => ({ path: p }),
  'fs.stat': (p) => ({ path: p }),
  'fs.exists': (p) => ({ path: p }),
  'fs.move': (p) => ({ from: p + '/secret.txt', to: '/home/stolen.txt' }),
  'fs.copy': (p) => ({ from: p, to: '/home/stolen.txt' }),
  'fs.truncate': (p) => ({ path: p }),
  'fs.symlink': (p) => ({ target: '/home/mine.txt', path: p + '/evil-link' }),
  'fs.readlink': (p) => ({ path: p + '/x' }),
  'fs.realpath': (p) => ({ path: p }),
  'fs.chmod': (p) => ({ path: p, mode: 0o777 }),
  'fs.chdir': (p) => ({ path: p }),
  'fs.watch': (p) => ({ path: p, timeout_ms: 1 }),
  'fs.mount': (p) => ({ path: p + '/m', type: 'memfs' }),
  'fs.unmount': (p) => ({ path: p }),
};

describe('sandbox escapes through the filesystem', () => {
  it('has an escape case for every fs syscall', () => {
    expect(Object.keys(argsFor).sort()).toEqual(fsSyscalls.map((s) => s.name).filter((n) => n !== 'fs.getcwd').sort());
  });

  for (const name of Object.keys(argsFor)) {
    it(`${name} cannot leave /home through a symlink`, async () => {
      const { k, outside } = setup();
      for (const p of ESCAPES) {
        const err = await kernelError(k.syscall(k.userPid, name, argsFor[name]!(p))).catch((e) => e);
        expect(err.code, `${name} ${p}: ${err.message}`).toMatch(/EACCES|ENOENT|EINVAL|EXDEV|EBUSY|ENOTDIR/);
      }
      expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('top secret');
      expect(existsSync(path.join(outside, 'new.txt'))).toBe(false);
      expect(existsSync(path.join(outside, 'sub'))).toBe(false);
    });
  }

  it('never reads the host through any spelling of /etc/passwd', async () => {
    const { k } = setup();
    for (const p of ['/etc/passwd', '/home/../etc/passwd', '/home/../../../../etc/passwd', '../../etc/passwd', '/home/./../etc/passwd', '//etc//passwd']) {
      const err = await kernelError(k.syscall(k.userPid, 'fs.read', { path: p }));
      expect(err.code).toBe('ENOENT');
      expect(err.message).not.toContain('root:');
    }
  });

  it('refuses NUL bytes, non-strings, empty and over-long paths with EINVAL', async () => {
    const { k } = setup();
    for (const bad of ['/home/mine.txt\0.png', 42, null, ['a'], { toString: () => '/etc/passwd' }, '', 'a'.repeat(5000)]) {
      const err = await kernelError(k.syscall(k.userPid, 'fs.read', { path: bad }));
      expect(['EINVAL', 'ENAMETOOLONG']).toContain(err.code);
    }
  });

  it('refuses writes to /apps and /proc and leaves them as they were', async () => {
    const { k } = setup();
    for (const [name, args] of [
      ['fs.write', { path: '/apps/shipped.bp', content: 'x' }],
      ['fs.delete', { path: '/apps/shipped.bp' }],
      ['fs.mkdir', { path: '/apps/new' }],
      ['fs.write', { path: '/proc/uptime', content: 'x' }],
    ] as const) {
      const err = await kernelError(k.syscall(k.userPid, name, args));
      expect(err.code).toMatch(/EROFS|EACCES/);
    }
    expect(await k.syscall(k.userPid, 'fs.read', { path: '/apps/shipped.bp' })).toBe('{}');
  });

  it('catches a link swapped in after the check (re-checked at open)', async () => {
    const { k, home, outside } = setup();
    writeFileSync(path.join(home, 'swap.txt'), 'fine');
    const backend = k.vfs.mountFor('/home').mount.backend;
    // Swap the file for a link out between lookup and read, as a racing attacker would.
    const lookup = backend.lookup.bind(backend);
    backend.lookup = async (rel, follow) => {
      const r = await lookup(rel, follow);
      if (rel === 'swap.txt') {
        const { rmSync } = await import('node:fs');
        rmSync(path.join(home, 'swap.txt'));
        symlinkSync(path.join(outside, 'secret.txt'), path.join(home, 'swap.txt'));
      }
      return r;
    };
    const err = await kernelError(k.syscall(k.userPid, 'fs.read', { path: '/home/swap.txt' }));
    expect(err.code).toBe('EACCES');
  });

  it('scopes grants: a STANDARD process reads /home but not the root fs, MINIMAL reads nothing', async () => {
    const { k } = setup();
    await k.syscall(k.userPid, 'fs.write', { path: '/secret-root', content: 's' });
    const std = k.spawnProcess({ name: 'std', kind: 'app', grants: grantsFor('STANDARD'), profile: 'STANDARD', ppid: k.initPid });
    const min = k.spawnProcess({ name: 'min', kind: 'app', grants: grantsFor('MINIMAL'), profile: 'MINIMAL', ppid: k.initPid });
    expect(await k.syscall(std.pid, 'fs.read', { path: '/home/mine.txt' })).toBe('mine');
    expect((await kernelError(k.syscall(std.pid, 'fs.read', { path: '/secret-root' }))).code).toBe('EACCES');
    expect((await kernelError(k.syscall(std.pid, 'fs.write', { path: '/apps/x', content: '' }))).code).toMatch(/EACCES|EROFS/);
    expect((await kernelError(k.syscall(min.pid, 'fs.read', { path: '/home/mine.txt' }))).code).toBe('EACCES');
    // A symlink from /home into the root fs does not widen a STANDARD process's reach.
    await k.syscall(k.userPid, 'fs.symlink', { target: '/secret-root', path: '/tmp/to-root' });
    expect((await kernelError(k.syscall(std.pid, 'fs.read', { path: '/tmp/to-root' }))).code).toBe('EACCES');
    expect(k.metrics.snapshot().denials_total).toBeGreaterThanOrEqual(3);
  });

  it('leaves /home intact after every refused call', async () => {
    const { k, home } = setup();
    mkdirSync(path.join(home, 'keep'));
    writeFileSync(path.join(home, 'keep', 'a'), 'A');
    for (const name of Object.keys(argsFor)) {
      for (const p of ESCAPES) await k.syscall(k.userPid, name, argsFor[name]!(p)).catch(() => {});
    }
    expect(readFileSync(path.join(home, 'keep', 'a'), 'utf8')).toBe('A');
    expect(readFileSync(path.join(home, 'mine.txt'), 'utf8')).toBe('mine');
  });
});
