import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../src/blueprint/types.js';
import { memoryCatalog } from '../../src/runtime/index.js';
import { defineTool } from '../../src/runtime/tools/types.js';
import { testKernel } from '../helpers/kernel.js';
import { blueprint, button, on, testRuntime } from './setup.js';

const hooks = (name: string): Blueprint['ui']['lifecycle'] => ({
  on_mount: [{ tool: 'ui.append', args: { key: 'log', value: 'mount;' } }],
  on_focus: [{ tool: 'ui.append', args: { key: 'log', value: 'focus;' } }],
  on_unmount: [{ tool: 'system.log', args: { message: `${name} unmounted` } }],
});

describe('launching an app', () => {
  it('makes an app process with exactly the grants its permissions name', async () => {
    const kernel = testKernel();
    const rt = testRuntime({ kernel });
    const std = await rt.launch(blueprint([], { id: 'std', permissions: ['STANDARD'] }));
    const none = await rt.launch(blueprint([], { id: 'none' }));
    const caps = await rt.launch(blueprint([], { id: 'caps', permissions: ['READ_FILE', 'TIME_ACCESS'] }));
    const proc = (id: string) => kernel.procs.get(rt.getSnapshot().apps[id]!.pid)!;
    expect(proc(std)).toMatchObject({ kind: 'app', name: 'std', profile: 'STANDARD', state: 'running' });
    expect(proc(none).profile).toBe('MINIMAL');
    expect(proc(caps).grants.filter((g) => !g.deny).map((g) => g.cap).sort()).toEqual(['READ_FILE', 'TIME_ACCESS']);
    // Besides them, only denials: the services' private data under /home/.agentos.
    expect(proc(caps).grants.filter((g) => g.deny).every((g) => g.scope?.join() === '/home/.agentos/**')).toBe(true);
    // READ_FILE alone means the user's and temp files, not the whole tree.
    expect(proc(caps).grants.find((g) => g.cap === 'READ_FILE')!.scope).toEqual(['/home/**', '/tmp/**', '/apps/**']);
    await expect(kernel.syscall(proc(none).pid, 'fs.write', { path: '/home/x', content: 'x' })).rejects.toMatchObject({ code: 'EACCES' });
  });

  it('rejects a permission it does not know', async () => {
    const rt = testRuntime();
    await expect(rt.launch(blueprint([], { permissions: ['READ_FILES'] }))).rejects.toThrow(/unknown permission "READ_FILES" \(did you mean "READ_FILE"\?\)/);
  });

  it('adds a window, focuses it and runs on_mount then on_focus', async () => {
    const rt = testRuntime();
    const a = await rt.launch(blueprint([], { id: 'a', lifecycle: hooks('a') }));
    const d = rt.getSnapshot();
    expect(d.focused).toBe(a);
    expect(d.stack).toEqual([a]);
    expect(d.windows[a]).toMatchObject({ mode: 'normal', minimized: false });
    expect(d.apps[a]!.state.log).toBe('mount;focus;');
  });

  it('gives a second instance of an app its own id, state and process', async () => {
    const rt = testRuntime();
    const bp = blueprint([button('b', '1', on('ui.append'))], { id: 'calc' });
    const one = await rt.launch(bp);
    const two = await rt.launch(bp);
    expect([one, two]).toEqual(['calc', 'calc~2']);
    await rt.dispatchEvent(two, { component: 'b', event: 'click' });
    expect(rt.getSnapshot().apps[one]!.state).toEqual({});
    expect(rt.getSnapshot().apps[two]!.appId).toBe('calc');
    expect(rt.getSnapshot().apps[one]!.pid).not.toBe(rt.getSnapshot().apps[two]!.pid);
  });

  it('launches by id from the catalog, with a did-you-mean for a wrong id', async () => {
    const rt = testRuntime({ catalog: memoryCatalog([blueprint([], { id: 'notes' })]) });
    expect(await rt.launchApp('notes')).toBe('notes');
    await expect(rt.launchApp('note')).rejects.toThrow(/no app "note" \(did you mean "notes"\?\)/);
  });
});

describe('focus', () => {
  it('raises the window, un-minimizes it, and runs on_focus only when focus moves', async () => {
    const rt = testRuntime();
    const a = await rt.launch(blueprint([], { id: 'a', lifecycle: hooks('a') }));
    const b = await rt.launch(blueprint([], { id: 'b' }));
    expect(rt.getSnapshot().focused).toBe(b);
    rt.windows.minimize(a);
    await rt.focus(a);
    const d = rt.getSnapshot();
    expect(d.focused).toBe(a);
    expect(d.stack).toEqual([b, a]);
    expect(d.windows[a]!.minimized).toBe(false);
    await rt.focus(a);
    expect(d.apps[a]!.state.log).toBe('mount;focus;focus;');
    expect(rt.getSnapshot().apps[a]!.state.log).toBe('mount;focus;focus;');
  });
});

