import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { childrenOf, memoryCatalog, resolvedProps } from '../../src/runtime/index.js';
import { onCleanup, testKernel } from '../helpers/kernel.js';
import { blueprint, button, on, testRuntime } from './setup.js';

const calculator = { ...blueprint([{ type: 'input', id: 'display', props: { value: '0' } }], { id: 'calculator' }), app: { id: 'calculator', name: 'Calculator', category: 'utilities' as const, icon: '🧮' } };
const notes = { ...blueprint([], { id: 'notes' }), app: { id: 'notes', name: 'Notes', category: 'productivity' as const } };

describe('app.*', () => {
  it('spawns a child by id or from a request (the generator), lists and focuses apps', async () => {
    const prompts: string[] = [];
    const rt = testRuntime({
      catalog: memoryCatalog([calculator]),
      generator: async (prompt, ctx) => {
        prompts.push(`${prompt} (parent ${ctx.parent})`);
        return blueprint([], { id: 'generated' });
      },
    });
    const main = await rt.launch(
      blueprint(
        [
          button('calc', 'c', on('app.spawn', { app_id: 'calculator', key: 'calc_id' })),
          button('gen', 'g', on('app.spawn', { request: 'a timer app', key: 'gen_id' })),
          button('list', 'l', on('app.list', { key: 'apps' })),
          button('focus-me', 'f', on('app.focus', { app: 'main' })),
        ],
        { id: 'main' },
      ),
    );
    await rt.dispatchEvent(main, { component: 'calc', event: 'click' });
    await rt.dispatchEvent(main, { component: 'gen', event: 'click' });
    await rt.idle();
    const d = rt.getSnapshot();
    expect(d.apps[main]!.state).toMatchObject({ calc_id: 'calculator', gen_id: 'generated' });
    expect(d.apps.calculator!.parent).toBe(main);
    expect(d.apps.generated!.parent).toBe(main);
    expect(prompts).toEqual(['a timer app (parent main)']);
    await rt.dispatchEvent(main, { component: 'list', event: 'click' });
    expect((rt.getSnapshot().apps[main]!.state.apps as { id: string }[]).map((a) => a.id)).toEqual(['main', 'calculator', 'generated']);
    await rt.dispatchEvent(main, { component: 'focus-me', event: 'click' });
    await rt.idle();
    expect(rt.getSnapshot().focused).toBe(main);
  });

  it('spawning what cannot be found or generated is an error on the app', async () => {
    const rt = testRuntime({ catalog: memoryCatalog([calculator]) });
    const main = await rt.launch(blueprint([button('a', 'a', on('app.spawn', { app_id: 'calculater' })), button('b', 'b', on('app.spawn', { request: 'x' }))]));
    await rt.dispatchEvent(main, { component: 'a', event: 'click' });
    await rt.dispatchEvent(main, { component: 'b', event: 'click' });
    const errors = rt.getSnapshot().apps[main]!.errors;
    expect(errors[0]).toMatchObject({ code: 'ENOENT', tool: 'app.spawn' });
    expect(errors[0]!.message).toMatch(/did you mean "calculator"/);
    expect(errors[1]).toMatchObject({ code: 'ENOSYS' });
  });

  it('save_state and load_state carry state to the next launch', async () => {
    const kernel = testKernel();
    const rt = testRuntime({ kernel });
    const bp = blueprint([{ type: 'input', id: 'note', props: { value: '' } }, button('save', 's', on('app.save_state')), button('load', 'l', on('app.load_state'))], { id: 'keeper' });
    const first = await rt.launch(bp);
    await rt.dispatchEvent(first, { component: 'note', event: 'change', value: 'remember me' });
    await rt.dispatchEvent(first, { component: 'save', event: 'click' });
    await rt.close(first);
    const second = await rt.launch(bp);
    expect(rt.getSnapshot().apps[second]!.state.note).toBe('');
    await rt.dispatchEvent(second, { component: 'load', event: 'click' });
    expect(rt.getSnapshot().apps[second]!.state.note).toBe('remember me');
    expect(JSON.parse(await kernel.syscall<string>(kernel.userPid, 'fs.read', { path: '/home/.agentos/state/keeper.json' }))).toEqual({ note: 'remember me' });
  });
});

