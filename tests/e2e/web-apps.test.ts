import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type Served } from '../helpers/serve.js';

/**
 * The web view's promise: a new user runs `agentos serve`, opens the printed URL in a
 * browser, and uses every prebuilt app there. One server (the built binary) and one page
 * for the file; each shipped app gets a test that opens it from the dock, does one thing
 * a user would, and reads the outcome off the page.
 */
const CHROMIUM = '/usr/lib/chromium/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The shipped apps, read from the .bp files: a new one without a check below fails. */
const APPS_DIR = path.resolve('apps');
const SHIPPED = readdirSync(APPS_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bp'))
  .map((f) => (JSON.parse(readFileSync(path.join(APPS_DIR, f), 'utf8')) as { app: { id: string } }).app.id)
  .sort();

let home: string;
let served: Served;
let browser: Browser;
let page: Page;
/** Script errors in the page: each fails the test it happened in. */
const pageErrors: string[] = [];
/** A page for the browser app to fetch, on this machine. */
let site: http.Server;
let siteUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  home = mkdtempSync(path.join(os.tmpdir(), 'agentos-web-apps-'));
  // Terminal windows start $SHELL: a plain sh, so the host's shell startup files cannot slow the test.
  served = await startServe([], { AGENTOS_HOME: home, SHELL: '/bin/sh' });
  if (!served.url) throw new Error(`agentos serve printed no URL:\n${served.stderr()}`);
  site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><head><title>Served &amp; Seen</title></head><body><p>Hello from the test site.</p></body></html>'));
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Fail with the step that hung rather than the test's own timeout.
  context.setDefaultTimeout(8000);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The printed URL, as the user opens it: the token logs in once and leaves the address bar.
  await page.goto(served.url);
  await page.waitForSelector('.shell[data-ready="yes"]');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  served?.stop();
  await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
  if (home) rmSync(home, { recursive: true, force: true });
});

afterEach(() => {
  const errors = pageErrors.splice(0);
  if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
});

interface Running {
  id: string;
  app_id: string;
  errors: number;
}

/** The running apps, as the server sees them. */
async function running(): Promise<Running[]> {
  const r = await fetch(`${served.base}/apps`, { headers: { Authorization: `Bearer ${served.token}` } });
  return ((await r.json()) as { apps: Running[] }).apps;
}

const win = (id: string) => page.locator(`[data-app-id="${id}"]`);
const part = (w: Locator, id: string) => w.locator(`[data-component-id="${id}"]`);
const text = async (l: Locator) => ((await l.textContent()) ?? '').trim();

/** Launch an app from the dock; its window (named by the instance id, the app id for a first instance) shows without an error. */
async function open(appId: string): Promise<Locator> {
  await page.click(`[data-dock-app-id="${appId}"]`);
  await expect.poll(async () => (await running()).filter((a) => a.app_id === appId).map((a) => a.id), { timeout: 15_000 }).toEqual([appId]);
  const w = win(appId);
  await w.waitFor();
  await expectNoError(w);
  return w;
}

async function expectNoError(w: Locator) {
  expect(await w.locator('.app-error').allTextContents()).toEqual([]);
  expect(await w.textContent()).not.toMatch(/could not be drawn/);
}

