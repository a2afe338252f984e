import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Blueprint, Component } from '../../src/blueprint/types.js';
import { KINDS, rankKinds, templateApp } from '../../src/ai/templates/index.js';
import { readSentence } from '../../src/ai/templates/sentence.js';
import { loadToolTable } from '../../src/ai/tool-table.js';
import { bindingsOf, validate, walk } from '../../src/ai/validate.js';
import { createRuntime, runHeadless } from '../../src/runtime/index.js';
import type { ToolDef } from '../../src/runtime/tools/types.js';
import { onCleanup, testKernel } from '../helpers/kernel.js';

let tools: ToolDef[];
beforeAll(async () => {
  tools = await loadToolTable();
});

const click = (component: string) => ({ component, event: 'click' });
const change = (component: string, value: unknown) => ({ component, event: 'change', value });
const select = (component: string, index: number) => ({ component, event: 'select', value: index });
type Ev = { component: string; event: string; value?: unknown } | { key: string };
type State = Record<string, unknown>;

/** A headless run of a generated app, as `agentos run --headless` does it. */
async function runApp(bp: Blueprint, events: Ev[], kernel = testKernel()) {
  const rt = createRuntime({ kernel, headless: true });
  onCleanup(() => rt.shutdown());
  return runHeadless(rt, bp, events.map((e) => JSON.stringify(e)).join('\n'), 'events');
}

/**
 * Every kind: several ways to ask for it, a short session in a headless run, and what the
 * state must be after it. The same table proves the matcher, the builder and the app.
 */
