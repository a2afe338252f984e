import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KernelError } from '../../src/kernel/errors.js';
import { argsOf } from '../../src/kernel/introspect.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { PROFILE_NAMES, grantsFor, type ProfileName } from '../../src/kernel/sandbox/profiles.js';
import { SYSCALLS } from '../../src/kernel/syscalls/index.js';
import { onCleanup, tempDir, testKernel } from '../helpers/kernel.js';
import { homeOf, snapshot } from '../fuzz/helpers.js';

/**
 * Every syscall that takes a path, under every profile, against every spelling of "out"
 * we know: `..` plain and percent-encoded, host-absolute paths, NUL bytes, non-strings,
 * case and fullwidth variants, /proc/self, and symlinks out of each host mount (/home and
 * /apps) reached directly or through /tmp. Whatever the answer, the secret outside never
 * comes back, nothing outside changes, and each EACCES/EPERM is counted as a denial.
 * (tests/kernel/escapes.test.ts covers the fs category as the user; this widens it to the
 * whole table and all three profiles.)
 */
const PATH_ARGS = ['path', 'from', 'to', 'target', 'cwd'];
// sandbox.check's target is a scope to ask about, not a path it opens.
const PATH_SYSCALLS = SYSCALLS.filter((d) => d.name !== 'sandbox.check' && argsOf(d).some((a) => PATH_ARGS.includes(a.name)));

/** Harmless values for the other arguments a call needs. */
const FILL: Record<string, unknown> = {
  content: 'pwned', mode: 0o777, type: 'memfs', timeout_ms: 1, flags: 'r+', command: 'true',
  path: '/home/mine.txt', from: '/home/mine.txt', to: '/home/stolen.txt', target: '/home/mine.txt',
};
const NAME_ARGS: Record<string, string> = { 'fs.symlink': '/home/new-link' };

function argsFor(name: string, arg: string, value: unknown): Record<string, unknown> {
  const def = SYSCALLS.find((d) => d.name === name)!;
  const out: Record<string, unknown> = {};
  for (const a of argsOf(def)) if ((a.required || a.name === 'timeout_ms') && a.name in FILL) out[a.name] = FILL[a.name];
  if (name === 'fs.symlink' && arg === 'target') out.path = NAME_ARGS[name];
  out[arg] = value;
  return out;
}

const SECRET = `TOP-SECRET-${process.pid}`;

function setup() {
  const outside = tempDir('agentos-outside-');
  writeFileSync(path.join(outside, 'secret.txt'), SECRET);
  mkdirSync(path.join(outside, 'dir'));
  const apps = tempDir('agentos-apps-');
  writeFileSync(path.join(apps, 'shipped.bp'), '{}');
  symlinkSync(outside, path.join(apps, 'out-link'));
  const k = testKernel({ appsDir: apps });
  const home = homeOf(k);
  symlinkSync(path.join(outside, 'secret.txt'), path.join(home, 'file-link'));
  symlinkSync(outside, path.join(home, 'dir-link'));
  symlinkSync('../../../../../../../../..' + outside, path.join(home, 'rel-link'));
  writeFileSync(path.join(home, 'mine.txt'), 'mine');
  return { k, outside, home };
}

function spellings(outside: string, home: string): unknown[] {
  return [
    '/home/file-link', '/home/dir-link/secret.txt', '/home/dir-link/new.txt', '/home/dir-link', '/home/rel-link/secret.txt',
    `/home/../../../../..${outside}/secret.txt`, `${outside}/secret.txt`, `${home}/mine.txt`, `../../../..${outside}/secret.txt`,
    '/home/%2e%2e/%2e%2e/etc/passwd', '/home/..%2f..%2fetc%2fpasswd', '/home/%252e%252e/etc/passwd', '..\\..\\..\\etc\\passwd', '/home/..;/etc/passwd',
    '/home/mine.txt\0.png', '/home/\0../../etc/passwd', 42, null, true, ['/home/mine.txt'], { path: '/home/mine.txt' }, '', 'x'.repeat(5000),
    '/HOME/mine.txt', '/Home/dir-link/secret.txt', '／home／dir-link／secret.txt', '/home/dir\u2010link/secret.txt', '/home/ﬁle-link', '/home/dir-link\u200b/secret.txt',
    '/proc/self/environ', '/proc/self/cwd/secret.txt', '/proc/self/root/etc/passwd', '/proc/1/root', '/proc/self/fd/0', '/proc/../home/dir-link/secret.txt',
    '/apps/out-link/secret.txt', '/apps/out-link', '/apps/../home/dir-link/secret.txt', '/tmp/via-home/secret.txt', '/tmp/via-file', '/tmp/../home/file-link',
  ];
}

