import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentos } from '../helpers/cli.js';
import { tempDir } from '../helpers/kernel.js';

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

  it('without --headless says the terminal view is not there yet and exits 2', () => {
    const dir = tempDir();
    const r = agentos(['run', README_CALC], { AGENTOS_HOME: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/terminal view .* not available yet/);
    expect(agentos(['run', README_CALC, '--events', 'x'], { AGENTOS_HOME: dir }).code).toBe(2);
    const missingEvents = agentos(['run', README_CALC, '--headless', '--events', path.join(dir, 'none.jsonl')], { AGENTOS_HOME: dir });
    expect(missingEvents.code).toBe(2);
    expect(missingEvents.stderr).toMatch(/cannot read the events file/);
  });
});