describe('closing', () => {
  it('closes children with their parent, runs every on_unmount (children first) and ends the processes', async () => {
    const kernel = testKernel();
    const rt = testRuntime({ kernel, catalog: memoryCatalog([blueprint([], { id: 'child', lifecycle: hooks('child') }), blueprint([], { id: 'grandchild', lifecycle: hooks('grandchild') })]) });
    const parent = await rt.launch(blueprint([button('spawn', 's', on('app.spawn', { app_id: 'child', key: 'kid' }))], { id: 'parent', lifecycle: hooks('parent') }));
    await rt.dispatchEvent(parent, { component: 'spawn', event: 'click' });
    await rt.idle();
    const child = rt.getSnapshot().apps[parent]!.state.kid as string;
    const grandchild = await rt.launch(blueprint([], { id: 'grandchild', lifecycle: hooks('grandchild') }), { parent: child });
    const pids = [parent, child, grandchild].map((id) => rt.getSnapshot().apps[id]!.pid);
    expect(rt.getSnapshot().apps[child]!.parent).toBe(parent);
    expect(kernel.procs.get(pids[1]!)!.ppid).toBe(pids[0]);
    expect(kernel.procs.get(pids[2]!)!.ppid).toBe(pids[1]);

    await rt.close(parent);
    const d = rt.getSnapshot();
    expect(Object.keys(d.apps)).toEqual([]);
    expect(d.windows).toEqual({});
    expect(d.stack).toEqual([]);
    expect(d.focused).toBeNull();
    for (const pid of pids) expect(kernel.procs.get(pid)).toBeUndefined();
    const unmounted = kernel.logs.filter((l) => l.message.endsWith('unmounted')).map((l) => l.message);
    expect(unmounted).toEqual(['grandchild unmounted', 'child unmounted', 'parent unmounted']);
  });

  it('a process killed from outside takes its app (and window) away; focus moves on', async () => {
    const kernel = testKernel();
    const rt = testRuntime({ kernel });
    const a = await rt.launch(blueprint([], { id: 'a' }));
    const b = await rt.launch(blueprint([], { id: 'b' }));
    kernel.procs.exit(rt.getSnapshot().apps[b]!.pid, 137);
    const d = rt.getSnapshot();
    expect(Object.keys(d.apps)).toEqual([a]);
    expect(d.focused).toBe(a);
  });

  it('an app may close itself and its children, not others', async () => {
    const rt = testRuntime();
    const other = await rt.launch(blueprint([], { id: 'other' }));
    const a = await rt.launch(blueprint([button('kill-other', 'x', on('app.close', { app: other })), button('quit', 'q', on('app.close'))], { id: 'a' }));
    await rt.dispatchEvent(a, { component: 'kill-other', event: 'click' });
    expect(rt.getSnapshot().apps[other]).toBeDefined();
    expect(rt.getSnapshot().apps[a]!.errors[0]).toMatchObject({ code: 'EPERM' });
    await rt.dispatchEvent(a, { component: 'quit', event: 'click' });
    await rt.idle();
    expect(rt.getSnapshot().apps[a]).toBeUndefined();
  });

  it('stops the app\'s timers', async () => {
    const kernel = testKernel();
    const rt = testRuntime({ kernel });
    const a = await rt.launch(blueprint([button('go', 'go', on('system.timer.interval', { interval_ms: 50, action: { tool: 'system.log', args: { message: 'tick' } } }))], { id: 'a' }));
    await rt.dispatchEvent(a, { component: 'go', event: 'click' });
    const ticks = () => kernel.logs.filter((l) => l.message === 'tick').length;
    await new Promise((r) => setTimeout(r, 130));
    expect(ticks()).toBeGreaterThanOrEqual(1);
    await rt.close(a);
    const after = ticks();
    await new Promise((r) => setTimeout(r, 130));
    expect(ticks()).toBe(after);
  });
});

describe('errors stay on their app', () => {
  it('a denied syscall shows as an error on the app', async () => {
    const write = defineTool({ id: 'test.write', doc: 'writes a file', params: z.object({}), run: (ctx) => ctx.syscall('fs.write', { path: '/home/secret.txt', content: 'x' }) });
    const rt = testRuntime({ tools: [write] });
    const a = await rt.launch(blueprint([button('w', 'w', on('test.write'))], { id: 'minimal' }));
    await rt.dispatchEvent(a, { component: 'w', event: 'click' });
    expect(rt.getSnapshot().apps[a]!.errors[0]).toMatchObject({ code: 'EACCES', tool: 'test.write' });
    expect(rt.getSnapshot().apps[a]!.errors[0]!.message).toMatch(/^fs\.write: /);
  });

  it('unknown tools, bad arguments and unknown components: errors or rejections, never a crash', async () => {
    const rt = testRuntime();
    const a = await rt.launch(blueprint([button('b', 'b', on('ui.apend')), button('c', 'c', on('ui.set', { key: 5 }))]));
    await rt.dispatchEvent(a, { component: 'b', event: 'click' });
    await rt.dispatchEvent(a, { component: 'c', event: 'click' });
    const errs = rt.getSnapshot().apps[a]!.errors;
    expect(errs[0]!.message).toBe('unknown tool "ui.apend" (did you mean "ui.append"?)');
    expect(errs[1]).toMatchObject({ code: 'EINVAL', tool: 'ui.set' });
    expect(errs[1]!.message).toMatch(/^ui\.set: key: /);
    await expect(rt.dispatchEvent(a, { component: 'bb', event: 'click' })).rejects.toThrow(/has no component "bb" \(did you mean "b"\?\)/);
    rt.clearErrors(a);
    expect(rt.getSnapshot().apps[a]!.errors).toEqual([]);
  });
});

