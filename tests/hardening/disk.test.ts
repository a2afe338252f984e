import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/kernel/errors.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { kernelSyscaller, openRegistry } from '../../src/runtime/registry/index.js';
import { SESSION_FORMAT, SESSION_VERSION, type Session } from '../../src/runtime/sessions/format.js';
import { SessionStore } from '../../src/runtime/sessions/index.js';
import { ATOMIC_TEMP } from '../helpers/crash.js';
import { agentos } from '../helpers/cli.js';
import { kernelError, onCleanup, tempDir, testKernel } from '../helpers/kernel.js';

/**
 * /home on a filesystem that refuses writes: a 64 KiB tmpfs that fills up (ENOSPC) and one
 * remounted read-only (EROFS). Mounting needs root, which these machines and CI (.ci/run)
 * have; only a machine that may not mount and is not CI skips.
 */
function mayMount(): boolean {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agentos-mount-probe-'));
  try {
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0;
    if (ok) spawnSync('umount', [dir]);
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CAN_MOUNT = mayMount();

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error}`);
}

/** A fresh 64 KiB tmpfs, unmounted after the test (before its folder is removed). */
function smallDisk(): string {
  const dir = tempDir('agentos-disk-');
  run('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir]);
  onCleanup(() => void spawnSync('umount', ['-l', dir]));
  return dir;
}

const readOnly = (dir: string) => run('mount', ['-o', 'remount,ro', dir]);

const smallApp = (id: string, version: number, ballast = '') =>
  JSON.stringify({ app: { id, name: 'Keep', description: `version ${version}` }, ui: { components: [{ type: 'text', id: 'text', props: { content: ballast || 'hi' } }] } });

const session = (name: string, counter: number, ballast = ''): Session => ({
  format: SESSION_FORMAT,
  version: SESSION_VERSION,
  name,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  workspace: {
    apps: [
      {
        id: 'counter',
        app_id: 'counter',
        title: 'Counter',
        parent: null,
        blueprint: { app: { id: 'counter', name: 'Counter' }, ui: { components: [] } },
        state: { counter, ballast },
        window: { rect: { x: 0.1, y: 0.1, w: 0.5, h: 0.5 }, mode: 'normal', zone: null, tiled: null, minimized: false },
      },
    ],
    stack: ['counter'],
    focused: 'counter',
    chat: [],
    clipboard: '',
  },
});

/** Three things written while there is room: a file, a saved app, a session. */
async function writeFirst(kernel: Kernel) {
  await kernel.syscall(kernel.userPid, 'fs.write', { path: '/home/note.txt', content: 'first' });
  const { registry } = await openRegistry(kernel);
  await registry.save(smallApp('keep', 1));
  const sessions = new SessionStore(kernelSyscaller(kernel, kernel.userPid));
  await sessions.write(session('work', 1));
  return { registry, sessions };
}

/** Everything written first is still there and whole, as a fresh start reads it. */
async function expectFirstIntact(kernel: Kernel) {
  expect(await kernel.syscall(kernel.userPid, 'fs.read', { path: '/home/note.txt' })).toBe('first');
  const { registry, problems } = await openRegistry(kernel);
  expect(problems).toEqual([]);
  expect(registry.cached('keep')?.app.description).toBe('version 1');
  const sessions = new SessionStore(kernelSyscaller(kernel, kernel.userPid));
  expect((await sessions.read('work')).workspace.apps[0]!.state.counter).toBe(1);
  expect(await sessions.last()).toBe('work');
}

/** The error as a user reads it: one line, `agentos: SYSCALL: CODE: message`. */
const oneLine = (e: unknown) => {
  const line = formatError(e);
  expect(line).not.toMatch(/\n/);
  return line;
};

const noTemps = (dir: string) => expect(readdirSync(dir, { recursive: true }).map(String).filter((n) => ATOMIC_TEMP.test(path.basename(n)))).toEqual([]);

const big = 'x'.repeat(100 * 1024);

describe.skipIf(!CAN_MOUNT && !process.env.CI)('/home on a full disk and on a read-only one', () => {
  it('a full disk: fs.write, a registry save and a session save fail with one ENOSPC line, and the old files stay whole', async () => {
    const home = smallDisk();
    const kernel = testKernel({ home });
    const { registry, sessions } = await writeFirst(kernel);

    const write = await kernelError(kernel.syscall(kernel.userPid, 'fs.write', { path: '/home/note.txt', content: big }));
    expect(write.code).toBe('ENOSPC');
    expect(oneLine(write)).toBe('agentos: fs.write: ENOSPC: /home/note.txt no space left on the device');

    const save = await kernelError(registry.save(smallApp('keep', 2, big)));
    expect(save.code).toBe('ENOSPC');
    expect(oneLine(save)).toBe('agentos: fs.write: ENOSPC: /home/apps/keep.bp no space left on the device');

    const saveSession = await kernelError(sessions.write(session('work', 2, big)));
    expect(saveSession.code).toBe('ENOSPC');
    expect(oneLine(saveSession)).toBe('agentos: fs.write: ENOSPC: /home/sessions/work.json no space left on the device');

    await expectFirstIntact(kernel);
    // A failed atomic write cleans up its temp file: the space is free again.
    noTemps(home);
  });

  it('a full disk: `agentos syscall fs.write` prints one ENOSPC line and exits non-zero', () => {
    const home = smallDisk();
    const env = { AGENTOS_HOME: home };
    expect(agentos(['syscall', 'fs.write', '/home/note.txt', 'first'], env).code).toBe(0);
    const r = agentos(['syscall', 'fs.write', '/home/note.txt', big], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe('agentos: fs.write: ENOSPC: /home/note.txt no space left on the device\n');
    expect(readFileSync(path.join(home, 'note.txt'), 'utf8')).toBe('first');
    noTemps(home);
  });

  it('a read-only /home: fs.write, a registry save and a session save fail with one EROFS line, and reads still work', async () => {
    const home = smallDisk();
    const kernel = testKernel({ home });
    const { registry, sessions } = await writeFirst(kernel);
    readOnly(home);

    const write = await kernelError(kernel.syscall(kernel.userPid, 'fs.write', { path: '/home/note.txt', content: 'second' }));
    expect(write.code).toBe('EROFS');
    expect(oneLine(write)).toMatch(/^agentos: fs\.write: EROFS: \/home\/note\.txt is on a read-only mount$/);

    const save = await kernelError(registry.save(smallApp('keep', 2)));
    expect(save.code).toBe('EROFS');
    expect(oneLine(save)).toMatch(/^agentos: fs\.write: EROFS: \/home\/apps\/keep\.bp is on a read-only mount$/);

    // A recursive mkdir names the real reason, not the ENOENT Node's recursive mkdir gives.
    const mkdir = await kernelError(kernel.syscall(kernel.userPid, 'fs.mkdir', { path: '/home/new/deeper', recursive: true }));
    expect(oneLine(mkdir)).toMatch(/^agentos: fs\.mkdir: EROFS: \/home\/new\/deeper is on a read-only mount$/);

    const saveSession = await kernelError(sessions.write(session('work', 2)));
    expect(saveSession.code).toBe('EROFS');
    expect(oneLine(saveSession)).toMatch(/^agentos: fs\.write: EROFS: \/home\/sessions\/work\.json is on a read-only mount$/);

    await expectFirstIntact(kernel);
  });

  it('a read-only /home: `agentos syscall fs.write` prints one EROFS line, `fs.read` still answers', () => {
    const home = smallDisk();
    const env = { AGENTOS_HOME: home };
    expect(agentos(['syscall', 'fs.write', '/home/note.txt', 'first'], env).code).toBe(0);
    readOnly(home);
    const r = agentos(['syscall', 'fs.write', '/home/note.txt', 'second'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^agentos: fs\.write: EROFS: \/home\/note\.txt is on a read-only mount\n$/);
    expect(agentos(['syscall', 'fs.read', '/home/note.txt'], env)).toMatchObject({ code: 0, stdout: 'first\n' });
  });
});
