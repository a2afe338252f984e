import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentos } from '../helpers/cli.js';
import { tempDir } from '../helpers/kernel.js';
import { calculatorDisplay, hasTmux, startInTmux, type TmuxRun } from '../helpers/tmux.js';

const FIXTURES = path.resolve('tests/runtime/fixtures');
const README_CALC = path.join(FIXTURES, 'readme-calculator.bp');
const CALC = path.join(FIXTURES, 'calculator.bp');
const STACK = /^\s+at .*:\d+:\d+\)?$/m;

function events(dir: string, ...lines: string[]) {
  const file = path.join(dir, 'events.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('agentos run --headless', () => {
  it('runs the README calculator: btn-7 puts 7 on the display', () => {
    const dir = tempDir();
    const r = agentos(['run', README_CALC, '--headless', '--events', events(dir, '{"component":"btn-7","event":"click"}')], { AGENTOS_HOME: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ app: 'calculator', state: { display: '7' }, errors: [] });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('7 + 3 = gives 10, with events from stdin', () => {
    const dir = tempDir();
    const input = ['btn-7', 'btn-add', 'btn-3', 'btn-eq'].map((c) => JSON.stringify({ component: c, event: 'click' })).join('\n');
    const r = agentos(['run', CALC, '--headless', '--events', '-'], { AGENTOS_HOME: dir }, { input });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).state).toEqual({ display: '10' });
  });

  it('exits 1 with file:line for a bad event line, and prints nothing on stdout', () => {
    const dir = tempDir();
    const file = events(dir, '{"component":"btn-7","event":"click"}', '{"component":"btn-77","event":"click"}');
    const r = agentos(['run', README_CALC, '--headless', '--events', file], { AGENTOS_HOME: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${file}:2: app "calculator" has no component "btn-77" (did you mean "btn-7"?)\n`);
    const json = agentos(['run', README_CALC, '--headless', '--events', '-'], { AGENTOS_HOME: dir }, { input: '{"component": \n' });
    expect(json.code).toBe(1);
    expect(json.stderr).toMatch(/^<stdin>:1: bad JSON: /);
    expect(json.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 with file:line:col for a bad app, and for an unknown app id', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.bp');
    writeFileSync(bad, '{\n  "app": {"id": "x", "name": "X"},\n  "ui": {"components": [{"type": "buton", "id": "b"}]}\n}\n');
    const r = agentos(['run', bad, '--headless'], { AGENTOS_HOME: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+ .*did you mean "button"`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK);
    const missing = agentos(['run', path.join(dir, 'nope.bp'), '--headless'], { AGENTOS_HOME: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.bp:1:1 \(root\): no such file/);
    const unknown = agentos(['run', 'no-such-app', '--headless'], { AGENTOS_HOME: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no app "no-such-app"/);
  });

  it('without --headless and without a terminal says to use --headless and exits 2', () => {
    const dir = tempDir();
    const r = agentos(['run', README_CALC], { AGENTOS_HOME: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a terminal.*agentos run .* --headless --events FILE/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(agentos(['run', README_CALC, '--events', 'x'], { AGENTOS_HOME: dir }).code).toBe(2);
    const missingEvents = agentos(['run', README_CALC, '--headless', '--events', path.join(dir, 'none.jsonl')], { AGENTOS_HOME: dir });
    expect(missingEvents.code).toBe(2);
    expect(missingEvents.stderr).toMatch(/cannot read the events file/);
  });
});

/** The full-screen view in a real terminal, as tests/helpers/tmux.ts runs the desktop. */
const SESSION = `agentos-run-e2e-${process.pid}`;
let term: TmuxRun;
const until = (test: (s: string) => boolean, what: string) => term.until(test, what);
const keys: TmuxRun['keys'] = (...list) => term.keys(...list);
const display = calculatorDisplay;

describe.skipIf(!hasTmux)('agentos run APP in a terminal', () => {
  let home: string;

  beforeAll(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'agentos-run-e2e-'));
  });

  afterAll(() => {
    term?.kill();
    rmSync(home, { recursive: true, force: true });
  });

  // The pane prints a marker before the run, so "the screen was restored" can be seen.
  const start = (...args: string[]) => void (term = startInTmux(SESSION, ['run', ...args], { home, before: 'echo BEFORE-RUN' }));

  it('runs the calculator full screen: typed 7+3= reads 10, Ctrl+Q quits and gives the screen back', async () => {
    start('calculator');
    const first = await until((s) => display(s) === '0', 'the calculator full screen');
    // Full screen: no menu bar, no dock, no window frame; the app's first row is the screen's first.
    expect(first).not.toContain('AgentOS');
    expect(first).not.toContain('BEFORE-RUN');
    expect(first.split('\n')[0]).toContain('▏');
    for (const k of ['7', '+', '3', '=']) await keys({ text: k });
    const s = await until((x) => display(x) === '10', 'the display to read 10');
    expect(display(s)).toBe('10');
    await keys('C-q');
    const after = await until((x) => /AGENTOS-EXITED \d+/.test(x), 'the run to end');
    expect(after).toMatch(/AGENTOS-EXITED 0/);
    expect(after).toContain('BEFORE-RUN');
    expect(after).not.toContain('▏');
  }, 90_000);

  it('runs a .bp file, takes mouse clicks on its buttons, and Ctrl+C quits', async () => {
    start(CALC);
    const s = await until((x) => /\[\s*7\s*\]/.test(x), 'the calculator from its file');
    const lines = s.split('\n');
    const y = lines.findIndex((l) => /\[\s*7\s*\]/.test(l));
    const x = lines[y]!.indexOf('7');
    await term.click(x, y);
    await until((t) => /▏\s*7\b/.test(t), 'the display to read 7 after the click');
    await keys('C-c');
    const after = await until((t) => /AGENTOS-EXITED \d+/.test(t), 'the run to end');
    expect(after).toMatch(/AGENTOS-EXITED 0/);
  }, 90_000);
});
