import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculatorDisplay, hasTmux, startInTmux, type TmuxRun } from '../helpers/tmux.js';

/**
 * The terminal desktop and the browser on one live desktop: `agentos shell --web` in tmux
 * (120×40, CI=0) and Chromium on the URL it printed. A click in the browser shows in both;
 * a key typed in the terminal shows in the browser.
 */
const CHROMIUM = '/usr/lib/chromium/chromium';
const SESSION = `agentos-web-e2e-${process.pid}`;
let desk: TmuxRun | undefined;
const screen = () => desk!.screen();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const terminalDisplay = calculatorDisplay;

async function until<T>(get: () => T | undefined | false, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the terminal:\n${screen()}`);
    await sleep(150);
  }
}

describe.skipIf(!hasTmux)('agentos shell --web: the terminal desktop and the browser at once', () => {
  let home: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium`);
    home = mkdtempSync(path.join(os.tmpdir(), 'agentos-web-shell-'));
    desk = startInTmux(SESSION, ['shell', '--web', '--port', '0'], { home, env: ['AGENTOS_TOKEN=both-views-token'] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'], headless: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    desk?.kill();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('shows a browser click in both views, and a terminal key in the browser', async () => {
    const url = await until(() => /web view at (\S+)/.exec(readFileSync(path.join(home, 'stderr.txt'), 'utf8'))?.[1], 'the web view URL');
    await until(() => screen().includes('AgentOS'), 'the terminal desktop');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    await page.goto(url);
    await page.click('[data-dock-app-id="calculator"]');
    const calc = page.locator('[data-app-id="calculator"]');
    await calc.waitFor();
    const display = calc.locator('[data-component-id="display"] input');

    await calc.locator('[data-component-id="btn-7"]').click();
    await expect.poll(() => display.inputValue()).toBe('7');
    await until(() => terminalDisplay(screen()) === '7', 'the click in the terminal view');

    // The calculator has the focus in the terminal desktop too: a typed key reaches it.
    await desk!.keys({ text: '3' });
    await expect.poll(() => display.inputValue(), { timeout: 10_000 }).toBe('73');
    await until(() => terminalDisplay(screen()) === '73', 'the key in the terminal view');

    // A terminal window: the terminal desktop runs its pty, the browser shows the same one.
    await page.click('[data-dock-app-id="terminal"]');
    const term = page.locator('[data-terminal]');
    await page.waitForSelector('[data-terminal][data-status="running"]');
    await expect.poll(async () => ((await term.locator('.xterm-rows').textContent()) ?? '').trim().length, { timeout: 15_000 }).toBeGreaterThan(0);
    await term.click();
    await page.keyboard.type('echo both-$((6*7))');
    await page.keyboard.press('Enter');
    await expect.poll(() => term.locator('.xterm-rows').textContent(), { timeout: 10_000 }).toContain('both-42');
    await until(() => screen().includes('both-42'), 'the shell output in the terminal view');
  }, 90_000);
});