describe('service gating', () => {
  it('an app that declared {"storage": ["get"]} cannot call storage.set; one without storage cannot call either', async () => {
    const rt = testRuntime();
    const ui = [button('set', 's', on('storage.set', { key: 'k', value: 'v1' })), button('get', 'g', on('storage.get', { key: 'k', into: 'got' }))];
    const getOnly = await rt.launch(blueprint(ui, { id: 'get-only', permissions: ['STANDARD'], services: [{ name: 'storage', tools: ['get'] }] }));
    const without = await rt.launch(blueprint(ui, { id: 'without', permissions: ['STANDARD'] }));
    const full = await rt.launch(blueprint(ui, { id: 'full', permissions: ['STANDARD'], services: [{ name: 'storage' }] }));
    for (const id of [getOnly, without, full]) for (const c of ['set', 'get']) await rt.dispatchEvent(id, { component: c, event: 'click' });
    const d = rt.getSnapshot();
    expect(d.apps[getOnly]!.errors).toHaveLength(1);
    expect(d.apps[getOnly]!.errors[0]).toMatchObject({ code: 'EACCES', tool: 'storage.set' });
    expect(d.apps[getOnly]!.errors[0]!.message).toMatch(/declared only storage\.get/);
    expect(d.apps[getOnly]!.state.got).toBeNull();
    expect(d.apps[without]!.errors.map((e) => e.message)).toEqual([expect.stringMatching(/storage\.set needs the "storage" service/), expect.stringMatching(/storage\.get needs the "storage" service/)]);
    expect(d.apps[full]!.errors).toEqual([]);
    // `into` puts a tool's result in state.
    expect(d.apps[full]!.state.got).toBe('v1');
  });

  it('a declared service adds the grants its tools say they need, and only for the tools declared', async () => {
    const vaultList = defineTool({
      id: 'vault.list',
      doc: 'list',
      service: 'vault',
      params: z.object({}),
      grants: ({ appId }) => [{ cap: 'LIST_DIRECTORY', scope: [`/home/.vault/${appId}/**`] }],
      run: () => [],
    });
    const vaultGet = defineTool({ id: 'vault.get', doc: 'get', service: 'vault', params: z.object({}), run: () => null });
    const kernel = testKernel();
    const rt = testRuntime({ kernel, tools: [vaultList, vaultGet] });
    const withList = await rt.launch(blueprint([], { id: 'n1', services: [{ name: 'vault' }] }));
    const getOnly = await rt.launch(blueprint([], { id: 'n2', services: [{ name: 'vault', tools: ['get'] }] }));
    const grants = (id: string) => kernel.procs.get(rt.getSnapshot().apps[id]!.pid)!.grants;
    expect(grants(withList)).toContainEqual({ cap: 'LIST_DIRECTORY', scope: ['/home/.vault/n1/**'] });
    expect(grants(getOnly).some((g) => g.cap === 'LIST_DIRECTORY' && !g.deny)).toBe(false);
  });
});

describe('window commands', () => {
  it('snap, tile, minimize (focus moves), cycle', async () => {
    const rt = testRuntime();
    const a = await rt.launch(blueprint([], { id: 'a' }));
    const b = await rt.launch(blueprint([], { id: 'b' }));
    const c = await rt.launch(blueprint([], { id: 'c' }));
    rt.windows.snap(a, 'left');
    expect(rt.getSnapshot().windows[a]!.zone).toBe('left');
    rt.windows.tile('columns');
    const w = rt.getSnapshot().windows;
    expect([w[a]!.tiled!.x, w[b]!.tiled!.x, w[c]!.tiled!.x].map((x) => Math.round(x * 3))).toEqual([0, 1, 2]);
    expect(w[a]!.zone).toBeNull();
    rt.windows.minimize(c);
    expect(rt.getSnapshot().focused).toBe(b);
    expect(await rt.windows.cycle(1)).toBe(a);
    expect(rt.getSnapshot().stack.at(-1)).toBe(a);
    rt.windows.untile();
    expect(rt.getSnapshot().windows[a]!.tiled).toBeNull();
    const before = rt.getSnapshot().version;
    rt.windows.maximize('nope');
    expect(rt.getSnapshot().version).toBe(before);
  });
});
