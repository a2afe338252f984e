import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SERVICE_TOOLS } from '../../../src/runtime/services/index.js';
import { tempDir, testKernel } from '../../helpers/kernel.js';
import { appContext, failure, runTool } from './tool-context.js';

const run = (ctx: Parameters<typeof runTool>[1], id: string, params?: Record<string, unknown>) => runTool(SERVICE_TOOLS, ctx, id, params);

describe('filesystem service', () => {
  test('list of /home: folders first, then files, each with name, type, size and modified', async () => {
    const home = tempDir();
    writeFileSync(path.join(home, 'b.txt'), 'hello');
    const ctx = appContext(testKernel({ home }));
    await run(ctx, 'filesystem.mkdir', { path: '/home/zdocs' });
    const entries = await run(ctx, 'filesystem.list', { path: '/home' });
    expect(entries.map((e: { name: string }) => e.name)).toEqual(['zdocs', 'b.txt']);
    expect(entries[1]).toMatchObject({ name: 'b.txt', type: 'file', size: 5 });
    expect(Date.parse(entries[1].modified)).not.toBeNaN();
    expect(entries[0]).toMatchObject({ name: 'zdocs', type: 'dir' });
    expect(await run(ctx, 'filesystem.list')).toEqual(entries);
  });

  test('hidden=false leaves out dot files', async () => {
    const ctx = appContext(testKernel());
    await run(ctx, 'filesystem.write', { path: '/home/.secret', content: 'x' });
    await run(ctx, 'filesystem.write', { path: '/home/shown', content: 'x' });
    const names = (await run(ctx, 'filesystem.list', { hidden: false })).map((e: { name: string }) => e.name);
    expect(names).toEqual(['shown']);
  });

  test('write, read, stat, exists, create, move, copy and delete', async () => {
    const home = tempDir();
    const ctx = appContext(testKernel({ home }));
    expect(await run(ctx, 'filesystem.write', { path: '/home/a.txt', content: 'one' })).toMatchObject({ path: '/home/a.txt', bytes: 3 });
    expect(readFileSync(path.join(home, 'a.txt'), 'utf8')).toBe('one');
    expect(await run(ctx, 'filesystem.read', { path: '/home/a.txt' })).toBe('one');
    expect(await run(ctx, 'filesystem.read', { path: '/home/a.txt', encoding: 'base64' })).toBe(Buffer.from('one').toString('base64'));
    expect(await run(ctx, 'filesystem.stat', { path: '/home/a.txt' })).toMatchObject({ type: 'file', size: 3 });
    expect(await run(ctx, 'filesystem.exists', { path: '/home/a.txt' })).toBe(true);
    expect(await run(ctx, 'filesystem.exists', { path: '/home/nope.txt' })).toBe(false);

    expect((await failure(run(ctx, 'filesystem.create', { path: '/home/a.txt' }))).code).toBe('EEXIST');
    await run(ctx, 'filesystem.create', { path: '/home/new.txt', content: 'fresh' });
    expect(await run(ctx, 'filesystem.read', { path: '/home/new.txt' })).toBe('fresh');

    await run(ctx, 'filesystem.mkdir', { path: '/home/docs/deep' });
    await run(ctx, 'filesystem.move', { from: '/home/a.txt', to: '/home/docs/a.txt' });
    expect(await run(ctx, 'filesystem.exists', { path: '/home/a.txt' })).toBe(false);
    await run(ctx, 'filesystem.copy', { from: '/home/docs', to: '/home/docs-copy' });
    expect(await run(ctx, 'filesystem.read', { path: '/home/docs-copy/a.txt' })).toBe('one');

    await run(ctx, 'filesystem.delete', { path: '/home/new.txt' });
    expect(await run(ctx, 'filesystem.exists', { path: '/home/new.txt' })).toBe(false);
    expect((await failure(run(ctx, 'filesystem.delete', { path: '/home/docs' }))).code).toBe('ENOTEMPTY');
    await run(ctx, 'filesystem.delete', { path: '/home/docs', recursive: true });
    expect(await run(ctx, 'filesystem.exists', { path: '/home/docs' })).toBe(false);
  });

  test('paths outside the app\'s grants are denied with a clear error', async () => {
    const ctx = appContext(testKernel());
    for (const [id, params] of [
      ['filesystem.write', { path: '/outside.txt', content: 'x' }],
      ['filesystem.write', { path: '/home/../etc/passwd', content: 'x' }],
      ['filesystem.list', { path: '/' }],
      ['filesystem.read', { path: '/proc/self/status' }],
      ['filesystem.delete', { path: '/apps' }],
    ] as const) {
      const err = await failure(run(ctx, id, params));
      expect(err.code, `${id} ${JSON.stringify(params)}`).toBe('EACCES');
      expect(err.message).toMatch(/^permission denied: .*\(needs [A-Z_]+\)$/);
    }
  });

  test('a missing path says so', async () => {
    const ctx = appContext(testKernel());
    const err = await failure(run(ctx, 'filesystem.read', { path: '/home/missing.txt' }));
    expect(err.code).toBe('ENOENT');
    expect(err.message).toMatch(/missing\.txt/);
  });
});
