import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textWidth } from '../../src/tui/render/width.js';
import { calculatorDisplay, hasTmux, startInTmux, type TmuxRun } from '../helpers/tmux.js';

/**
 * The terminal desktop's promise: a user runs `agentos shell` (the built binary, in tmux)
 * and uses every prebuilt app there. One desktop for the file; each shipped app gets a test
 * that opens it as a person would (a dock click for the pinned apps, the spotlight for the
 * rest), does one thing with it by keys or the mouse, reads the outcome off the screen and
 * closes the window with its ✕, so the next app starts on an empty desktop.
 */
const COLS = 160;
const ROWS = 48;
const SESSION = `agentos-apps-e2e-${process.pid}`;

interface Shipped {
  id: string;
  name: string;
  /** The window's title. */
  title: string;
}

/** The shipped apps, read from the .bp files: a new one without a check below fails. */
const APPS_DIR = path.resolve('apps');
const SHIPPED: Shipped[] = readdirSync(APPS_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bp'))
  .map((f) => JSON.parse(readFileSync(path.join(APPS_DIR, f), 'utf8')) as { app: { id: string; name: string }; ui: { title?: string } })
  .map((bp) => ({ id: bp.app.id, name: bp.app.name, title: bp.ui.title || bp.app.name }))
  .sort((a, b) => a.id.localeCompare(b.id));

/** Pinned in the dock of a new desktop (src/tui/run.ts): opened with a click there. */
const IN_DOCK = new Set(['terminal', 'calculator', 'notes', 'file-explorer']);

let home: string;
let term: TmuxRun;
/** A page for the browser app to fetch, on this machine. */
let site: http.Server;
let siteUrl: string;

const until: TmuxRun['until'] = (test, what, ms = 20_000) => term.until(test, what, ms);
const keys: TmuxRun['keys'] = (...list) => term.keys(...list);
const type = (text: string) => keys({ text });

const linesOf = (s: string) => s.replace(/\n$/, '').split('\n');
/** The desktop between the menu bar and the dock: with one window open, that window. */
const desk = (s: string) => linesOf(s).slice(1, ROWS - 1).join('\n');
/** The window's content: the desktop without the window's title bar. */
const content = (s: string) => desk(s).split('\n').filter((l) => !l.includes(' − □ ✕ ')).join('\n');
const titleRow = (title: string) => (s: string) => linesOf(s).findIndex((l) => l.includes(`╭ ${title} `));

/**
 * Click on the first cell of `text` in the row that passes `row`. The column is counted in
 * cells the way the desktop measures them (emoji are two), so it hits what the desktop drew there.
 */
async function clickText(s: string, text: string, row: (line: string, y: number) => boolean = () => true) {
  const lines = linesOf(s);
  const y = lines.findIndex((l, i) => l.includes(text) && row(l, i));
  if (y < 0) throw new Error(`no "${text}" on the screen:\n${s}`);
  await term.click(textWidth(lines[y]!.slice(0, lines[y]!.indexOf(text))), y);
}

/** Open an app as a user does: its button in the dock, or Ctrl+K, its name and Enter. */
async function open(app: Shipped) {
  if (IN_DOCK.has(app.id)) {
    const s = await until((x) => linesOf(x).at(-1)!.includes(app.name), `${app.name} in the dock`);
    await clickText(s, app.name, (_l, y) => y === ROWS - 1);
  } else {
    await keys('C-k');
    await until(/Spotlight/, 'the spotlight');
    await type(app.name);
    // The app is the first result, under the query and a rule (a long description cuts its name to a word).
    await until((x) => {
      const lines = linesOf(x);
      const q = lines.findIndex((l) => l.includes(`› ${app.name}▏`));
      return q > 0 && lines[q + 2]!.includes(app.name.split(' ')[0]!);
    }, `${app.name} first in the spotlight`);
    await keys('Enter');
  }
  await until((x) => titleRow(app.title)(x) > 0 && !/Spotlight/.test(x), `the ${app.title} window`);
}

/** Close the window with the ✕ on its title bar. */
async function close(app: Shipped) {
  const s = term.screen();
  const y = titleRow(app.title)(s);
  expect(y, `the ${app.title} window is open`).toBeGreaterThan(0);
  await clickText(s, '✕', (_l, i) => i === y);
  await until((x) => titleRow(app.title)(x) < 0, `the ${app.title} window to close`);
}

/** What each app is for, done once on the terminal desktop, its window open and focused. */
const CHECKS: Record<string, () => Promise<void>> = {
  async calculator() {
    await until((x) => calculatorDisplay(x) === '0', 'the display to read 0');
    for (const k of ['7', '+', '3', '=']) await type(k);
    // The first computation loads the math engine: seconds on a busy machine.
    await until((x) => calculatorDisplay(x) === '10', 'the display to read 10', 30_000);
  },

  async 'color-mixer'() {
    const s = await until((x) => x.includes('rgb(128, 128, 128)') && x.includes('Red: 128'), 'the grey the mixer starts with');
    await clickText(s, 'Teal');
    const after = await until(/rgb\(0, 128, 128\)/, 'the swatch to turn teal');
    expect(content(after)).toMatch(/Red: 0\b/);
  },

  async 'file-explorer'() {
    await until((x) => /▏\/home\s/.test(x) && /\/home: \d+ folders, \d+ files/.test(x), 'the explorer at /home');
    // Home, then Temp, in the Locations column.
    await keys('Tab', 'Tab', 'Enter');
    const s = await until(/\/tmp: \d+ folders, \d+ files/, 'the status line for /tmp');
    expect(s).toMatch(/▏\/tmp\s/);
  },

  async notes() {
    const s = await until(/0 notes/, 'the empty notes list');
    // Into the title field with the mouse, then Tab to the text, Tab to Save, Enter.
    await clickText(s, 'Title');
    await type('Groceries');
    await keys('Tab');
    await type('milk');
    await keys('Enter');
    await type('eggs');
    await keys('Tab', 'Enter');
    const saved = await until(/Saved "Groceries"/, 'the note saved');
    expect(content(saved)).toMatch(/1 note\b/);
    // In the list, and the text kept its two lines.
    expect(content(saved)).toMatch(/│\s+Groceries\s+│/);
    expect(content(saved)).toMatch(/▏milk\s+▕/);
    expect(content(saved)).toMatch(/▏eggs\s+▕/);
  },

  async todo() {
    await until(/Nothing to do/, 'the empty list');
    // The field is the first control: Tab reaches it.
    await keys('Tab');
    await type('buy milk');
    await keys('Enter');
    const s = await until(/\[ \] buy milk/, 'the new to-do in the list');
    expect(content(s)).toMatch(/1 of 1 left/);
    // The field was emptied for the next one.
    expect(content(s)).toMatch(/▏\s+▕\s+Add/);
  },

  async hub() {
    const names = SHIPPED.map((a) => a.name);
    const all = await until((x) => x.includes(`${SHIPPED.length} apps available`) && names.every((n) => content(x).includes(n)), 'every app in the grid');
    expect(content(all)).toContain(`${SHIPPED.length} apps available`);
    // The search field is the first control. Typed in one burst: each key starts a search,
    // and the grid must end on the last query however the searches finish.
    await keys('Tab', { text: 'calc' });
    const found = await until(new RegExp(`1 of ${SHIPPED.length} apps match "calc"`), 'the search to filter the grid');
    expect(content(found)).toContain('Calculator');
    for (const n of names.filter((n) => n !== 'Calculator')) expect(content(found)).not.toContain(n);
  },

  async settings() {
    await until(/Settings loaded/, 'the settings read from the config');
    expect(content(term.screen())).toMatch(/▏auto\s+▾▕/);
    // Tab to the provider; Down picks the next one; then the Save button.
    await keys('Tab', 'Down');
    const s = await until(/▏template\s+▾▕/, 'the provider field to show template');
    await clickText(s, 'Save', (l) => l.includes('Revert'));
    const saved = await until(/Saved provider/, 'the settings saved');
    expect(content(saved)).toMatch(/▏template\s+▾▕/);
  },

  async 'system-monitor'() {
    const updated = (x: string) => /Updated ([^│]*?)\s*│/.exec(content(x))?.[1];
    const first = updated(await until((x) => !!updated(x), 'the first sample'));
    // Sampled every second: the time of the last sample moves on by itself.
    const s = await until((x) => !!updated(x) && updated(x) !== first, 'a newer sample');
    expect(content(s)).toMatch(/\d+ syscalls\/s/);
  },

  async 'task-manager'() {
    const row = /task-manager\s+app\s+running/;
    const s = await until(row, 'the task manager in its own list');
    expect(content(s)).toMatch(/\d+ processes, \d+ apps?, /);
    await clickText(s, 'task-manager', (l) => row.test(l));
    await until(/Selected task-manager \(pid \d+\)/, 'the process selected');
  },

  async terminal() {
    // $SHELL is /bin/sh: type once its prompt shows, as a person would.
    await until((x) => desk(x).split('\n').some((l) => /│[#$] /.test(l)), 'the shell prompt', 30_000);
    await type('echo tui-$((6*7))');
    await keys('Enter');
    // The typed line says $((6*7)); only the shell's answer says 42.
    await until(/tui-42/, 'the command output');
  },

  async browser() {
    const toolbar = (l: string) => l.includes('⟳');
    await clickText(await until(/Type an address/, 'the address field'), 'Type an address');
    await type(siteUrl);
    await clickText(await until((x) => x.includes(siteUrl), 'the address in the field'), 'Go', toolbar);
    const title = (x: string) => /Served & Seen/.test(content(x));
    let shown = await until((x) => title(x) || /Allow once/.test(x), 'the page title (or a permission prompt)');
    // Should the desktop ask before the app reaches this machine, answer as a user would: allow once, and Go again.
    if (!title(shown)) {
      await keys('o');
      await clickText(await until((x) => !/Allow once/.test(x), 'the prompt to close'), 'Go', toolbar);
      shown = await until(title, 'the page title');
    }
    expect(content(shown)).toContain('Hello from the test site.');
    expect(content(shown)).toMatch(/200 OK/);
  },
};

describe.skipIf(!hasTmux)('agentos shell in tmux: every shipped app', () => {
  beforeAll(async () => {
    site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><head><title>Served &amp; Seen</title></head><body><p>Hello from the test site.</p></body></html>'));
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
    home = mkdtempSync(path.join(os.tmpdir(), 'agentos-shell-apps-'));
    term = startInTmux(SESSION, ['shell'], { home, size: { cols: COLS, rows: ROWS } });
    await until(/AgentOS/, 'the desktop', 30_000);
  }, 40_000);

  afterAll(async () => {
    term?.kill();
    await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
    if (home) rmSync(home, { recursive: true, force: true });
  });

  // A failed check leaves the spotlight, a dialog or its window behind: clear the desktop for the next app.
  afterEach(async () => {
    for (let i = 0; i < 5 && /Spotlight| − □ ✕ ╮/.test(term.screen()); i++) await keys('Escape', 'C-a', 'x');
  });

  it('ships the apps this file checks', () => {
    expect(SHIPPED.map((a) => a.id)).toEqual(Object.keys(CHECKS).sort());
  });

  for (const app of SHIPPED) {
    it(`${app.id}: opens from the ${IN_DOCK.has(app.id) ? 'dock' : 'spotlight'} and works`, { timeout: 60_000 }, async () => {
      const check = CHECKS[app.id];
      expect(check, `no terminal-desktop check for the shipped app ${app.id}`).toBeDefined();
      await open(app);
      await check!();
      // An app's failure shows at the bottom of its window.
      expect(content(term.screen())).not.toContain('⚠');
      await close(app);
    });
  }
});
