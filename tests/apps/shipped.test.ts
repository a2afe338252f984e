import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/blueprint/types.js';
import { parseBlueprint } from '../../src/blueprint/index.js';
import { appToolTable } from '../../src/runtime/registry/index.js';
import { APPS_DIR, appDesk, errorsOf } from './setup.js';

const files = CATEGORIES.flatMap((c) => {
  try {
    return readdirSync(path.join(APPS_DIR, c)).filter((f) => f.endsWith('.bp')).map((f) => path.join(c, f));
  } catch {
    return [];
  }
});

describe('the shipped apps', () => {
  it('are the apps the issue names, one per file named by id, in their category folder', async () => {
    const tools = await appToolTable();
    const ids: string[] = [];
    for (const f of files) {
      const bp = parseBlueprint(readFileSync(path.join(APPS_DIR, f), 'utf8'), f, { knownTools: tools });
      expect(path.basename(f, '.bp')).toBe(bp.app.id);
      expect(path.dirname(f)).toBe(bp.app.category);
      expect(bp.app.name && bp.app.description && bp.app.icon).toBeTruthy();
      ids.push(bp.app.id);
    }
    expect(ids).toEqual(expect.arrayContaining(['calculator', 'notes', 'todo', 'file-explorer', 'hub', 'task-manager', 'system-monitor', 'settings', 'browser', 'terminal']));
  });

  it('each launches and mounts without an error', async () => {
    const { runtime: rt, registry } = await appDesk();
    for (const e of registry.entries()) {
      if (e.id === 'settings') continue; // reads the user's config dir: covered in settings.test.ts
      const id = await rt.launchApp(e.id);
      await rt.idle();
      expect({ app: e.id, errors: errorsOf(rt, id) }).toEqual({ app: e.id, errors: [] });
      await rt.close(id);
    }
  });
});
