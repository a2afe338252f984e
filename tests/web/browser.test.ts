import { existsSync } from 'node:fs';
import http from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onCleanup } from '../helpers/kernel.js';
import { memoryCatalog } from '../../src/runtime/index.js';
import { fixture, testServer, type TestServer } from './helpers.js';

/**
 * The browser desktop in Debian's Chromium against a real server (in this process, over the
 * client bundle scripts/build.mjs wrote to dist/web).
 */
const CHROMIUM = '/usr/lib/chromium/chromium';
// Terminal windows start $SHELL: a plain sh, so the host's shell startup files cannot slow the test.
process.env.SHELL = '/bin/sh';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
/** One browser context for the file (a context costs seconds to make); each test has its own page and server. */
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Fail with the step that hung rather than the test's own timeout.
  context.setDefaultTimeout(8000);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function openDesktop(t: TestServer): Promise<Page> {
  await context.clearCookies();
  const page = await context.newPage();
  // Any script error in the page fails the test that caused it.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  onCleanup(async () => {
    for (const p of context.pages()) await p.close();
    if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
  });
  await page.goto(t.web.loginUrl);
  await page.waitForSelector('.shell[data-ready="yes"]');
  return page;
}

const win = (page: Page, id: string) => page.locator(`[data-app-id="${id}"]`);
const display = (page: Page, app = 'calculator') => win(page, app).locator('[data-component-id="display"] input');

async function launchCalculator(page: Page) {
  await page.click('[data-dock-app-id="calculator"]');
  await win(page, 'calculator').waitFor();
}

