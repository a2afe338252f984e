import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../src/blueprint/types.js';
import { createRuntime, type Runtime } from '../../src/runtime/index.js';
import { appRuntimeOptions, openRegistry } from '../../src/runtime/registry/index.js';
import { openDesktopSession, restoreSession, saveSession, sessionStoreFor, startAutosave, SESSION_VERSION } from '../../src/runtime/sessions/index.js';
import { APPS_DIR } from '../apps/setup.js';
import { kernelError, onCleanup, tempDir, testKernel } from '../helpers/kernel.js';

async function desk(home = tempDir()) {
  const kernel = testKernel({ home, appsDir: APPS_DIR });
  const { registry } = await openRegistry(kernel);
  const runtime = createRuntime({ kernel, headless: true, ...appRuntimeOptions(registry) });
  onCleanup(() => runtime.shutdown());
  return { kernel, runtime, home, store: sessionStoreFor(kernel) };
}

const click = async (rt: Runtime, id: string, ...cs: string[]) => {
  for (const c of cs) await rt.dispatchEvent(id, { component: c, event: 'click' });
  await rt.idle();
};

/** The parts of a desktop a session promises to bring back, with instance ids as given. */
function view(rt: Runtime) {
  const d = rt.getSnapshot();
  const byApp = (id: string | null) => (id ? d.apps[id]!.appId : null);
  return {
    apps: Object.values(d.apps).map((a) => ({ app: a.appId, parent: byApp(a.parent), window: d.windows[a.id] && { ...d.windows[a.id], id: undefined } })),
    stack: d.stack.map(byApp),
    focused: byApp(d.focused),
    chat: d.chat.map((m) => ({ role: m.role, content: m.content, app: m.app ? byApp(m.app) : undefined, at: m.at })),
    clipboard: d.clipboard,
  };
}

describe('sessions: save and restore', () => {
  it('brings back apps with their state, parent links, window geometry, z-order, focus and chat', async () => {
    const a = await desk();
    const rt = a.runtime;
    const calc = await rt.launchApp('calculator');
    await click(rt, calc, 'btn-7', 'btn-add', 'btn-3');
    const todo = await rt.launchApp('todo', { parent: calc });
    await rt.dispatchEvent(todo, { component: 'new-todo', event: 'change', value: 'unsaved draft' });
    const mixer = await rt.launchApp('color-mixer');
    await rt.dispatchEvent(mixer, { component: 'red', event: 'change', value: 10 });
    rt.windows.snap(calc, 'left');
    rt.windows.place(todo, { x: 0.2, y: 0.3, w: 0.4, h: 0.5 });
    rt.windows.maximize(todo);
    rt.windows.minimize(mixer);
    await rt.focus(calc);
    rt.windows.raise(todo);
    rt.addChatMessage({ role: 'user', content: 'make me a timer', app: calc });
    rt.addChatMessage({ role: 'assistant', content: 'done', thoughts: ['thinking'] });
    rt.setClipboard('copied');
    await rt.idle();
    const before = view(rt);
    expect(before.stack).toEqual(['color-mixer', 'calculator', 'todo']);

    const saved = await saveSession(rt, 'work');
    expect(saved).toMatchObject({ name: 'work', file: '/home/sessions/work.json', apps: 3 });
    await rt.shutdown();
    await a.kernel.shutdown();

    const b = await desk(a.home);
    const r = await restoreSession(b.runtime, 'work');
    expect(r.skipped).toEqual([]);
    expect(view(b.runtime)).toEqual(before);
    const apps = b.runtime.getSnapshot().apps;
    expect(apps[r.ids[calc]!]!.state.display).toBe('7+3');
    expect(apps[r.ids[todo]!]!.state['new-todo']).toBe('unsaved draft');
    expect(apps[r.ids[mixer]!]!.state.red).toBe(10);
    // The child's process is the restored parent's child: closing the parent closes it.
    expect(b.kernel.procs.get(apps[r.ids[todo]!]!.pid)!.ppid).toBe(apps[r.ids[calc]!]!.pid);
    // The restored calculator works on from its restored display.
    await click(b.runtime, r.ids[calc]!, 'btn-equals');
    expect(b.runtime.getSnapshot().apps[r.ids[calc]!]!.state.display).toBe('10');
  });

  it('starts parents before children and remaps ids next to apps already running', async () => {
    const { runtime: rt } = await desk();
    const calc = await rt.launchApp('calculator');
    await rt.launchApp('todo', { parent: calc });
    await saveSession(rt, 's');
    const r = await restoreSession(rt, 's', { replace: false });
    expect(r.ids).toEqual({ calculator: 'calculator~2', todo: 'todo~2' });
    expect(rt.getSnapshot().apps['todo~2']!.parent).toBe('calculator~2');
  });

  it('keeps live data that on_mount loaded over older saved values', async () => {
    const { runtime: rt, store } = await desk();
    await rt.launchApp('task-manager');
    await saveSession(rt, 'tm');
    const s = await store.read('tm');
    s.workspace.apps[0]!.state.processes = [{ label: 'stale', value: 999 }];
    s.workspace.apps[0]!.state.status = 'kept from the session';
    await store.write(s);
    const r = await restoreSession(rt, 'tm');
    const now = rt.getSnapshot().apps[r.ids['task-manager']!]!.state;
    // on_mount read the process table afresh; what the user left (the status line) is back.
    expect((now.processes as { name: string }[]).map((p) => p.name)).toContain('task-manager');
    expect(now.status).toBe('kept from the session');
  });

  it('skips an app whose Blueprint no longer validates, and restores the rest', async () => {
    const { runtime: rt, store } = await desk();
    await rt.launchApp('calculator');
    await rt.launchApp('color-mixer');
    await saveSession(rt, 'mixed');
    const s = await store.read('mixed');
    (s.workspace.apps[1]!.blueprint as unknown as Blueprint).ui.components = [{ type: 'nope' } as never];
    await store.write(s);
    const r = await restoreSession(rt, 'mixed');
    expect(Object.keys(r.ids)).toEqual(['calculator']);
    expect(r.skipped).toEqual([{ id: 'color-mixer', reason: expect.stringMatching(/ui\.components\[0\]\.type: unknown component "nope"/) }]);
  });
});