const CASES: { kind: string; asks: string[]; events: Ev[]; expect: (s: State, bp: Blueprint) => void }[] = [
  { kind: 'calculator', asks: ['a calculator', 'simple calc to add and subtract', 'an arithmetic calculator app'], events: [click('btn-7'), click('btn-multiply'), click('btn-6'), click('btn-equals')], expect: (s) => expect(s.display).toBe('42') },
  { kind: 'calculator', asks: ['a calculator'], events: [{ key: '9' }, { key: '-' }, { key: '4' }, { key: 'Enter' }], expect: (s) => expect(s.display).toBe('5') },
  { kind: 'scientific-calculator', asks: ['a scientific calculator', 'calculator with trigonometry', 'engineering calculator with sin and cos'], events: [click('btn-sqrt'), click('btn-8'), click('btn-1'), click('btn-close'), click('btn-add'), click('btn-2'), click('btn-equals')], expect: (s) => expect(s.display).toBe('11') },
  { kind: 'tip-calculator', asks: ['a tip calculator with 15, 18 and 20 percent buttons', 'calculate the tip on a restaurant bill', 'gratuity calculator 10% 12% 15%'], events: [change('bill', '40'), click('custom-percent'), change('custom-percent', '25'), click('apply-custom')], expect: (s) => expect([s.tip, s.total]).toEqual([10, 50]) },
  { kind: 'tip-calculator', asks: ['a tip calculator to split the bill between friends'], events: [change('bill', '90'), change('people', '3'), click('tip-20')], expect: (s) => expect(s['per-person']).toBe(36) },
  { kind: 'bmi-calculator', asks: ['a BMI calculator', 'body mass index app', 'check if my weight is healthy: bmi'], events: [change('weight', '81'), change('height', '180'), click('calculate')], expect: (s) => expect([s.bmi, s.category]).toEqual([25, 'Overweight']) },
  { kind: 'loan-calculator', asks: ['a loan calculator', 'mortgage payment calculator for 30 years', 'monthly payment of a car loan'], events: [change('amount', '12000'), change('rate', '0.0001'), change('years', '1'), click('calculate')], expect: (s) => expect(s.payment).toBeCloseTo(1000, 0) },
  { kind: 'percentage-calculator', asks: ['percentage calculator', 'work out a discount or percent change', 'percent of a number'], events: [change('change-x', '80'), change('change-y', '100'), click('change-go')], expect: (s) => expect(s['change-result']).toBe(25) },
  { kind: 'grade-calculator', asks: ['grade average calculator', 'gpa calculator', 'weighted average of my scores'], events: [change('grade', '90'), click('add'), change('grade', '70'), click('add')], expect: (s) => expect(s.average).toBe(80) },
  { kind: 'timer', asks: ['a timer', 'a kitchen timer for 12 minutes', 'egg timer 7 minutes'], events: [click('start'), click('pause'), change('minutes', '2'), click('reset')], expect: (s) => expect([s.remaining, s.clock]).toEqual([120, '2:00']) },
  { kind: 'countdown', asks: ['a countdown', 'countdown to launch, 90 seconds', 'count down 3 minutes until the meeting'], events: [click('start'), click('reset')], expect: (s) => expect(s.status).toBe('') },
  { kind: 'stopwatch', asks: ['a stopwatch', 'stopwatch with laps', 'a chronometer to time my runs'], events: [click('start'), click('lap'), click('stop'), click('reset')], expect: (s) => expect([s.elapsed, s.laps]).toEqual([0, []]) },
  { kind: 'pomodoro', asks: ['a pomodoro timer', 'pomodoro with 50 minutes work and 10 minute breaks', 'a focus timer for studying'], events: [click('start'), click('reset')], expect: (s, bp) => expect(s.clock).toBe((bp.ui.components[1]!.props as { content: string }).content) },
  { kind: 'counter', asks: ['a counter', 'tally counter for push-ups by 5', 'a clicker to keep score'], events: [click('increment'), click('increment'), click('decrement'), click('increment')], expect: (s) => expect(Number(s.count) % 2).toBe(0) },
  { kind: 'water-tracker', asks: ['water intake tracker', 'hydration tracker with a goal of 10 glasses', 'track how many glasses of water i drink'], events: [click('increment'), click('increment')], expect: (s) => expect([s.count, s['goal-status']]).toEqual([2, expect.stringMatching(/to go/)]) },
  { kind: 'unit-converter', asks: ['a unit converter', 'convert celsius to fahrenheit', 'km to miles converter'], events: [change('amount', '100'), click('convert')], expect: (s) => expect(Object.keys(s).filter((k) => k.startsWith('to-')).length).toBeGreaterThanOrEqual(2) },
  { kind: 'unit-converter', asks: ['convert celsius to fahrenheit and kelvin'], events: [change('amount', '100'), click('convert')], expect: (s) => expect([s['to-f'], s['to-k']]).toEqual([212, 373.15]) },
  { kind: 'currency-converter', asks: ['currency converter with user rates', 'convert dollars to euros and yen', 'exchange rate calculator for USD, GBP and EUR'], events: [change('amount', '10'), click('convert')], expect: (s) => expect(Object.keys(s).filter((k) => k.startsWith('in-')).length).toBeGreaterThanOrEqual(2) },
  { kind: 'todo', asks: ['a todo list', 'to-do app with priorities and due dates', 'checklist for my chores'], events: [change('new-task', 'buy milk'), click('add'), select('tasks', 0)], expect: (s) => expect(s.tasks).toEqual([expect.objectContaining({ text: expect.stringContaining('buy milk'), done: true })]) },
  { kind: 'shopping-list', asks: ['a shopping list', 'grocery list with aisles produce, dairy and bakery', 'supermarket list'], events: [change('item', 'eggs'), change('qty', '12'), click('add')], expect: (s) => expect(s.items).toEqual([expect.objectContaining({ text: expect.stringContaining('12 × eggs') })]) },
  { kind: 'notes', asks: ['a notes app', 'notepad for quick memos', 'note taking app'], events: [change('title', 'Idea'), change('body', 'Ship it'), click('save'), click('new'), select('notes', 0)], expect: (s) => expect([s.title, s.body]).toEqual(['Idea', 'Ship it']) },
  { kind: 'markdown-notes', asks: ['markdown notes', 'a markdown editor with preview', 'wiki pages in markdown'], events: [change('doc-title', 'Doc'), change('editor', '# Hi'), click('save')], expect: (s) => expect(s.docs).toEqual([expect.objectContaining({ title: 'Doc', body: '# Hi' })]) },
  { kind: 'journal', asks: ['a journal', 'daily diary with mood', 'gratitude journal'], events: [change('date', '2025-01-01'), change('entry', 'a good day'), click('save')], expect: (s) => expect(s.entries).toEqual([expect.objectContaining({ body: 'a good day' })]) },
  { kind: 'contacts', asks: ['a contact list with name, email and phone', 'address book', 'phone book of my friends'], events: [change('name', 'Ada'), click('add')], expect: (s) => expect(s.contacts).toEqual([expect.objectContaining({ name: 'Ada' })]) },
  { kind: 'bookmarks', asks: ['bookmarks manager with tags', 'save my favorite links', 'a reading list of links'], events: [change('title', 'Docs'), change('url', 'https://example.com'), click('add')], expect: (s) => expect(s.bookmarks).toEqual([expect.objectContaining({ url: 'https://example.com' })]) },
  { kind: 'expense-tracker', asks: ['an expense tracker with categories food, rent and fun', 'track my spending', 'monthly budget app'], events: [change('description', 'lunch'), change('amount', '12.5'), click('add'), change('description', 'taxi'), change('amount', '7.5'), click('add')], expect: (s) => expect(s.total).toBe(20) },
  { kind: 'habit-tracker', asks: ['habit tracker for meditation, running and reading', 'daily habit streaks', 'a routine tracker'], events: [], expect: (s) => expect(Object.keys(s).filter((k) => k.startsWith('streak-')).length).toBeGreaterThanOrEqual(2) },
  { kind: 'kanban', asks: ['a kanban board', 'kanban with columns backlog, doing, review and done', 'trello-like task board'], events: [], expect: (_s, bp) => expect(JSON.stringify(bp)).toContain('col-') },
  { kind: 'kanban', asks: ['a kanban board'], events: [change('new-col-to-do', 'write tests'), click('add-btn-col-to-do'), select('col-to-do', 0)], expect: (s) => expect([s['col-to-do'], s['col-doing']]).toEqual([[], [expect.objectContaining({ text: 'write tests' })]]) },
  { kind: 'quiz', asks: ['flashcards about world capitals', 'a multiplication quiz', 'trivia quiz for my biology class'], events: [], expect: (s) => expect([s.right, s.missed]).toEqual([0, 0]) },
  { kind: 'quiz', asks: ['a multiplication quiz'], events: [change('answer', '-1'), click('check')], expect: (s) => expect([s.missed, s.feedback]).toEqual([1, expect.stringMatching(/^✗ It was \d+$/)]) },
  { kind: 'dice', asks: ['roll 3d8 dice', 'a dice roller', 'd20 for dungeons and dragons'], events: [click('roll')], expect: (s) => expect(s.total).toBeGreaterThanOrEqual(1) },
  { kind: 'random-picker', asks: ['flip a coin', 'pick between pizza, sushi and tacos', 'a random name picker'], events: [], expect: (_s, bp) => expect(JSON.stringify(bp)).toContain('"pick"') },
  { kind: 'random-picker', asks: ['pick between pizza, sushi and tacos'], events: [click('pick')], expect: (s) => expect(['Pizza', 'Sushi', 'Tacos']).toContain(s.choice) },
  { kind: 'password-generator', asks: ['password generator 24 characters', 'make strong random passwords', 'a password generator without symbols'], events: [click('generate')], expect: (s) => expect(String(s.password)).toMatch(/^[A-Za-z0-9!#$%&*+\-=?@^_~]{4,40}$/) },
  { kind: 'color-mixer', asks: ['a color mixer', 'RGB color picker', 'blend two colours'], events: [change('a-red', 255), change('a-green', 0), change('a-blue', 0)], expect: (s) => expect(s.hex).toMatch(/^#[0-9a-f]{6}$/) },
  { kind: 'dashboard', asks: ['weather dashboard', 'a dashboard for a JSON API endpoint', 'weather forecast showing temperature and humidity'], events: [], expect: (_s, bp) => expect(bp.app.permissions).toContain('NETWORK_ACCESS') },
];

describe('the template generator', () => {
  it('knows at least 25 kinds of app', () => {
    expect(KINDS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(KINDS.map((k) => k.id)).size).toBe(KINDS.length);
  });

  for (const c of CASES) {
    for (const ask of c.asks) {
      it(`"${ask}" -> ${c.kind}, valid, works headless`, async () => {
        const r = templateApp(ask);
        expect(r.kind).toBe(c.kind);
        const v = validate(r.blueprint, tools);
        if (!v.ok) throw new Error(v.errors.join('\n'));
        const out = await runApp(v.blueprint, c.events);
        expect(out.errors).toEqual([]);
        c.expect(out.state, v.blueprint);
      });
    }
  }

  it('reads percentages, durations, fields, units, titles and categories from the sentence', () => {
    const tip = templateApp('a tip calculator with 15, 18 and 20 percent buttons').blueprint;
    const labels = [...walk(tip.ui.components)].filter(([c]) => c.type === 'button').map(([c]) => c.props.text);
    expect(labels).toEqual(expect.arrayContaining(['15%', '18%', '20%']));
    expect(JSON.stringify(templateApp('pomodoro, 45 minutes of focus and 15 minute breaks').blueprint)).toContain('45:00');
    expect(JSON.stringify(templateApp('a timer for 25 minutes').blueprint)).toContain('25:00');
    const contacts = templateApp('a contact list with fields name, company and birthday').blueprint;
    expect([...walk(contacts.ui.components)].map(([c]) => c.id)).toEqual(expect.arrayContaining(['name', 'company', 'birthday']));
    expect(templateApp('a todo list called "Errands"').blueprint.app).toMatchObject({ id: 'errands', name: 'Errands' });
    const cats = JSON.stringify(templateApp('expense tracker with categories groceries, rent and travel').blueprint);
    expect(cats).toContain('total-groceries');
    expect(cats).toContain('total-travel');
    const kg = JSON.stringify(templateApp('convert kilograms to pounds').blueprint);
    expect(kg).toContain('to-kg');
    expect(kg).toContain('to-lb');
    expect(kg).not.toContain('to-km');
  });

  it('says which kind it chose and why', () => {
    const r = templateApp('a tip calculator with 15, 18 and 20 percent buttons');
    expect(r.reason).toMatch(/chose "tip-calculator".*"tip".*percentages 15, 18, 20/);
  });

  it('composes an app from the nouns when no kind matches: a form, a list, kept state', async () => {
    const r = templateApp('an app to keep my recipes with ingredients and cooking time');
    expect(r.kind).toBe('composed');
    expect(r.reason).toMatch(/no kind of app matched.*ingredients, cooking time/);
    expect(r.blueprint.app.name).toBe('Recipes');
    const v = validate(r.blueprint, tools);
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const out = await runApp(v.blueprint, [change('ingredients', 'eggs'), change('cooking-time', '10'), click('add')]);
    expect(out.errors).toEqual([]);
    expect(out.state.items).toEqual([expect.objectContaining({ ingredients: 'eggs', 'cooking-time': '10' })]);
    for (const odd of ['plant watering log', 'xyzzy', 'my vinyl records']) {
      const app = templateApp(odd);
      expect(validate(app.blueprint, tools).ok).toBe(true);
      expect(app.blueprint.ui.components.length).toBeGreaterThan(1);
    }
  });

  it('keeps data across launches', async () => {
    const kernel = testKernel();
    const bp = templateApp('a todo list').blueprint;
    await runApp(bp, [change('new-task', 'water plants'), click('add')], kernel);
    const again = await runApp(bp, [], kernel);
    expect(again.state.tasks).toEqual([expect.objectContaining({ text: 'water plants' })]);
  });

  it('asks only for what the app needs', () => {
    for (const k of KINDS) {
      const app = templateApp(k.name).blueprint;
      const wants = new Set(app.app.permissions);
      expect(wants.has('PRIVILEGED') || wants.has('STANDARD')).toBe(false);
      const fetches = bindingsOf(app).some(([b]) => b.tool.startsWith('http.'));
      expect(wants.has('NETWORK_ACCESS')).toBe(fetches);
      expect(app.services).toEqual([]);
    }
  });

  it('ranks the specific kind above the generic one', () => {
    const top = (s: string) => rankKinds(readSentence(s))[0]!.kind.id;
    expect(top('tip calculator')).toBe('tip-calculator');
    expect(top('countdown timer')).toBe('countdown');
    expect(top('pomodoro timer')).toBe('pomodoro');
    expect(top('markdown notes')).toBe('markdown-notes');
    expect(top('currency converter')).toBe('currency-converter');
  });

  it('fetches a dashboard\'s data from its URL through the app\'s own grants', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ temperature: 21, humidity: 40 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    onCleanup(() => new Promise<void>((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/weather.json`;
    const r = templateApp(`weather dashboard from ${url} showing temperature and humidity`);
    expect(r.kind).toBe('dashboard');
    const out = await runApp(r.blueprint, [click('refresh')]);
    const denied = out.errors.find((e) => e.code === 'EACCES');
    // Loopback may be refused by the sandbox's network policy; any other error is a bug.
    if (!denied) {
      expect(out.errors).toEqual([]);
      expect(out.state.data).toEqual({ temperature: 21, humidity: 40 });
    }
  });
});

describe('generated apps never', () => {
  it('use a component id twice or an unknown prop', () => {
    for (const c of CASES) for (const ask of c.asks) {
      const bp = templateApp(ask).blueprint;
      const ids = [...walk(bp.ui.components)].map(([x]: [Component, string]) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
