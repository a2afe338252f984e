import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRuntimeOptions, openRegistry } from '../../src/runtime/registry/index.js';
import { createRuntime } from '../../src/runtime/index.js';
import { registryPort, sessionsPort } from '../../src/web/ports.js';
import { onCleanup, tempDir, testKernel } from '../helpers/kernel.js';
import { FIXTURES, fixture, testServer, WsClient, type TestServer } from './helpers.js';

/** The web server over a real registry (apps folder with the calculator) and session store. */
async function withRegistry(): Promise<TestServer> {
  const apps = tempDir();
  mkdirSync(path.join(apps, 'utilities'));
  copyFileSync(path.join(FIXTURES, 'calculator.bp'), path.join(apps, 'utilities', 'calculator.bp'));
  const kernel = testKernel({ appsDir: apps });
  const { registry } = await openRegistry(kernel);
  const runtime = createRuntime({ kernel, ...appRuntimeOptions(registry) });
  onCleanup(() => runtime.shutdown());
  return testServer({ runtime, catalog: registry, registry: registryPort(registry), sessions: sessionsPort(runtime) });
}

describe('the API over the app registry and the session store', () => {
  it('saves an app to the registry, tells every dock, launches it, and deletes it', async () => {
    const t = await withRegistry();
    const c = await WsClient.open(t);
    expect((await t.api('GET', '/registry/apps')).json.apps).toEqual([expect.objectContaining({ id: 'calculator', source: 'shipped' })]);
    const bp = fixture('calculator.bp');
    const mine = { ...bp, app: { ...bp.app, id: 'my-calc', name: 'My calc' } };
    const saved = await t.api('POST', '/registry/save', { blueprint: mine });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ saved: true, id: 'my-calc' });
    await c.next((m) => m.type === 'catalog' && m.catalog.some((e: any) => e.id === 'my-calc'));
    expect((await t.api('POST', '/registry/apps/my-calc/launch', {})).json).toMatchObject({ id: 'my-calc', title: 'Calculator' });
    expect((await t.api('DELETE', '/registry/apps/my-calc')).json).toMatchObject({ deleted: 'my-calc' });
    expect((await t.api('GET', '/registry/apps/my-calc')).status).toBe(404);
    const bad = await t.api('POST', '/registry/save', { blueprint: { app: { id: 'x' } } });
    expect(bad.status).toBe(400);
  });

  it('saves the workspace as a session and restores it', async () => {
    const t = await withRegistry();
    await t.api('POST', '/apps/launch', { app_id: 'calculator' });
    await t.api('POST', '/services/execute', { tool_id: 'ui.set', params: { key: 'display', value: '12' }, app_id: 'calculator' });
    await t.api('POST', '/apps/calculator/window', { zone: 'right' });
    expect((await t.api('POST', '/sessions/save', { name: 'work' })).status).toBe(200);
    expect((await t.api('GET', '/sessions')).json.sessions).toEqual([expect.objectContaining({ name: 'work', apps: 1 })]);
    await t.api('DELETE', '/apps/calculator');
    expect((await t.api('POST', '/sessions/work/restore')).status).toBe(200);
    const apps = (await t.api('GET', '/apps')).json.apps;
    expect(apps).toEqual([expect.objectContaining({ app_id: 'calculator', window: expect.objectContaining({ zone: 'right' }) })]);
    expect(t.runtime.getSnapshot().apps[apps[0].id]!.state.display).toBe('12');
    expect((await t.api('GET', '/sessions/work')).json.workspace.apps).toHaveLength(1);
    expect((await t.api('DELETE', '/sessions/work')).status).toBe(200);
    expect((await t.api('GET', '/sessions/work')).status).toBe(404);
    expect((await t.api('POST', '/sessions/save-default')).json).toMatchObject({ name: 'default' });
  });
});