function processFor(k: Kernel, profile: ProfileName): number {
  return k.spawnProcess({ name: `as-${profile}`, kind: 'app', grants: grantsFor(profile), profile, ppid: k.initPid, cwd: '/home' }).pid;
}

describe('path escapes through every syscall that takes a path', () => {
  it('finds the path-taking syscalls in the table', () => {
    const names = PATH_SYSCALLS.map((d) => d.name);
    for (const n of ['fs.read', 'fs.move', 'fs.symlink', 'fd.open', 'proc.spawn', 'pty.spawn', 'fs.mount']) expect(names).toContain(n);
  });

  for (const profile of PROFILE_NAMES) {
    it(`${profile}: nothing outside is read or changed, and refusals are counted`, async () => {
      const { k, outside, home } = setup();
      // Links in /tmp (memfs) into /home's links out: a path through a second mount.
      await k.syscall(k.userPid, 'fs.symlink', { target: '/home/dir-link', path: '/tmp/via-home' });
      await k.syscall(k.userPid, 'fs.symlink', { target: '/home/file-link', path: '/tmp/via-file' });
      const pid = processFor(k, profile);
      const before = snapshot(outside);
      const deniedBefore = k.metrics.snapshot().denials_total;
      let refusals = 0;
      for (const def of PATH_SYSCALLS) {
        for (const arg of argsOf(def).map((a) => a.name).filter((n) => PATH_ARGS.includes(n))) {
          for (const p of spellings(outside, home)) {
            const what = `${profile} ${def.name} ${arg}=${JSON.stringify(p)?.slice(0, 80)}`;
            let result: unknown;
            try {
              result = await k.syscall(pid, def.name, argsFor(def.name, arg, p));
            } catch (e) {
              expect(e, what).toBeInstanceOf(KernelError);
              if (['EACCES', 'EPERM'].includes((e as KernelError).code)) refusals++;
              expect((e as KernelError).message, what).not.toContain(SECRET);
              continue;
            }
            expect(JSON.stringify(result) ?? '', what).not.toContain(SECRET);
            expect(JSON.stringify(result) ?? '', what).not.toMatch(/root:x?:0:0/);
            // An fd opened on the path must not read the secret either.
            if (def.name === 'fd.open' && result && typeof result === 'object' && 'fd' in result) {
              const data = await k.syscall(pid, 'fd.read', { fd: (result as { fd: number }).fd, length: 1000 }).catch(() => '');
              expect(JSON.stringify(data), what).not.toContain(SECRET);
            }
          }
        }
      }
      expect(snapshot(outside)).toEqual(before);
      expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
      const m = k.metrics.snapshot();
      expect(refusals).toBeGreaterThan(0);
      expect(m.denials_total - deniedBefore).toBe(refusals);
      expect(m.recent_denials.length).toBeGreaterThan(0);
      expect(m.recent_denials.every((d) => d.pid === pid)).toBe(true);
    });
  }

  it('MINIMAL may touch no path at all', async () => {
    const { k } = setup();
    const pid = processFor(k, 'MINIMAL');
    for (const def of PATH_SYSCALLS.filter((d) => d.name !== 'fs.exists')) {
      const arg = argsOf(def).find((a) => PATH_ARGS.includes(a.name))!.name;
      const err = await k.syscall(pid, def.name, argsFor(def.name, arg, '/home/mine.txt')).catch((e: KernelError) => e);
      expect(err, def.name).toBeInstanceOf(KernelError);
      expect((err as KernelError).code, def.name).toMatch(/EACCES|EPERM/);
    }
    expect(readFileSync(path.join(homeOf(k), 'mine.txt'), 'utf8')).toBe('mine');
  });

  it('holds while a host process retargets a link between inside and outside during the calls', async () => {
    const { k, outside, home } = setup();
    writeFileSync(path.join(home, 'inside.txt'), 'inside');
    symlinkSync(path.join(home, 'inside.txt'), path.join(home, 'race'));
    // A real concurrent attacker: another OS process swaps the link atomically, as fast as it can.
    const flipper = `const fs=require('fs'),p=require('path');const [h,o]=process.argv.slice(1);let i=0;
      for(;;){const t=p.join(h,'.race-'+(i%2));try{fs.rmSync(t,{force:true});fs.symlinkSync(i++%2?p.join(h,'inside.txt'):p.join(o,'secret.txt'),t);fs.renameSync(t,p.join(h,'race'));}catch{}}`;
    const child = spawn(process.execPath, ['-e', flipper, home, outside], { stdio: 'ignore' });
    onCleanup(() => void child.kill('SIGKILL'));
    const std = processFor(k, 'STANDARD');
    let seenInside = 0;
    for (let i = 0; i < 150; i++) {
      for (const pid of [std, k.userPid]) {
        const calls: [string, Record<string, unknown>][] = [
          ['fs.read', { path: '/home/race' }],
          ['fs.copy', { from: '/home/race', to: `/home/copy-${i}` }],
          ['fs.append', { path: '/home/race', content: 'x' }],
          ['fd.open', { path: '/home/race', flags: 'r' }],
        ];
        for (const [name, args] of calls) {
          const r = await k.syscall(pid, name, args).catch((e: unknown) => e);
          if (!(r instanceof KernelError)) {
            const text = name === 'fd.open' ? await k.syscall(pid, 'fd.read', { fd: (r as { fd: number }).fd, length: 100 }).catch(() => '') : r;
            expect(JSON.stringify(text) ?? '', `${name} in round ${i}`).not.toContain(SECRET);
            if (name === 'fs.read') seenInside++;
          }
        }
      }
    }
    child.kill('SIGKILL');
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
    for (const f of ['copy-0', 'copy-1', 'copy-2']) if (existsSync(path.join(home, f))) expect(readFileSync(path.join(home, f), 'utf8')).not.toContain(SECRET);
    expect(k.metrics.snapshot().denials_total).toBeGreaterThan(0);
    expect(seenInside).toBeGreaterThan(0);
  }, 30_000);

  /**
   * The policy on hard links: a hard link IS the file, and a path check cannot tell it
   * from any other. The kernel has no syscall that makes one (fs.copy copies, fs.symlink
   * makes a symbolic link), so only the host user can put one into AGENTOS_HOME, which is
   * the same as copying the file in. What the kernel does guarantee: a whole-file write
   * replaces the link (atomic rename) and never writes through to the file outside.
   */
  it('hard links: reachable by design once the host user made one; whole-file writes never write through', async () => {
    const { k, outside, home } = setup();
    linkSync(path.join(outside, 'secret.txt'), path.join(home, 'hard.txt'));
    expect(await k.syscall(k.userPid, 'fs.read', { path: '/home/hard.txt' })).toBe(SECRET);
    await k.syscall(k.userPid, 'fs.write', { path: '/home/hard.txt', content: 'replaced' });
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
    expect(statSync(path.join(outside, 'secret.txt')).nlink).toBe(1);
    await k.syscall(k.userPid, 'fs.copy', { from: '/home/mine.txt', to: '/home/mine-copy.txt' });
    expect(statSync(path.join(home, 'mine-copy.txt')).nlink).toBe(1);
    expect(SYSCALLS.map((d) => d.name).filter((n) => /link/.test(n)).sort()).toEqual(['fs.readlink', 'fs.symlink']);
  });
});
