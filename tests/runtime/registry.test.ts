import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlueprintError, setKnownTools } from '../../src/blueprint/index.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { AppRegistry, kernelSyscaller, openRegistry } from '../../src/runtime/registry/index.js';
import { kernelError, tempDir, testKernel } from '../helpers/kernel.js';

const app = (id: string, name = id, category = 'utilities', extra = '') =>
  `{"app": {"id": "${id}", "name": "${name}", "category": "${category}"${extra}}, "ui": {"components": [{"type": "text", "id": "t", "props": {"content": "${name}"}}]}}\n`;

/** A shipped apps folder on the host: files by category. */
function shippedApps(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const STANDARD_APPS = {
  'utilities/calc.bp': app('calc', 'Calc'),
  'system/hub.aiapp': app('hub', 'Hub', 'system'),
};

describe('registry: seeding', () => {
  it('registers every .bp and .aiapp under /apps and reports a broken one as file:line:col, never fatal', async () => {
    const appsDir = shippedApps({
      ...STANDARD_APPS,
      'utilities/broken.bp': '{\n  "app": {"id": "broken", "name": "B"},\n  "ui": {"components": [{"type": "buton"}]}\n}\n',
      'utilities/notjson.bp': '{ nope',
      'creative/README.md': '# not an app',
    });
    const kernel = testKernel({ appsDir });
    const { registry, problems } = await openRegistry(kernel);
    expect(registry.entries().map((e) => [e.id, e.source, e.category, e.file])).toEqual([
      ['hub', 'shipped', 'system', '/apps/system/hub.aiapp'],
      ['calc', 'shipped', 'utilities', '/apps/utilities/calc.bp'],
    ]);
    expect(problems.map((p) => p.text)).toEqual([
      expect.stringMatching(/^\/apps\/utilities\/broken\.bp:3:34 ui\.components\[0\]\.type: unknown component "buton" \(did you mean "button"\?\)/),
      expect.stringMatching(/^\/apps\/utilities\/notjson\.bp:1:3 \(root\): bad JSON/),
    ]);
    expect(problems[0]).toMatchObject({ file: '/apps/utilities/broken.bp', line: 3, col: 34 });
  });

  it('reports a second app with the same id and keeps the first', async () => {
    const kernel = testKernel({ appsDir: shippedApps({ 'a/one.bp': app('dup', 'First'), 'b/two.bp': app('dup', 'Second') }) });
    const { registry, problems } = await openRegistry(kernel);
    expect(registry.get('dup')?.name).toBe('First');
    expect(problems[0]!.text).toMatch(/\/apps\/b\/two\.bp:1:1 app id "dup" is also used by \/apps\/a\/one\.bp; skipped/);
  });

  it('checks apps again once the runtime has registered its tools', async () => {
    setKnownTools(null);
    try {
      const appsDir = shippedApps({ ...STANDARD_APPS, 'utilities/typo.bp': app('typo').replace('"props"', '"on_event": {"click": "ui.nope"}, "props"') });
      const { registry, problems } = await openRegistry(testKernel({ appsDir }));
      // Before: any well-formed tool id passes.
      expect(problems).toEqual([]);
      expect(registry.get('typo')).toBeDefined();
      setKnownTools(['ui.set', 'ui.append']);
      const e = await kernelError(registry.load('typo'));
      expect(e.code).toBe('ENOENT');
      expect(registry.problems.map((p) => p.text)).toEqual([expect.stringMatching(/^\/apps\/utilities\/typo\.bp:1:\d+ ui\.components\[0\]\.on_event\.click: unknown tool "ui\.nope"/)]);
      expect((await registry.load('calc')).app.id).toBe('calc');
    } finally {
      setKnownTools(null);
    }
  });

  it('works with no shipped apps and no saved ones', async () => {
    const { registry, problems } = await openRegistry(testKernel());
    expect(registry.entries()).toEqual([]);
    expect(problems).toEqual([]);
    const e = await kernelError(registry.load('nothing'));
    expect(e.code).toBe('ENOENT');
  });
});

describe('registry: saved and generated apps', () => {
  it('saves atomically under /home/apps and finds them again after a restart', async () => {
    const home = tempDir();
    const appsDir = shippedApps(STANDARD_APPS);
    const first = testKernel({ home, appsDir });
    const { registry } = await openRegistry(first);
    const saved = await registry.save(app('mine', 'Mine'));
    expect(saved).toMatchObject({ id: 'mine', source: 'saved', file: '/home/apps/mine.bp' });
    const gen = await registry.save({ app: { id: 'gen', name: 'Gen' }, services: [], ui: { title: 'Gen', layout: 'vertical', components: [], lifecycle: {} } }, { source: 'generated' });
    expect(gen).toMatchObject({ source: 'generated', file: '/home/apps/generated/gen.bp' });
    await first.shutdown();

    const again = testKernel({ home, appsDir });
    const { registry: r2 } = await openRegistry(again);
    expect(r2.entries().map((e) => `${e.id}:${e.source}`).sort()).toEqual(['calc:shipped', 'gen:generated', 'hub:shipped', 'mine:saved']);
    expect((await r2.load('mine')).app.name).toBe('Mine');
    // What was imported is what is exported: the text as given.
    expect((await r2.source('mine')).text).toBe(app('mine', 'Mine'));
  });

  it('lets a saved app win over the shipped one; apps rm brings the shipped one back', async () => {
    const kernel = testKernel({ appsDir: shippedApps(STANDARD_APPS) });
    const { registry } = await openRegistry(kernel);
    await registry.save(app('calc', 'My Calc'));
    expect(registry.get('calc')).toMatchObject({ source: 'saved', name: 'My Calc', overrides: 'shipped' });
    expect((await registry.load('calc')).app.name).toBe('My Calc');
    expect(await registry.remove('calc')).toMatchObject({ removed: 'saved', restored: 'shipped' });
    expect(registry.get('calc')).toMatchObject({ source: 'shipped', name: 'Calc' });
    expect(registry.get('calc')!.overrides).toBeUndefined();
    expect((await registry.load('calc')).app.name).toBe('Calc');
  });

  it('refuses to remove a shipped app, and names a close id for a missing one', async () => {
    const { registry } = await openRegistry(testKernel({ appsDir: shippedApps(STANDARD_APPS) }));
    const shipped = await kernelError(registry.remove('calc'));
    expect(shipped.code).toBe('EPERM');
    expect(shipped.message).toMatch(/shipped with AgentOS \(\/apps\/utilities\/calc\.bp\) and cannot be removed/);
    const missing = await kernelError(registry.remove('clac'));
    expect(missing.code).toBe('ENOENT');
    expect(missing.message).toMatch(/did you mean "calc"/);
  });

  it('a saved copy of a generated app replaces it', async () => {
    const { registry } = await openRegistry(testKernel());
    await registry.save(app('g', 'Generated'), { source: 'generated' });
    await registry.save(app('g', 'Kept'), { source: 'saved' });
    expect(registry.entries()).toEqual([expect.objectContaining({ id: 'g', source: 'saved', name: 'Kept' })]);
    const r = await registry.remove('g');
    expect(r).toMatchObject({ removed: 'saved', restored: null });
    expect(registry.entries()).toEqual([]);
  });

  it('refuses to save an invalid app, with file:line:col, and stores nothing', async () => {
    const kernel = testKernel();
    const { registry } = await openRegistry(kernel);
    const err = await registry.save('{"app": {"id": "x", "name": "X"}, "ui": {"components": [{"type": "text", "prop": {}}]}}', { file: 'x.bp' }).catch((e) => e);
    expect(err).toBeInstanceOf(BlueprintError);
    expect((err as BlueprintError).message).toMatch(/^x\.bp:1:\d+ ui\.components\[0\]/);
    expect(await kernel.syscall(kernel.userPid, 'fs.exists', { path: '/home/apps/x.bp' })).toBe(false);
  });

  it('sees apps written by another process (a one-shot command) without a restart', async () => {
    const kernel = testKernel();
    const { registry } = await openRegistry(kernel, { recheckMs: 0 });
    await kernel.syscall(kernel.userPid, 'fs.mkdir', { path: '/home/apps', recursive: true });
    await kernel.syscall(kernel.userPid, 'fs.write', { path: '/home/apps/late.bp', content: app('late') });
    expect((await registry.load('late')).app.id).toBe('late');
    await kernel.syscall(kernel.userPid, 'fs.delete', { path: '/home/apps/late.bp' });
    expect((await kernel.syscall(kernel.userPid, 'fs.list', { path: '/home/apps' })) as unknown[]).toEqual([]);
    expect((await registry.list()).map((e) => e.id)).toEqual([]);
  });
});

describe('registry: the kernel sees every access', () => {
  it('goes through syscalls as its own process, whose grants cover only the apps folders', async () => {
    const kernel = testKernel({ appsDir: shippedApps(STANDARD_APPS) });
    const before = kernel.metrics.snapshot().by_syscall['fs.read']?.calls ?? 0;
    const { registry, process } = await openRegistry(kernel);
    expect(kernel.metrics.snapshot().by_syscall['fs.read']!.calls).toBe(before + 2);
    expect(process).toMatchObject({ name: 'registry', kind: 'service' });
    const denied = await kernelError(kernel.syscall(process.pid, 'fs.write', { path: '/home/elsewhere.txt', content: 'x' }));
    expect(denied.code).toBe('EACCES');
    expect(registry.entries()).toHaveLength(2);
  });

  it('fails with the kernel\'s own error when its process may not write', async () => {
    const kernel = testKernel();
    const reader = kernel.spawnProcess({ name: 'reader', kind: 'service', grants: grantsFor('MINIMAL'), ppid: kernel.userPid });
    const registry = new AppRegistry(kernelSyscaller(kernel, reader.pid));
    const e = await kernelError(registry.save(app('x')));
    expect(e.code).toBe('EACCES');
  });

  it('launches from its cache: loading a known app makes no syscall', async () => {
    const kernel = testKernel({ appsDir: shippedApps(STANDARD_APPS) });
    const { registry } = await openRegistry(kernel, { recheckMs: 60_000 });
    const first = await registry.load('calc');
    const calls = kernel.metrics.snapshot().syscalls_total;
    const again = await registry.load('calc');
    expect(again).toBe(first);
    expect(Object.isFrozen(again)).toBe(true);
    expect(kernel.metrics.snapshot().syscalls_total).toBe(calls);
  });
});
