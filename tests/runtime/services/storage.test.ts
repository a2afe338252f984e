import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SERVICE_TOOLS } from '../../../src/runtime/services/index.js';
import { tempDir, testKernel } from '../../helpers/kernel.js';
import { appContext, failure, runTool } from './tool-context.js';

const run = (ctx: Parameters<typeof runTool>[1], id: string, params?: Record<string, unknown>) => runTool(SERVICE_TOOLS, ctx, id, params);

describe('storage service', () => {
  test('set, get, list, remove and clear a JSON value per key', async () => {
    const ctx = appContext(testKernel(), 'notes');
    expect(await run(ctx, 'storage.set', { key: 'doc', value: { title: 'hi', tags: ['a', 'b'], n: 2 } })).toEqual({ key: 'doc', saved: true });
    await run(ctx, 'storage.set', { key: 'count', value: 3 });
    expect(await run(ctx, 'storage.get', { key: 'doc' })).toEqual({ title: 'hi', tags: ['a', 'b'], n: 2 });
    expect(await run(ctx, 'storage.get', { key: 'missing' })).toBeNull();
    expect(await run(ctx, 'storage.get', { key: 'missing', default: 'none' })).toBe('none');
    expect(await run(ctx, 'storage.list')).toEqual(['count', 'doc']);
    expect(await run(ctx, 'storage.list', { prefix: 'co' })).toEqual(['count']);
    expect(await run(ctx, 'storage.remove', { key: 'count' })).toEqual({ key: 'count', removed: true });
    expect(await run(ctx, 'storage.remove', { key: 'count' })).toEqual({ key: 'count', removed: false });
    expect(await run(ctx, 'storage.clear')).toEqual({ cleared: 1 });
    expect(await run(ctx, 'storage.list')).toEqual([]);
  });

  test('survives a restart: a second kernel on the same home reads what the first wrote', async () => {
    const home = tempDir();
    const first = appContext(testKernel({ home }), 'notes');
    await run(first, 'storage.set', { key: 'draft', value: 'hello' });
    expect(existsSync(path.join(home, '.agentos/storage/notes.json'))).toBe(true);
    const second = appContext(testKernel({ home }), 'notes');
    expect(await run(second, 'storage.get', { key: 'draft' })).toBe('hello');
  });

  test('each app has its own keys, and odd app ids stay inside the storage folder', async () => {
    const home = tempDir();
    const kernel = testKernel({ home });
    const a = appContext(kernel, 'app-a');
    const b = appContext(kernel, '../../escape');
    await run(a, 'storage.set', { key: 'k', value: 1 });
    await run(b, 'storage.set', { key: 'k', value: 2 });
    expect(await run(a, 'storage.get', { key: 'k' })).toBe(1);
    expect(await run(b, 'storage.get', { key: 'k' })).toBe(2);
    expect(existsSync(path.join(home, 'escape.json'))).toBe(false);
    expect(existsSync(path.join(home, '..', 'escape.json'))).toBe(false);
  });

  test('keys like __proto__ are plain data', async () => {
    const ctx = appContext(testKernel());
    await run(ctx, 'storage.set', { key: '__proto__', value: { polluted: true } });
    expect(await run(ctx, 'storage.get', { key: '__proto__' })).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await run(ctx, 'storage.list')).toEqual(['__proto__']);
  });

  test('concurrent sets of one app all land (read-modify-write is serialized)', async () => {
    const ctx = appContext(testKernel());
    await Promise.all(Array.from({ length: 20 }, (_, i) => run(ctx, 'storage.set', { key: `k${i}`, value: i })));
    expect((await run(ctx, 'storage.list')) as string[]).toHaveLength(20);
  });

  test('the app\'s grants apply: a MINIMAL app cannot touch /home', async () => {
    const ctx = appContext(testKernel(), 'locked', 'MINIMAL');
    const err = await failure(run(ctx, 'storage.set', { key: 'k', value: 1 }));
    expect(err.code).toBe('EACCES');
    expect(err.message).toMatch(/permission denied/);
  });

  test('a damaged storage file is reported, not overwritten', async () => {
    const home = tempDir();
    mkdirSync(path.join(home, '.agentos/storage'), { recursive: true });
    const file = path.join(home, '.agentos/storage/broken.json');
    writeFileSync(file, '{not json');
    const ctx = appContext(testKernel({ home }), 'broken');
    const err = await failure(run(ctx, 'storage.set', { key: 'k', value: 1 }));
    expect(err.message).toMatch(/^storage\.set: .*damaged/);
    expect(readFileSync(file, 'utf8')).toBe('{not json');
  });

  test('values over 1 MiB are refused with a clear error', async () => {
    const ctx = appContext(testKernel());
    const err = await failure(run(ctx, 'storage.set', { key: 'big', value: 'x'.repeat(1024 * 1024 + 1) }));
    expect(err.message).toMatch(/storage\.set: the value is over 1024 KiB/);
  });
});