describe('sessions: files', () => {
  it('lists, removes, and names a close match for a missing session', async () => {
    const { runtime: rt, store } = await desk();
    await rt.launchApp('calculator');
    await saveSession(rt, 'alpha', { description: 'first' });
    await saveSession(rt, 'beta');
    const { sessions, problems } = await store.list();
    expect(problems).toEqual([]);
    expect(sessions.map((s) => [s.name, s.apps])).toEqual([['beta', 1], ['alpha', 1]]);
    expect(sessions[1]!.description).toBe('first');
    expect(await store.last()).toBe('beta');
    await store.remove('beta');
    expect(await store.last()).toBeNull();
    const e = await kernelError(store.read('alpah'));
    expect(e.code).toBe('ENOENT');
    expect(e.message).toMatch(/did you mean "alpha"/);
    expect((await kernelError(store.read('../etc'))).code).toBe('EINVAL');
  });

  it('keeps created_at across saves', async () => {
    const { runtime: rt, store } = await desk();
    await saveSession(rt, 'keep');
    const first = await store.read('keep');
    await new Promise((r) => setTimeout(r, 5));
    await saveSession(rt, 'keep');
    const second = await store.read('keep');
    expect(second.created_at).toBe(first.created_at);
    expect(second.updated_at > first.updated_at).toBe(true);
  });

  it('reports a damaged file and sets it aside, never dropping it', async () => {
    const { runtime: rt, kernel, store } = await desk();
    const u = kernel.userPid;
    await kernel.syscall(u, 'fs.mkdir', { path: '/home/sessions', recursive: true });
    await kernel.syscall(u, 'fs.write', { path: '/home/sessions/bad.json', content: '{"format": "agentos-session", "ver' });
    await kernel.syscall(u, 'fs.write', { path: '/home/sessions/shape.json', content: '{"format": "agentos-session", "version": 1, "name": "shape", "created_at": "x", "updated_at": "x", "workspace": {"apps": 3}}' });
    const e = await kernelError(restoreSession(rt, 'bad'));
    expect(e.code).toBe('EIO');
    expect(e.message).toMatch(/^session "bad" is damaged \(not valid JSON .*\); it was set aside as \/home\/sessions\/bad\.json\.corrupt-\d{8}T\d{6}$/);
    const aside = /set aside as (\S+)$/.exec(e.message)![1]!;
    expect(await kernel.syscall(u, 'fs.read', { path: aside })).toBe('{"format": "agentos-session", "ver');
    expect(await kernel.syscall(u, 'fs.exists', { path: '/home/sessions/bad.json' })).toBe(false);

    const { sessions, problems } = await store.list();
    expect(sessions).toEqual([]);
    expect(problems).toEqual([{ name: 'shape', file: '/home/sessions/shape.json', message: expect.stringMatching(/damaged: workspace\.apps: expected array/), set_aside: expect.stringMatching(/shape\.json\.corrupt-/) }]);
    // Reported once: the next listing is clean, the set-aside files are still there.
    expect((await store.list()).problems).toEqual([]);
    const files = (await kernel.syscall<{ name: string }[]>(u, 'fs.list', { path: '/home/sessions' })).map((f) => f.name);
    expect(files.filter((f) => f.includes('.corrupt-'))).toHaveLength(2);
  });

  it('refuses a session from a newer AgentOS with a clear message, and leaves it alone', async () => {
    const { runtime: rt, kernel } = await desk();
    const u = kernel.userPid;
    const newer = JSON.stringify({ format: 'agentos-session', version: SESSION_VERSION + 1, name: 'future', created_at: 'x', updated_at: 'x', workspace: { teleport: true } });
    await kernel.syscall(u, 'fs.mkdir', { path: '/home/sessions', recursive: true });
    await kernel.syscall(u, 'fs.write', { path: '/home/sessions/future.json', content: newer });
    const e = await kernelError(restoreSession(rt, 'future'));
    expect(e.code).toBe('EINVAL');
    expect(e.message).toBe(`session "future" cannot be opened: it was written by a newer AgentOS (session format ${SESSION_VERSION + 1}; this one reads formats up to ${SESSION_VERSION}); upgrade AgentOS to open it`);
    expect((await kernelError(saveSession(rt, 'future'))).code).toBe('EINVAL');
    expect(await kernel.syscall(u, 'fs.read', { path: '/home/sessions/future.json' })).toBe(newer);
  });

  it('loads a session of the original AgentOS (format 0)', async () => {
    const { runtime: rt, kernel } = await desk();
    const original = {
      id: 'sess-1',
      name: 'old',
      created_at: '2025-10-01T10:00:00Z',
      updated_at: '2025-10-01T11:00:00Z',
      workspace: {
        apps: [
          { id: 'a1', title: 'Counter', ui_spec: { app: { id: 'counter', name: 'Counter' }, ui: { components: [{ type: 'text', id: 'n', props: { content: '0' } }] } }, state: { n: '5' }, parent_id: null },
          { id: 'a2', title: 'Child', ui_spec: { title: 'Child', components: [{ type: 'input', id: 'x' }] }, state: { x: 'hi' }, parent_id: 'a1' },
        ],
        focused_app_id: 'a2',
        chat_state: { messages: [{ role: 'user', content: 'hello', timestamp: 1759312800000 }] },
      },
    };
    await kernel.syscall(kernel.userPid, 'fs.mkdir', { path: '/home/sessions', recursive: true });
    await kernel.syscall(kernel.userPid, 'fs.write', { path: '/home/sessions/old.json', content: JSON.stringify(original) });
    const r = await restoreSession(rt, 'old');
    expect(r.skipped).toEqual([]);
    const d = rt.getSnapshot();
    expect(d.apps[r.ids.a1!]!.state.n).toBe('5');
    expect(d.apps[r.ids.a2!]).toMatchObject({ parent: r.ids.a1, title: 'Child' });
    expect(d.apps[r.ids.a2!]!.state.x).toBe('hi');
    expect(d.focused).toBe(r.ids.a2);
    expect(d.chat.map((m) => [m.role, m.content, m.at])).toEqual([['user', 'hello', 1759312800000]]);
  });
});