describe('hub.*', () => {
  it('load_apps fills the list, counts and app grids; a shortcut click launches the app', async () => {
    const rt = testRuntime({ catalog: memoryCatalog([calculator, notes]) });
    const hub = await rt.launch(
      blueprint(
        [
          { type: 'text', id: 'all-count', props: { content: '' } },
          { type: 'grid', id: 'all-apps-grid', props: { columns: 3 } },
          { type: 'grid', id: 'utilities-apps-grid', props: { columns: 3 } },
        ],
        { id: 'hub', lifecycle: { on_mount: on('hub.load_apps') } },
      ),
    );
    const app = rt.getSnapshot().apps[hub]!;
    expect((app.state.hub_apps as { id: string }[]).map((a) => a.id)).toEqual(['calculator', 'notes']);
    expect(resolvedProps(app.state, app.blueprint.ui.components[0]!).content).toBe('2 apps available');
    expect(app.state['utilities-count']).toBe('1 apps');
    const grid = childrenOf(app.state, app.blueprint.ui.components[2]!);
    expect(grid.map((c) => [c.type, c.id, c.props.app_id])).toEqual([['app-shortcut', 'app-calculator', 'calculator']]);
    expect(childrenOf(app.state, app.blueprint.ui.components[1]!)).toHaveLength(2);
    await rt.dispatchEvent(hub, { component: 'app-calculator', event: 'click' });
    await rt.idle();
    expect(rt.getSnapshot().apps.calculator).toMatchObject({ parent: null });
    expect(rt.getSnapshot().focused).toBe('calculator');
  });

  it('launch_app takes the clicked shortcut\'s app_id', async () => {
    const rt = testRuntime({ catalog: memoryCatalog([notes]) });
    const hub = await rt.launch(blueprint([{ type: 'app-shortcut', id: 'sc', props: { app_id: 'notes', name: 'Notes' }, on_event: { click: on('hub.launch_app') } }]));
    await rt.dispatchEvent(hub, { component: 'sc', event: 'click' });
    await rt.idle();
    expect(rt.getSnapshot().apps.notes).toBeDefined();
  });
});

describe('http.* (through net.http, with the app\'s grants)', () => {
  async function server() {
    const srv = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, path: req.url, body, type: req.headers['content-type'] ?? null }));
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    onCleanup(() => new Promise<void>((r) => srv.close(() => r())));
    return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  }

  it('an app with NETWORK_ACCESS gets and posts; the JSON reply lands in state', async () => {
    const base = await server();
    const rt = testRuntime();
    const id = await rt.launch(
      blueprint(
        [
          button('get', 'g', on('http.get', { url: `${base}/items?x=1`, key: 'items' })),
          button('post', 'p', on('http.post', { url: `${base}/save`, body: { a: 1 }, key: 'saved' })),
          button('put', 'u', on('http.request', { method: 'PUT', url: `${base}/put`, body: 'raw', key: 'put' })),
        ],
        { id: 'net', permissions: ['NETWORK_ACCESS'] },
      ),
    );
    for (const c of ['get', 'post', 'put']) await rt.dispatchEvent(id, { component: c, event: 'click' });
    const { state, errors } = rt.getSnapshot().apps[id]!;
    expect(errors).toEqual([]);
    expect(state.items).toEqual({ method: 'GET', path: '/items?x=1', body: '', type: null });
    expect(state.items_status).toBe(200);
    expect(state.saved).toEqual({ method: 'POST', path: '/save', body: '{"a":1}', type: 'application/json' });
    expect(state.put).toMatchObject({ method: 'PUT', body: 'raw' });
  });

  it('an app without NETWORK_ACCESS is refused, and it shows on the app', async () => {
    const base = await server();
    const rt = testRuntime();
    const id = await rt.launch(blueprint([button('get', 'g', on('http.get', { url: `${base}/`, key: 'x' }))], { id: 'offline', permissions: ['STANDARD'] }));
    await rt.dispatchEvent(id, { component: 'get', event: 'click' });
    const app = rt.getSnapshot().apps[id]!;
    expect(app.errors[0]).toMatchObject({ code: 'EACCES', tool: 'http.get' });
    expect(app.state.x).toBeUndefined();
  });
});
