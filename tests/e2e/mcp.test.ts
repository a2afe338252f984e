import { spawn } from 'node:child_process';
import path from 'node:path';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BIN, agentos } from '../helpers/cli.js';
import { onCleanup, tempDir } from '../helpers/kernel.js';
import { hasTmux, startInTmux } from '../helpers/tmux.js';
import { call, json, mcpClient } from '../mcp/client.js';

const TAPS = ['btn-7', 'btn-add', 'btn-3', 'btn-equals'];

describe('agentos mcp (stdio, a private desktop)', () => {
  it('lists its tools, drives the calculator to 10 (state and screen), and answers malformed requests with protocol errors', async () => {
    const c = await mcpClient({ AGENTOS_HOME: tempDir() });
    const names = (await c.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['list_apps', 'launch_app', 'close_app', 'list_windows', 'app_state', 'send_event', 'read_screen', 'generate_app', 'syscall']));
    const syscallTool = (await c.listTools()).tools.find((t) => t.name === 'syscall')!;
    expect(JSON.stringify(syscallTool.inputSchema)).toContain('fs.read');

    expect((await json(c, 'list_apps')).map((a: { id: string }) => a.id)).toContain('calculator');
    expect(await json(c, 'launch_app', { id: 'calculator' })).toMatchObject({ id: 'calculator', title: 'Calculator' });
    for (const component of TAPS) await json(c, 'send_event', { id: 'calculator', component, event: 'click' });
    const state = await json(c, 'app_state', { id: 'calculator' });
    expect(state.state.display).toBe('10');
    expect(JSON.stringify(state.components)).toContain('btn-equals');

    const screen = await call(c, 'read_screen', { id: 'calculator', width: 40 });
    expect(screen.isError).toBe(false);
    expect(screen.text).toContain('Calculator');
    expect(screen.text).toMatch(/\b10\b/);
    expect(await json(c, 'list_windows')).toEqual([expect.objectContaining({ id: 'calculator', agent: true })]);
    expect(await json(c, 'close_app', { id: 'calculator' })).toEqual({ closed: 'calculator' });
    expect(await json(c, 'list_windows')).toEqual([]);

    // Malformed requests get protocol errors; a missing app or component a tool error; the server goes on.
    await expect(c.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toBeInstanceOf(McpError);
    await expect(c.callTool({ name: 'send_event', arguments: { component: 'btn-7' } })).rejects.toThrow(/id/);
    await expect(c.callTool({ name: 'syscall', arguments: { name: 'fs.nope' } })).rejects.toBeInstanceOf(McpError);
    await expect(c.readResource({ uri: 'agentos://apps/no-such-app' })).rejects.toBeInstanceOf(McpError);
    const missing = await call(c, 'send_event', { id: 'calculator', component: 'btn-7', event: 'click' });
    expect(missing).toMatchObject({ isError: true });
    expect(missing.text).toContain('no running app "calculator"');
    await json(c, 'launch_app', { id: 'calculator' });
    const badComponent = await call(c, 'send_event', { id: 'calculator', component: 'btn-nope', event: 'click' });
    expect(badComponent.isError).toBe(true);
    expect((await call(c, 'launch_app', { id: 'no-such-app' })).isError).toBe(true);
    // A raw method the server does not have.
    await expect(c.request({ method: 'nope/nothing', params: {} } as never, z.object({}).loose())).rejects.toBeInstanceOf(McpError);
  }, 60_000);

  it('generates an app offline and launches it; offers Blueprints and docs; runs sandboxed syscalls', async () => {
    const home = tempDir();
    const c = await mcpClient({ AGENTOS_HOME: home });
    const r = await json(c, 'generate_app', { prompt: 'a tip calculator' });
    expect(r.window).toBe(r.app.id);
    expect(r.app.source).toBe('generated');
    expect((await json(c, 'list_windows')).map((w: { id: string }) => w.id)).toEqual([r.app.id]);
    expect(JSON.parse(agentos(['apps', 'list', '--json'], { AGENTOS_HOME: home }).stdout).map((a: { id: string }) => a.id)).toContain(r.app.id);

    const uris = (await c.listResources()).resources.map((x) => x.uri);
    expect(uris).toEqual(expect.arrayContaining(['agentos://apps/calculator', `agentos://apps/${r.app.id}`, 'agentos://docs/SYSCALLS.md', 'agentos://docs/BLUEPRINT.md']));
    const bp = await c.readResource({ uri: 'agentos://apps/calculator' });
    expect(JSON.parse((bp.contents[0] as { text: string }).text).app.id).toBe('calculator');
    const doc = await c.readResource({ uri: 'agentos://docs/SYSCALLS.md' });
    expect((doc.contents[0] as { text: string }).text).toContain('fs.read');

    // Syscalls run as the mcp process: a denial is a tool error with the kernel's line, and the server keeps serving.
    expect((await call(c, 'syscall', { name: 'fs.write', args: { path: '/home/a.txt', content: 'hi' } })).isError).toBe(false);
    expect(await call(c, 'syscall', { name: 'fs.read', args: { path: '/home/a.txt' } })).toEqual({ text: 'hi', isError: false });
    // STANDARD (the default mcp.profile) may not write the shipped apps.
    const denied = await call(c, 'syscall', { name: 'fs.write', args: { path: '/apps/x.bp', content: 'x' } });
    expect(denied.isError).toBe(true);
    expect(denied.text).toMatch(/^EACCES: .+/);
    expect(denied.text.split('\n')).toHaveLength(1);
    const ps = await json(c, 'syscall', { name: 'proc.list', args: {} });
    expect(JSON.stringify(ps)).toContain('"mcp"');
    // Still serving after the denial.
    expect((await json(c, 'list_apps')).length).toBeGreaterThan(0);
  }, 60_000);

  it('answers lines that are not JSON-RPC requests with a protocol error instead of silence', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', AGENTOS_HOME: tempDir() }, stdio: ['pipe', 'pipe', 'pipe'] });
    onCleanup(() => void child.kill('SIGKILL'));
    const answers: any[] = [];
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        answers.push(JSON.parse(buf.slice(0, i)));
        buf = buf.slice(i + 1);
      }
    });
    const until = async (n: number) => {
      for (let i = 0; i < 400 && answers.length < n; i++) await new Promise((r) => setTimeout(r, 25));
      return answers.slice(0, n);
    };
    child.stdin!.write('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}\n');
    child.stdin!.write('this is not json\n');
    child.stdin!.write('{"jsonrpc":"2.0","id":2,"method":"tools/list","params":false}\n');
    child.stdin!.write('{"jsonrpc":"2.0","id":3,"method":"ping"}\n');
    // Errors for unreadable lines are sent at once; answers to requests when they are done.
    const got = await until(4);
    expect(got).toContainEqual(expect.objectContaining({ id: 1, result: expect.objectContaining({ serverInfo: expect.objectContaining({ name: 'agentos' }) }) }));
    expect(got).toContainEqual(expect.objectContaining({ id: null, error: expect.objectContaining({ code: -32700 }) }));
    expect(got).toContainEqual(expect.objectContaining({ id: null, error: expect.objectContaining({ code: -32600 }) }));
    expect(got).toContainEqual(expect.objectContaining({ id: 3, result: {} }));
    child.stdin!.end();
  });

  it('caps the mcp profile at mcp.profile from the config', async () => {
    const home = tempDir();
    expect(agentos(['config', 'set', 'mcp.profile', 'MINIMAL'], { AGENTOS_HOME: home }).code).toBe(0);
    const c = await mcpClient({ AGENTOS_HOME: home });
    const r = await call(c, 'syscall', { name: 'fs.list', args: { path: '/home' } });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^EACCES/);
    expect((await call(c, 'syscall', { name: 'time.now', args: {} })).isError).toBe(false);
  });

});