describe('the browser desktop', () => {
  it('opens with the token (which leaves the address bar), launches the calculator from the dock, and computes 7 + 3 = 10', { timeout: 60_000 }, async () => {
    const t = await testServer();
    const page = await openDesktop(t);
    expect(page.url()).toBe(t.web.url);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === `agentos_token_${new URL(t.base).port}`)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await launchCalculator(page);
    for (const id of ['btn-7', 'btn-add', 'btn-3', 'btn-equals']) await win(page, 'calculator').locator(`[data-component-id="${id}"]`).click();
    // The first computation loads the math engine: seconds on a busy machine.
    await expect.poll(() => display(page).inputValue(), { timeout: 30_000 }).toBe('10');
    expect(t.runtime.getSnapshot().apps.calculator!.state.display).toBe('10');
  });

  it('types into an app with its ui.keys bindings', { timeout: 60_000 }, async () => {
    const t = await testServer();
    const page = await openDesktop(t);
    await launchCalculator(page);
    // A click on the display (a disabled field, which takes no focus): the keys still go to the app.
    await display(page).click({ force: true });
    await page.keyboard.type('6*7');
    await page.keyboard.press('Enter');
    await expect.poll(() => display(page).inputValue(), { timeout: 30_000 }).toBe('42');
    await page.keyboard.press('Escape');
    await page.keyboard.type('5');
    await expect.poll(() => display(page).inputValue(), { timeout: 10_000 }).toBe('5');
  });

  it('snaps a window dragged to the left edge into the left half, with a preview while dragging', async () => {
    const t = await testServer();
    const page = await openDesktop(t);
    await launchCalculator(page);
    const bar = await win(page, 'calculator').locator('.titlebar').boundingBox();
    const area = (await page.locator('.desktop-area').boundingBox())!;
    await page.mouse.move(bar!.x + 60, bar!.y + 12);
    await page.mouse.down();
    await page.mouse.move(area.x + 200, area.y + 300, { steps: 4 });
    await page.mouse.move(area.x + 1, area.y + area.height / 2, { steps: 4 });
    const preview = (await page.locator('[data-snap-preview]').boundingBox())!;
    expect(Math.round(preview.width)).toBe(Math.round(area.width / 2));
    await page.mouse.up();
    await expect.poll(() => win(page, 'calculator').getAttribute('data-zone')).toBe('left');
    const box = (await win(page, 'calculator').boundingBox())!;
    expect(Math.round(box.x)).toBe(Math.round(area.x));
    expect(Math.round(box.y)).toBe(Math.round(area.y));
    expect(Math.abs(box.width - area.width / 2)).toBeLessThan(2);
    expect(Math.abs(box.height - area.height)).toBeLessThan(2);
    expect(t.runtime.getSnapshot().windows.calculator!.zone).toBe('left');
  });

  it('resizes a window from its corner, and minimizes, restores and maximizes it', async () => {
    const t = await testServer();
    const page = await openDesktop(t);
    await launchCalculator(page);
    const before = (await win(page, 'calculator').boundingBox())!;
    const corner = (await win(page, 'calculator').locator('.resize.bottom-right').boundingBox())!;
    await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
    await page.mouse.down();
    await page.mouse.move(corner.x + 100, corner.y + 60, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await win(page, 'calculator').boundingBox())!.width - before.width)).toBeGreaterThanOrEqual(90);
    const area = (await page.locator('.desktop-area').boundingBox())!;
    const rect = t.runtime.getSnapshot().windows.calculator!.rect;
    expect(Math.abs(rect.w * area.width - (before.width + 100))).toBeLessThan(12);

    await win(page, 'calculator').locator('[data-action="minimize"]').click();
    await win(page, 'calculator').waitFor({ state: 'detached' });
    await page.click('[data-dock-app-id="calculator"]');
    await win(page, 'calculator').locator('[data-action="maximize"]').click();
    await expect.poll(() => win(page, 'calculator').getAttribute('data-mode')).toBe('maximized');
  });

  it('runs a shell in a terminal window: typed keys reach it and its output shows', { timeout: 60_000 }, async () => {
    const t = await testServer();
    const page = await openDesktop(t);
    await page.click('[data-dock-app-id="terminal"]');
    const term = page.locator('[data-terminal]');
    await page.waitForSelector('[data-terminal][data-status="running"]');
    // Type once the shell is ready (its prompt shows), as a person would.
    await expect.poll(async () => ((await term.locator('.xterm-rows').textContent()) ?? '').trim().length, { timeout: 15_000 }).toBeGreaterThan(0);
    await term.click();
    await page.keyboard.type('echo agentos-$((6*7))');
    await page.keyboard.press('Enter');
    await expect.poll(() => term.locator('.xterm-rows').textContent(), { timeout: 10_000 }).toContain('agentos-42');
  });

  it('generates an app from the spotlight, streaming over the WebSocket', async () => {
    const t = await testServer();
    const page = await openDesktop(t);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('a tip calculator');
    await page.keyboard.press('Enter');
    await win(page, 'generated').waitFor();
    expect(t.runtime.getSnapshot().apps.generated!.title).toBe('Calculator');
  });

  it('talks to the assistant in the chat panel; the exchange is the desktop\'s chat', async () => {
    const t = await testServer();
    const page = await openDesktop(t);
    await page.keyboard.press('Control+j');
    await page.fill('.chat-input input', 'make me a stopwatch');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.msg.assistant .content').textContent()).toMatch(/Made "Generated"/);
    await win(page, 'generated').waitFor();
    expect(t.runtime.getSnapshot().chat.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('shows one page\'s change in a second page', async () => {
    const t = await testServer();
    const first = await openDesktop(t);
    await launchCalculator(first);
    const second = await first.context().newPage();
    await second.goto(t.web.url);
    await win(second, 'calculator').waitFor();
    await win(first, 'calculator').locator('[data-component-id="btn-7"]').click();
    await expect.poll(() => display(second).inputValue()).toBe('7');
    await win(second, 'calculator').locator('[data-action="close"]').click();
    await win(first, 'calculator').waitFor({ state: 'detached' });
  });

  it('refuses another site\'s page: its requests and WebSocket carry the cookie but get 403', async () => {
    const t = await testServer();
    const page = await openDesktop(t);
    // A page of another origin (another port) in the same browser, where the cookie lives.
    const evil = http.createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    onCleanup(() => new Promise<void>((r) => evil.close(() => r())));
    // Same host, another port: another origin but the same site, so the cookie goes along.
    await page.goto(`http://127.0.0.1:${(evil.address() as { port: number }).port}/`);
    const target = t.web.url;
    const outcome = await page.evaluate(async (base) => {
      const post = await fetch(`${base}apps/launch`, { method: 'POST', credentials: 'include', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"app_id":"calculator"}' }).then(
        () => 'sent',
        () => 'failed',
      );
      const ws = await new Promise<string>((resolve) => {
        const s = new WebSocket(`${base.replace('http', 'ws')}stream`);
        s.onopen = () => resolve('open');
        s.onerror = () => resolve('refused');
      });
      return { post, ws };
    }, target);
    expect(outcome.ws).toBe('refused');
    expect(t.runtime.getSnapshot().apps).toEqual({});
    const requests = t.web.context.metrics.snapshot().http.requests;
    expect(requests['POST /apps/launch 403']).toBe(1);
  });

  it('draws all 23 components for real, with app text as text and pages sandboxed', async () => {
    const t = await testServer({ catalog: memoryCatalog([fixture('calculator.bp'), fixture('gallery.bp')]) });
    const page = await openDesktop(t);
    await page.click('[data-dock-app-id="gallery"]');
    const g = win(page, 'gallery');
    await g.waitFor();
    const c = (id: string) => g.locator(`[data-component-id="${id}"]`);
    const state = () => t.runtime.getSnapshot().apps.gallery!.state;
    for (const id of ['title', 'btn', 'name', 'notes', 'agree', 'r-a', 'volume', 'color', 'badge', 'prog', 'div', 'card', 'grid', 'row', 'img', 'vid', 'aud', 'cv', 'frame', 'tabs', 'short', 'big']) await expect.poll(() => c(id).count(), { message: id }).toBe(1);

    // Text stays text: markup in app content is shown, never run.
    expect(await c('title').textContent()).toBe('<img src=x onerror="window.__pwned=1">');
    expect(await c('title').locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await c('btn').click();
    await expect.poll(() => c('status').textContent()).toBe('pressed');
    await c('name').locator('input').fill('bob');
    await expect.poll(() => state().name).toBe('bob');
    // Keys faster than their echoes: what is typed stays in the field while older echoes arrive.
    await c('name').locator('input').pressSequentially(' and alice');
    await expect.poll(() => state().name).toBe('bob and alice');
    expect(await c('name').locator('input').inputValue()).toBe('bob and alice');
    await c('agree').locator('input').click();
    await expect.poll(() => state().agree).toBe(true);
    await c('r-b').locator('input').click();
    await expect.poll(() => state().choice).toBe('b');
    await c('color').locator('select').selectOption({ label: 'Blue' });
    await expect.poll(() => state().color).toBe('blue');
    await c('volume').locator('input').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => state().volume).toBe(4);

    expect(await c('img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
    expect(await c('vid').evaluate((el) => el.tagName)).toBe('VIDEO');
    expect(await c('aud').evaluate((el) => el.tagName)).toBe('AUDIO');
    const pixel = await c('cv').evaluate((el: HTMLCanvasElement) => Array.from(el.getContext('2d')!.getImageData(10, 10, 1, 1).data));
    expect(pixel).toEqual([255, 0, 0, 255]);
    expect(await c('frame').getAttribute('sandbox')).toBe('allow-scripts');

    await c('tabs').getByRole('tab', { name: 'Second' }).click();
    await expect.poll(() => c('t2').count()).toBe(1);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => c('t1').count()).toBe(1);

    await c('open-modal').click();
    await expect.poll(() => c('dlg-text').textContent()).toBe('in the modal');
    await page.keyboard.press('Escape');
    await expect.poll(() => c('dlg').count()).toBe(0);

    // 5000 items, a screenful in the page.
    expect(await c('big').locator('.c-list-item').count()).toBeLessThan(60);
    await c('big').locator('.virtual').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => c('big').getByText('item 4999', { exact: true }).count()).toBe(1);

    // A confirmation (the permission prompt): text as text, answered here, closed everywhere.
    await c('ask').click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.locator('p').textContent()).toBe('Allow <b>everything</b>?');
    await dialog.getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => state().allowed).toBe(true);
    await expect.poll(() => page.locator('.toast.success').textContent()).toContain('allowed it');
    expect(t.runtime.getSnapshot().dialogs).toEqual([]);

    await c('short').click();
    await win(page, 'calculator').waitFor();
  });
});