/** What each app is for, done once in the page. */
const CHECKS: Record<string, (w: Locator) => Promise<void>> = {
  async calculator(w) {
    for (const b of ['btn-7', 'btn-add', 'btn-3', 'btn-equals']) await part(w, b).click();
    // The first computation loads the math engine: seconds on a busy machine.
    await expect.poll(() => part(w, 'display').locator('input').inputValue(), { timeout: 30_000 }).toBe('10');
  },

  async 'color-mixer'(w) {
    await expect.poll(() => text(part(w, 'swatch'))).toBe('rgb(128, 128, 128)');
    await part(w, 'preset-teal').click();
    await expect.poll(() => text(part(w, 'swatch'))).toBe('rgb(0, 128, 128)');
    expect(await text(part(w, 'red-label'))).toBe('Red: 0');
    expect(await part(w, 'red').locator('input').inputValue()).toBe('0');
  },

  async 'file-explorer'(w) {
    await expect.poll(() => part(w, 'path').locator('input').inputValue()).toBe('/home');
    await part(w, 'loc-tmp').click();
    await expect.poll(() => part(w, 'path').locator('input').inputValue()).toBe('/tmp');
    await expect.poll(() => text(part(w, 'status'))).toMatch(/^\/tmp: \d+ folders, \d+ files$/);
    // Make a folder there: it shows among the entries.
    await part(w, 'new-name').locator('input').fill('made-in-the-browser');
    await part(w, 'mkdir').click();
    await expect.poll(() => text(part(w, 'status'))).toBe('Created made-in-the-browser/');
    await expect.poll(() => part(w, 'entries').locator('.c-list-item').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/made-in-the-browser/)]));
  },

  async notes(w) {
    await part(w, 'note-title').locator('input').fill('Groceries');
    await part(w, 'note-body').locator('textarea').fill('milk\neggs');
    await part(w, 'save').click();
    await expect.poll(() => text(part(w, 'status'))).toBe('Saved "Groceries"');
    await expect.poll(() => part(w, 'notes').locator('.c-list-item').allTextContents()).toEqual([expect.stringContaining('Groceries')]);
    await expect.poll(() => text(part(w, 'notes-count'))).toBe('1 note');
  },

  async todo(w) {
    const field = part(w, 'new-todo').locator('input');
    await field.fill('buy milk');
    await field.press('Enter');
    await expect.poll(() => part(w, 'todos').locator('.c-list-item').allTextContents()).toEqual(['[ ] buy milk']);
    await expect.poll(() => field.inputValue()).toBe('');
    expect(await text(part(w, 'todo-count'))).toBe('1 of 1 left');
    // Picking the item marks it done.
    await part(w, 'todos').locator('.c-list-item').first().click();
    await expect.poll(() => part(w, 'todos').locator('.c-list-item').allTextContents()).toEqual(['[x] buy milk']);
    await expect.poll(() => text(part(w, 'todo-count'))).toBe('0 of 1 left');
  },

  async hub(w) {
    const shortcuts = () => part(w, 'all-apps-grid').locator('.c-shortcut').evaluateAll((els) => els.map((e) => e.getAttribute('data-component-id')));
    await expect.poll(async () => (await shortcuts()).sort()).toEqual(SHIPPED.map((id) => `app-${id}`));
    await part(w, 'search').locator('input').fill('calc');
    await expect.poll(shortcuts).toEqual(['app-calculator']);
    await part(w, 'search').locator('input').fill('');
    await expect.poll(async () => (await shortcuts()).length).toBe(SHIPPED.length);
    // The System tab lists the system apps.
    await part(w, 'tabs').getByRole('tab', { name: 'System' }).click();
    await expect
      .poll(() => part(w, 'system-apps-grid').locator('.c-shortcut').evaluateAll((els) => els.map((e) => e.getAttribute('data-component-id'))))
      .toEqual(expect.arrayContaining(['app-hub', 'app-settings', 'app-terminal', 'app-task-manager', 'app-system-monitor']));
  },

  async settings(w) {
    // A select's options are its labels (their values are indexes).
    const chosen = (id: string) => part(w, id).locator('select').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');
    await expect.poll(() => text(part(w, 'status'))).toBe('Settings loaded');
    expect(await chosen('provider')).toBe('auto');
    expect(await chosen('theme')).toBe('dark');
    await part(w, 'provider').locator('select').selectOption({ label: 'template' });
    await part(w, 'save').click();
    await expect.poll(() => text(part(w, 'status'))).toBe('Saved provider');
    // Saving reads the settings back from the config file: the field shows what was stored.
    expect(await chosen('provider')).toBe('template');
  },

  async 'system-monitor'(w) {
    // Sampled every second: the time it was updated moves on, and the chart grows.
    await expect.poll(() => text(part(w, 'updated'))).toMatch(/^Updated /);
    const first = await text(part(w, 'updated'));
    await expect.poll(() => text(part(w, 'updated')), { timeout: 15_000 }).not.toBe(first);
    await expect.poll(() => text(part(w, 'rate-chart'))).toMatch(/^[▁▂▃▄▅▆▇█]{2,}$/);
    expect(await text(part(w, 'rate'))).toMatch(/^\d+ syscalls\/s/);
  },

  async 'task-manager'(w) {
    const rows = part(w, 'processes').locator('.c-list-item');
    await expect.poll(() => rows.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/task-manager\s+app\s+running/)]));
    expect(await text(part(w, 'summary'))).toMatch(/^\d+ processes, \d+ apps?, /);
    // A table: each header word stands over its column, as in the terminal view (the
    // header's first two columns stand where a row's marker is drawn there).
    const leftAt = (id: string, row: number | null, index: number) =>
      part(w, id).evaluate(
        (el, [row, index]) => {
          const host = row === null ? el : el.querySelectorAll('.c-list-item')[row]!;
          const r = document.createRange();
          r.setStart(host.firstChild!, index);
          r.setEnd(host.firstChild!, index + 1);
          return r.getBoundingClientRect().left;
        },
        [row, index] as [number | null, number],
      );
    const kind = (await text(part(w, 'processes-header'))).indexOf('KIND');
    expect(Math.abs((await leftAt('processes', 0, kind - 2)) - (await leftAt('processes-header', null, kind)))).toBeLessThanOrEqual(2);
    await rows.filter({ hasText: /task-manager\s+app/ }).click();
    await expect.poll(() => text(part(w, 'status'))).toMatch(/^Selected task-manager \(pid \d+\)$/);
  },

  async terminal(w) {
    const term = w.locator('[data-terminal]');
    await w.locator('[data-terminal][data-status="running"]').waitFor({ timeout: 15_000 });
    // Type once the shell is ready (its prompt shows), as a person would.
    await expect.poll(async () => (await text(term.locator('.xterm-rows'))).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await term.click();
    await page.keyboard.type('echo web-$((6*7))');
    await page.keyboard.press('Enter');
    await expect.poll(() => term.locator('.xterm-rows').textContent(), { timeout: 10_000 }).toContain('web-42');
  },

  async browser(w) {
    await part(w, 'url').locator('input').fill(siteUrl);
    await part(w, 'go').click();
    // Should the desktop ask before the app reaches this machine, answer as a user would.
    const dialog = page.getByRole('alertdialog');
    await expect
      .poll(
        async () => {
          if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Yes' }).click();
          return text(part(w, 'title'));
        },
        { timeout: 15_000 },
      )
      .toBe('Served & Seen');
    expect(await text(part(w, 'page'))).toBe('Hello from the test site.');
    expect(await text(part(w, 'status'))).toMatch(/^200 OK/);
  },
};

describe('agentos serve: every shipped app in the browser', () => {
  it('ships the apps this file checks', () => {
    expect(SHIPPED).toEqual(Object.keys(CHECKS).sort());
  });

  for (const appId of SHIPPED) {
    it(`${appId}: opens from the dock and works`, { timeout: 60_000 }, async () => {
      const check = CHECKS[appId];
      expect(check, `no browser check for the shipped app ${appId}`).toBeDefined();
      const w = await open(appId);
      await check!(w);
      await expectNoError(w);
      expect((await running()).find((a) => a.id === appId)?.errors).toBe(0);
      await w.locator('[data-action="close"]').click();
      await w.waitFor({ state: 'detached' });
    });
  }
});