describe('agentos mcp against `agentos serve --no-web`', () => {
  it('acts on the live desktop: an app one client launches is in the live runtime and kernel', async () => {
    const env = { AGENTOS_HOME: tempDir() };
    const child = spawn(process.execPath, [BIN, 'serve', '--no-web'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    onCleanup(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    for (let i = 0; i < 300 && !err.includes('listening on'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(err).toContain('listening on');

    const a = await mcpClient(env);
    await json(a, 'launch_app', { id: 'calculator' });
    for (const component of TAPS) await json(a, 'send_event', { id: 'calculator', component, event: 'click' });
    await a.close();

    // Another client (another process) sees the same desktop: the app and its state live in `serve`.
    const b = await mcpClient(env);
    expect(await json(b, 'list_windows')).toEqual([expect.objectContaining({ id: 'calculator', agent: true })]);
    expect((await json(b, 'app_state', { id: 'calculator' })).state.display).toBe('10');
    const ps = JSON.parse(agentos(['ps', '--json'], env).stdout) as { name: string; kind: string }[];
    expect(ps.map((p) => `${p.kind}:${p.name}`)).toEqual(expect.arrayContaining(['app:calculator']));
  }, 60_000);
});

describe.skipIf(!hasTmux)('agentos mcp against `agentos shell` in tmux', () => {
  it('opens the agent\'s calculator on the terminal desktop, marked [agent], and drives it to 10', async () => {
    const home = tempDir();
    const term = startInTmux(`agentos-mcp-e2e-${process.pid}`, ['shell'], { home });
    onCleanup(() => term.kill());
    const until = (test: (s: string) => boolean, what: string) => term.until(test, what);
    await until((s) => /AgentOS/.test(s), 'the desktop');

    // `agentos mcp` finds the shell's control socket and acts on its desktop.
    const c = await mcpClient({ AGENTOS_HOME: home });
    await json(c, 'launch_app', { id: 'calculator' });
    const shown = await until((s) => s.includes('Calculator [agent]'), 'the marked calculator window');
    expect(shown.split('\n').filter((l) => l.includes('[agent]'))).toHaveLength(1);
    for (const component of TAPS) await json(c, 'send_event', { id: 'calculator', component, event: 'click' });
    await until((s) => /▏\s*10\b/.test(s), 'the display showing 10');
    expect(await json(c, 'list_windows')).toEqual([expect.objectContaining({ id: 'calculator', agent: true })]);
  }, 60_000);
});
