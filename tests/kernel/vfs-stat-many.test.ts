import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lstatMany } from '../../src/kernel/vfs/stat-many.js';
import { tempDir } from '../helpers/kernel.js';

describe('lstatMany', () => {
  it('answers each name in order, undefined for those not there, and an empty list at once', async () => {
    const dir = tempDir();
    const names = Array.from({ length: 300 }, (_, i) => `f${i}`);
    for (const [i, n] of names.entries()) writeFileSync(path.join(dir, n), 'x'.repeat(i % 7));
    mkdirSync(path.join(dir, 'sub'));
    const st = await lstatMany(dir, [...names, 'gone', 'sub']);
    expect(st).toHaveLength(302);
    expect(st.slice(0, 300).map((s) => s?.size)).toEqual(names.map((_, i) => i % 7));
    expect(st[300]).toBeUndefined();
    expect(st[301]!.isDirectory()).toBe(true);
    expect(await lstatMany(dir, [])).toEqual([]);
  });
});
