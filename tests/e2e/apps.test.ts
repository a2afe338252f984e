import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, agentos as run, type RunResult } from '../helpers/cli.js';
import { onCleanup, tempDir } from '../helpers/kernel.js';

const MY_CALC = '{"app": {"id": "calculator", "name": "My Calc", "category": "utilities"}, "ui": {"components": [{"type": "input", "id": "display", "props": {"value": "0"}}]}}\n';
const BAD = '{\n  "app": {"id": "bad", "name": "Bad"},\n  "ui": {"components": [{"type": "text", "on_event": {"click": "ui.apend"}}]}\n}\n';

function files() {
  const dir = tempDir();
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  return { dir, calc: file('calc.bp', MY_CALC), bad: file('bad.bp', BAD) };
}

/**
 * The binary, run again once when it died loading a chunk of dist/ that a concurrent build
 * (another test run in this checkout) replaced under it: that is the test bench, not agentos.
 */
function agentos(args: string[], env: Record<string, string>): RunResult {
  const r = run(args, env);
  return /Cannot find module '.*\/dist\//.test(r.stderr) ? run(args, env) : r;
}

const json = <T>(s: string) => JSON.parse(s) as T;

describe('agentos apps', () => {
  it('lists the shipped apps with their category and source', () => {
    const env = { AGENTOS_HOME: tempDir() };
    const r = agentos(['apps', 'list', '--json'], env);
    expect(r.code).toBe(0);
    const apps = json<{ id: string; source: string; category: string }[]>(r.stdout);
    expect(apps.map((a) => a.id)).toEqual(expect.arrayContaining(['calculator', 'notes', 'todo', 'file-explorer', 'hub', 'task-manager', 'system-monitor', 'settings', 'browser', 'terminal']));
    expect(apps.every((a) => a.source === 'shipped')).toBe(true);
    expect(apps.find((a) => a.id === 'notes')!.category).toBe('productivity');
    const text = agentos(['apps', 'list'], env);
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+CATEGORY\s+SOURCE$/);
    expect(text.stdout).toMatch(/\ncalculator\s+Calculator\s+utilities\s+shipped\n/);
  });

  it('validates files: exit 0 when all are valid, else 1 with file:line:col lines', () => {
    const env = { AGENTOS_HOME: tempDir() };
    const f = files();
    const ok = agentos(['apps', 'validate', f.calc, 'apps/utilities/calculator.bp'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${f.calc}: ok (calculator)`);
    const bad = agentos(['apps', 'validate', f.calc, f.bad, path.join(f.dir, 'missing.bp')], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${f.bad}:3:64 ui.components[0].on_event.click: unknown tool "ui.apend" (did you mean "ui.append"?)`);
    expect(bad.stdout).toContain(`${path.join(f.dir, 'missing.bp')}:1:1 (root): no such file`);
    const j = json<{ file: string; valid: boolean; issues: { line: number; col: number }[] }[]>(agentos(['apps', 'validate', f.bad, '--json'], env).stdout);
    expect(j).toEqual([{ file: f.bad, valid: false, issues: [expect.objectContaining({ line: 3, col: 64 })] }]);
  });

  it('imports (validated first), shows, exports and removes; a saved app overrides the shipped one until rm', () => {
    const env = { AGENTOS_HOME: tempDir() };
    const f = files();
    const refused = agentos(['apps', 'import', f.bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.bp:3:64 .*unknown tool "ui\.apend"/);

    const imp = agentos(['apps', 'import', f.calc, '--json'], env);
    expect(imp.code).toBe(0);
    expect(json(imp.stdout)).toMatchObject({ id: 'calculator', source: 'saved', file: '/home/apps/calculator.bp', overrides: 'shipped' });
    expect(readFileSync(path.join(env.AGENTOS_HOME, 'apps', 'calculator.bp'), 'utf8')).toBe(MY_CALC);
    expect(agentos(['apps', 'list'], env).stdout).toMatch(/\ncalculator\s+My Calc\s+utilities\s+saved \(overrides shipped\)\n/);
    expect(json(agentos(['apps', 'show', 'calculator', '--json'], env).stdout)).toMatchObject({ name: 'My Calc', source: 'saved', blueprint: { app: { id: 'calculator' } } });

    expect(agentos(['apps', 'export', 'calculator'], env).stdout).toBe(MY_CALC);
    const out = path.join(f.dir, 'out.bp');
    const exported = agentos(['apps', 'export', 'notes', '--out', out], env);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(json<{ app: { id: string } }>(readFileSync(out, 'utf8')).app.id).toBe('notes');
    expect(agentos(['apps', 'export', 'notes', '--out', out], env).code).toBe(2);

    const rm = agentos(['apps', 'rm', 'calculator', '--json'], env);
    expect(json(rm.stdout)).toMatchObject({ id: 'calculator', removed: 'saved', restored: 'shipped' });
    expect(agentos(['apps', 'show', 'calculator'], env).stdout).toMatch(/source\s+shipped/);
    const again = agentos(['apps', 'rm', 'calculator'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/EPERM: app "calculator" is shipped with AgentOS .* cannot be removed/);
    const typo = agentos(['apps', 'rm', 'calculater'], env);
    expect(typo.stderr).toMatch(/ENOENT: no app "calculater" \(did you mean "calculator"\?\)/);
  }, 90_000);

  it('reports a broken saved app in one line and keeps listing the rest', () => {
    const env = { AGENTOS_HOME: tempDir() };
    mkdirSync(path.join(env.AGENTOS_HOME, 'apps'), { recursive: true });
    writeFileSync(path.join(env.AGENTOS_HOME, 'apps', 'bad.bp'), '{"app": {"id": "bad", "name": "Bad"},\n "ui": {"components": [{"type": "buton"}]}}\n');
    const r = agentos(['apps', 'list', '--json'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('agentos: /home/apps/bad.bp:2:33 ui.components[0].type: unknown component "buton" (did you mean "button"?) (skipped)\n');
    expect(json<unknown[]>(r.stdout).length).toBeGreaterThanOrEqual(10);
  });

  it('says clearly that launching needs a running desktop', () => {
    const env = { AGENTOS_HOME: tempDir() };
    const r = agentos(['apps', 'launch', 'notes'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('agentos: no desktop is running to open notes in: start one with `agentos shell`, or run the app on its own with `agentos run notes`\n');
    expect(agentos(['apps', 'launch', 'nope'], env).stderr).toMatch(/ENOENT: no app "nope"/);
  });
});

describe('agentos sessions (no desktop running)', () => {
  it('lists, refuses to save with nothing to save, reports damaged files, removes', () => {
    const env = { AGENTOS_HOME: tempDir() };
    expect(agentos(['sessions', 'list'], env).stdout).toMatch(/no saved sessions/);
    expect(json(agentos(['sessions', 'list', '--json'], env).stdout)).toEqual([]);
    const save = agentos(['sessions', 'save', 'work'], env);
    expect(save.code).toBe(1);
    expect(save.stderr).toMatch(/no desktop is running and none has saved a session yet/);

    const dir = path.join(env.AGENTOS_HOME, 'sessions');
    mkdirSync(dir, { recursive: true });
    const session = { format: 'agentos-session', version: 1, name: 'work', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z', workspace: { apps: [], stack: [], focused: null, chat: [], clipboard: '' } };
    writeFileSync(path.join(dir, 'work.json'), JSON.stringify(session));
    writeFileSync(path.join(dir, 'broken.json'), '{"format": "agentos-session", "version": 1, "wor');
    const list = agentos(['sessions', 'list', '--json'], env);
    expect(json(list.stdout)).toEqual([expect.objectContaining({ name: 'work', apps: 0 })]);
    expect(list.stderr).toMatch(/session "broken" is damaged .* set aside as \/home\/sessions\/broken\.json\.corrupt-/);

    // No desktop: restore picks what the next desktop opens; save copies that last session.
    const restore = agentos(['sessions', 'restore', 'work'], env);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/`agentos shell` will open session work/);
    expect(agentos(['sessions', 'save', 'copy', '--json'], env).code).toBe(0);
    expect(json<{ name: string }[]>(agentos(['sessions', 'list', '--json'], env).stdout).map((s) => s.name).sort()).toEqual(['copy', 'work']);
    expect(agentos(['sessions', 'rm', 'copy'], env).code).toBe(0);
    const gone = agentos(['sessions', 'rm', 'copy'], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/no session "copy"/);
    expect(agentos(['sessions', 'save', '../x'], env).code).toBe(1);
  });
});

describe('against a live kernel', () => {
  it('lists and imports through the live kernel; launch says it has no desktop', async () => {
    const home = tempDir();
    const env = { AGENTOS_HOME: home };
    const child = spawn(process.execPath, [BIN, 'serve', '--no-web'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', CI: 'true', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    onCleanup(() => void child.kill('SIGKILL'));
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    for (let i = 0; i < 300 && !err.includes('listening on'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(err).toContain('listening on');
    const f = files();
    expect(agentos(['apps', 'import', f.calc], env).code).toBe(0);
    expect(agentos(['apps', 'list'], env).stdout).toMatch(/calculator\s+My Calc/);
    const launch = agentos(['apps', 'launch', 'calculator'], env);
    expect(launch.code).toBe(1);
    expect(launch.stderr).toMatch(/the live kernel runs no desktop to open calculator in/);
    child.kill('SIGTERM');
  });
});

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!hasTmux)('against a running desktop (agentos shell in tmux)', () => {
  it('apps launch opens the app on the desktop; sessions save and restore act on it', async () => {
    const home = tempDir();
    const session = `agentos-apps-e2e-${process.pid}`;
    const env = [`AGENTOS_HOME=${home}`, 'CI=0', 'SHELL=/bin/sh', 'TERM=xterm-256color', `PATH=${process.env.PATH}`, `HOME=${process.env.HOME}`];
    const cmd = `env ${env.map((e) => `'${e}'`).join(' ')} '${process.execPath}' '${BIN}' shell --fresh 2>'${path.join(home, 'stderr.txt')}'; echo "AGENTOS-EXITED $?"; sleep 600`;
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '40', cmd]);
    onCleanup(() => void spawnSync('tmux', ['kill-session', '-t', session]));
    const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
    const until = async (test: (s: string) => boolean, what: string) => {
      for (const end = Date.now() + 60_000; ; ) {
        const s = screen();
        if (test(s)) return s;
        if (Date.now() > end || s.includes('AGENTOS-EXITED')) throw new Error(`timed out waiting for ${what}:\n${s}\n${readFileSync(path.join(home, 'stderr.txt'), 'utf8')}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    await until((s) => s.includes('AgentOS'), 'the desktop');
    for (let i = 0; i < 100 && agentos(['status'], { AGENTOS_HOME: home }).code !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    const r = agentos(['apps', 'launch', 'task-manager', '--json'], { AGENTOS_HOME: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ app: 'task-manager', id: 'task-manager' });
    await until((s) => s.includes('Task Manager'), 'the task manager window');

    const saved = agentos(['sessions', 'save', 'work', '--json'], { AGENTOS_HOME: home });
    expect(saved.stderr).toBe('');
    expect(json(saved.stdout)).toMatchObject({ name: 'work', from: 'desktop', apps: 1, file: '/home/sessions/work.json' });
    const restored = agentos(['sessions', 'restore', 'work', '--json'], { AGENTOS_HOME: home });
    expect(restored.stderr).toBe('');
    expect(json(restored.stdout)).toMatchObject({ name: 'work', to: 'desktop', apps: 1, ids: { 'task-manager': 'task-manager' } });
    expect(json<{ name: string; last: boolean }[]>(agentos(['sessions', 'list', '--json'], { AGENTOS_HOME: home }).stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'work', last: true })]));
  }, 120_000);
});
