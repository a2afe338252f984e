import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculatorDisplay, hasTmux, startInTmux, type TmuxRun } from '../helpers/tmux.js';

/** The terminal desktop in a real terminal (tests/helpers/tmux.ts), from an empty AGENTOS_HOME. */
const SESSION = `agentos-e2e-${process.pid}`;
let term: TmuxRun;
const screen = () => term.screen();
const until: TmuxRun['until'] = (test, what, ms) => term.until(test, what, ms);
const keys: TmuxRun['keys'] = (...list) => term.keys(...list);
const click: TmuxRun['click'] = (x, y) => term.click(x, y);
const start = (home: string) => void (term = startInTmux(SESSION, ['shell'], { home }));
const display = calculatorDisplay;

describe.skipIf(!hasTmux)('agentos shell in tmux', () => {
  let home: string;

  beforeAll(() => {
    // Not tempDir(): that one is removed after each test, and this home lives through all of them.
    home = mkdtempSync(path.join(os.tmpdir(), 'agentos-shell-e2e-'));
    start(home);
  });

  afterAll(() => {
    term.kill();
    rmSync(home, { recursive: true, force: true });
  });

  it('draws the desktop: menu bar and dock', async () => {
    const s = await until(/AgentOS/, 'the menu bar');
    expect(s.split('\n')[0]).toContain('Apps');
  }, 60_000);

  it('opens the calculator through Ctrl+K and computes 7+3= from typed keys', async () => {
    await keys('C-k');
    await until(/Spotlight/, 'the spotlight');
    await keys({ text: 'calc' });
    await until(/Calculator/, 'Calculator in the results');
    await keys('Enter');
    await until((s) => s.includes('Calculator') && s.includes('[') && display(s) !== undefined, 'the calculator window');
    for (const k of ['7', '+', '3', '=']) await keys({ text: k });
    const s = await until((x) => display(x) === '10', 'the display to read 10');
    expect(display(s)).toBe('10');
  }, 60_000);

  it('snaps the focused window to the left half with the prefix and 4', async () => {
    await keys('C-a', '4');
    const s = await until((x) => x.split('\n')[1]?.indexOf('╮') === 59, 'the window to fill the left half (60 columns)');
    expect(s.split('\n')[1]!.startsWith('╭')).toBe(true);
  }, 30_000);

  it('presses a button with an SGR mouse report', async () => {
    await keys('Escape');
    await until((x) => display(x) === '0', 'the display to clear');
    const lines = screen().split('\n');
    const y = lines.findIndex((l) => /\[\s*7\s*\]/.test(l));
    expect(y).toBeGreaterThan(0);
    const x = lines[y]!.indexOf('7');
    await click(x, y);
    const s = await until((t) => display(t) === '7', 'the display to read 7 after the click');
    expect(display(s)).toBe('7');
  }, 30_000);

  it('opens a terminal window and runs a command in the real shell', async () => {
    await keys('C-a', 'Enter');
    await until((s) => /Terminal/.test(s.split('\n')[1] ?? '') || s.split('\n').some((l) => l.includes('╭ Terminal')), 'the terminal window', 30_000);
    await until((s) => s.split('\n').some((l) => /│[#$] /.test(l)), 'the shell prompt', 60_000);
    await keys({ text: 'echo agentos-$((6*7))' }, 'Enter');
    const s = await until(/agentos-42/, 'the command output');
    expect(s).toMatch(/agentos-42/);
  }, 90_000);

  it('quits with the prefix and q, leaving the terminal as it was', async () => {
    await keys('C-a', 'q');
    const s = await until(/AGENTOS-EXITED \d+/, 'the desktop to exit');
    expect(s).toMatch(/AGENTOS-EXITED 0/);
    expect(s).not.toContain('◆ AgentOS');
  }, 30_000);

  it('starts again and finds the session restored: windows, where they were, and app state', async () => {
    term.kill();
    start(home);
    const s = await until((x) => x.includes('╭ Calculator') && display(x) === '7', 'the calculator back with its display', 60_000);
    // Snapped to the left half before the quit: still there.
    const title = s.split('\n').find((l) => l.includes('╭ Calculator'))!;
    expect(title.indexOf('╮')).toBe(59);
    await keys('C-a', 'q');
    await until(/AGENTOS-EXITED 0/, 'the desktop to exit');
  }, 90_000);
});