describe('sessions: autosave and start', () => {
  it('autosaves on a timer when something changed, and on stop', async () => {
    const { runtime: rt, store } = await desk();
    const auto = startAutosave(rt, { name: 'auto', seconds: 0.05 });
    await rt.launchApp('calculator');
    await new Promise((r) => setTimeout(r, 120));
    await auto.saveNow();
    expect((await store.read('auto')).workspace.apps.map((a) => a.app_id)).toEqual(['calculator']);
    await rt.launchApp('color-mixer');
    await auto.stop();
    expect((await store.read('auto')).workspace.apps.map((a) => a.app_id)).toEqual(['calculator', 'color-mixer']);
  });

  it('restores the last session on start, or none with fresh', async () => {
    const a = await desk();
    const first = await openDesktopSession(a.runtime, { seconds: 0 });
    expect(first).toMatchObject({ name: 'default', restored: false, warnings: [] });
    await a.runtime.launchApp('calculator');
    await first.close();
    await a.runtime.shutdown();
    await a.kernel.shutdown();

    const b = await desk(a.home);
    const second = await openDesktopSession(b.runtime, { seconds: 0 });
    expect(second).toMatchObject({ name: 'default', restored: true });
    expect(Object.values(b.runtime.getSnapshot().apps).map((x) => x.appId)).toEqual(['calculator']);
    await second.close();

    const c = await desk(a.home);
    const fresh = await openDesktopSession(c.runtime, { fresh: true, seconds: 0 });
    expect(fresh.restored).toBe(false);
    expect(fresh.name).toMatch(/^session-\d{8}-\d{6}$/);
    expect(Object.keys(c.runtime.getSnapshot().apps)).toEqual([]);
  });
});
