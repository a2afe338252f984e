import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlueprintError } from '../../src/blueprint/errors.js';
import { EventLineError, folderCatalog, parseEventLine, runHeadless } from '../../src/runtime/index.js';
import { tempDir, testKernel } from '../helpers/kernel.js';
import { FIXTURES, blueprint, button, fixture, on, testRuntime } from './setup.js';

const lines = (...events: unknown[]) => events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n');
const click = (component: string) => ({ component, event: 'click' });

describe('headless runs', () => {
  it('the README calculator: clicking btn-7 puts 7 on its display', async () => {
    const r = await runHeadless(testRuntime({ headless: true }), fixture('readme-calculator.bp'), lines(click('btn-7')), 'events');
    expect(r).toEqual({ app: 'calculator', state: { display: '7' }, errors: [] });
  });

  it('the full calculator: 7 + 3 = gives 10; keys work too', async () => {
    const bp = fixture('calculator.bp');
    expect((await runHeadless(testRuntime({ headless: true }), bp, lines(click('btn-7'), click('btn-add'), click('btn-3'), click('btn-eq')), 'e')).state).toEqual({ display: '10' });
    expect((await runHeadless(testRuntime({ headless: true }), bp, lines({ key: '7' }, { key: '+' }, { key: '3' }, { key: 'Enter' }), 'e')).state).toEqual({ display: '10' });
    expect((await runHeadless(testRuntime({ headless: true }), bp, lines({ component: 'display', event: 'change', value: '12' }, click('btn-mul'), click('btn-3'), click('btn-eq')), 'e')).state).toEqual({ display: '36' });
  });

  it('skips blank and comment lines; "event" defaults to click', async () => {
    const r = await runHeadless(testRuntime({ headless: true }), fixture('readme-calculator.bp'), '\n# a comment\n{"component":"btn-7"}\n\n', 'e');
    expect(r.state).toEqual({ display: '7' });
  });

  it('reports tool failures in errors, not as a failed run', async () => {
    const bp = blueprint([button('b', 'b', on('ui.toggle'))], { id: 'broken' });
    const r = await runHeadless(testRuntime({ headless: true }), bp, lines(click('b')), 'e');
    expect(r.errors).toEqual([{ code: 'EINVAL', message: expect.stringMatching(/which state key/), tool: 'ui.toggle', component: 'b', event: 'click' }]);
  });

  it('does not wait for timers: pending work settles, then timers stop', async () => {
    const bp = blueprint([], { id: 'ticker', lifecycle: { on_mount: on('system.timer.interval', { interval_ms: 50, action: { tool: 'ui.append', args: { key: 't', value: '.' } } }) } });
    const rt = testRuntime({ headless: true });
    const r = await runHeadless(rt, bp, '', 'e');
    expect(r.app).toBe('ticker');
    expect(rt.getSnapshot().apps).toEqual({});
  });

  it('a bad line stops the run with file:line and a reason', async () => {
    const bad = async (events: string) => {
      try {
        await runHeadless(testRuntime({ headless: true }), fixture('readme-calculator.bp'), events, 'ev.jsonl');
      } catch (e) {
        expect(e).toBeInstanceOf(EventLineError);
        return (e as Error).message;
      }
      throw new Error('expected a bad line');
    };
    expect(await bad(lines(click('btn-7'), click('btn-8')))).toBe('ev.jsonl:2: app "calculator" has no component "btn-8" (did you mean "btn-7"?)');
    expect(await bad('{"component": "btn-7",')).toMatch(/^ev\.jsonl:1: bad JSON: /);
    expect(await bad('\n\n[1,2]')).toMatch(/^ev\.jsonl:3: an event is a JSON object/);
    expect(await bad('{"event":"click"}')).toMatch(/^ev\.jsonl:1: missing "component"/);
    expect(await bad('{"component":"btn-7","evnt":"click"}')).toMatch(/unknown field "evnt"/);
    expect(await bad('{"key":"Hyper-x"}')).toMatch(/^ev\.jsonl:1: unknown modifier/);
  });

  it('parses event lines', () => {
    expect(parseEventLine('{"component":"display","event":"change","value":"12"}', 'f', 1)).toEqual({ kind: 'event', event: { component: 'display', event: 'change', value: '12' } });
    expect(parseEventLine('{"key":"Enter"}', 'f', 1)).toEqual({ kind: 'key', key: 'Enter' });
  });
});

describe('the apps folder catalog', () => {
  function appsDir() {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'utilities'));
    mkdirSync(path.join(dir, 'productivity'));
    writeFileSync(path.join(dir, 'utilities', 'calculator.bp'), readFileSync(path.join(FIXTURES, 'calculator.bp')));
    writeFileSync(path.join(dir, 'productivity', 'my-notes.bp'), JSON.stringify({ app: { id: 'notes', name: 'Notes', category: 'productivity' }, services: [], ui: { title: 'Notes', components: [] } }));
    writeFileSync(path.join(dir, 'productivity', 'broken.bp'), '{"app": {"id": "broken", "name": "B"}, "ui": {"components": [{"type": "buton"}]}}');
    writeFileSync(path.join(dir, 'readme.txt'), 'not an app');
    return dir;
  }

  it('lists apps in category folders (leaving out broken ones) and loads by file name or app id', async () => {
    const kernel = testKernel({ appsDir: appsDir() });
    testRuntime({ kernel });
    const cat = folderCatalog(kernel, kernel.userPid);
    expect((await cat.list()).map((e) => [e.id, e.category, e.source])).toEqual([
      ['notes', 'productivity', '/apps/productivity/my-notes.bp'],
      ['calculator', 'utilities', '/apps/utilities/calculator.bp'],
    ]);
    expect((await cat.load('calculator')).app.name).toBe('Calculator');
    expect((await cat.load('notes')).app.id).toBe('notes');
    await expect(cat.load('calc')).rejects.toThrow(/no app "calc" in \/apps \(did you mean "calculator"\?\)/);
    const err = await cat.load('broken').catch((e) => e);
    expect(err).toBeInstanceOf(BlueprintError);
    expect(err.message).toMatch(/^\/apps\/productivity\/broken\.bp:1:\d+ .*did you mean "button"/);
  });

  it('a missing apps folder is an empty catalog', async () => {
    const kernel = testKernel();
    const cat = folderCatalog(kernel, kernel.userPid);
    expect(await cat.list()).toEqual([]);
    await expect(cat.load('x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
