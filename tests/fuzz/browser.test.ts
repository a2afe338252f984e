import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBlueprint } from '../../src/blueprint/parse.js';
import { memoryCatalog } from '../../src/runtime/index.js';
import { testServer, type TestServer } from '../web/helpers.js';
import { FUZZ_RUNS } from './helpers.js';

/**
 * Random clicks, drags, keys and text into the browser desktop (Chromium against a real
 * server): the page never throws, keeps drawing exactly the windows the runtime has, and
 * still computes with the calculator afterwards.
 */
const RUNS = Math.max(6, Math.round(FUZZ_RUNS / 60));
const CHROMIUM = '/usr/lib/chromium/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const W = 1280;
const H = 800;

const shipped = (file: string) => parseBlueprint(readFileSync(path.resolve('apps', file), 'utf8'), file);

type Action =
  | { kind: 'click'; x: number; y: number; button: 'left' | 'right'; double: boolean }
  | { kind: 'drag'; x: number; y: number; dx: number; dy: number }
  | { kind: 'key'; key: string }
  | { kind: 'type'; text: string };

const point = { x: fc.integer({ min: 0, max: W - 1 }), y: fc.integer({ min: 0, max: H - 1 }) };
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('click' as const), ...point, button: fc.constantFrom('left' as const, 'left' as const, 'right' as const), double: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drag' as const), ...point, dx: fc.integer({ min: -900, max: 900 }), dy: fc.integer({ min: -600, max: 600 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('key' as const),
      key: fc.constantFrom('Tab', 'Shift+Tab', 'Enter', 'Escape', 'Backspace', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Control+k', 'Control+j', 'Alt+`', 'Alt+m', 'Alt+w', 'Space', '7', '+', '=', 'c'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('type' as const), text: fc.string({ maxLength: 12 }) }) },
);

const calculator = shipped('utilities/calculator.bp');
const todo = shipped('productivity/todo.bp');

let browser: Browser;
let t: TestServer;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  t = await testServer({ catalog: memoryCatalog([calculator, todo, shipped('productivity/notes.bp'), shipped('creative/color-mixer.bp')]) });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  page = await (await browser.newContext({ viewport: { width: W, height: H } })).newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A dialog an action opens (none expected) must not block the run.
  page.on('dialog', (d) => void d.dismiss());
  await page.goto(t.web.loginUrl);
  await page.waitForSelector('.shell[data-ready="yes"]');
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function perform(a: Action) {
  if (a.kind === 'click') {
    if (a.double) await page.mouse.dblclick(a.x, a.y, { button: a.button });
    else await page.mouse.click(a.x, a.y, { button: a.button });
  } else if (a.kind === 'drag') {
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(Math.max(0, Math.min(W - 1, a.x + a.dx)), Math.max(0, Math.min(H - 1, a.y + a.dy)), { steps: 4 });
    await page.mouse.up();
  } else if (a.kind === 'key') await page.keyboard.press(a.key);
  else await page.keyboard.type(a.text);
}

/** The windows the page draws and the ones the runtime has (open, not minimized): the same, once patches arrive. */
async function inSync() {
  const expected = () => {
    const d = t.runtime.getSnapshot();
    return Object.keys(d.apps)
      .filter((id) => d.windows[id] && !d.windows[id]!.minimized)
      .sort();
  };
  await expect
    .poll(async () => JSON.stringify(await page.locator('.desktop-area > .window').evaluateAll((els) => els.map((e) => e.getAttribute('data-app-id')).sort())), { timeout: 8000 })
    .toBe(JSON.stringify(expected()));
}

/** Back to a known page: overlays closed, every app closed. */
async function reset() {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await page.locator('.spotlight').waitFor({ state: 'detached', timeout: 2000 }).catch(() => {});
  for (const id of Object.keys(t.runtime.getSnapshot().apps)) await t.runtime.close(id).catch(() => {});
  await inSync();
}

describe('the browser desktop under random input', () => {
  it('never throws, draws the windows the runtime has, and still computes', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 25 }), async (actions) => {
        // Each run starts with the calculator and the todo list open.
        await t.runtime.launch(calculator);
        await t.runtime.launch(todo);
        await inSync();
        for (const a of actions) await perform(a);
        expect(pageErrors).toEqual([]);
        await inSync();
        await reset();
      }),
      { numRuns: RUNS },
    );

    // Still usable: the calculator opens from the dock and computes from clicks.
    await page.click('[data-dock-app-id="calculator"]');
    const win = page.locator('[data-app-id="calculator"]');
    await win.waitFor();
    for (const id of ['btn-clear', 'btn-7', 'btn-add', 'btn-3', 'btn-equals']) await win.locator(`[data-component-id="${id}"]`).click();
    await expect.poll(() => win.locator('[data-component-id="display"] input').inputValue()).toBe('10');
    expect(pageErrors).toEqual([]);
  });
});
