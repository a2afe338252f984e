import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateApp } from '../../src/ai/templates/index.js';
import { fakeGemini, fakeOpenAI } from '../ai/fake-servers.js';
import { BIN, agentos } from '../helpers/cli.js';
import { tempDir } from '../helpers/kernel.js';

/** The CLI without blocking this process (the fake model server lives here). */
function agentosAsync(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

const TIP = 'a tip calculator with 15, 18 and 20 percent buttons';

const buttonTexts = (bp: any): string[] => {
  const out: string[] = [];
  const walk = (cs: any[]) => cs.forEach((c) => (c.type === 'button' && out.push(String(c.props.text)), c.children && walk(c.children)));
  walk(bp.ui.components);
  return out;
};

describe('agentos gen', () => {
  it('prints a valid Blueprint on stdout and its progress on stderr', () => {
    const home = tempDir();
    const r = agentos(['gen', TIP], { AGENTOS_HOME: home });
    expect(r.code).toBe(0);
    const bp = JSON.parse(r.stdout);
    expect(bp.app.id).toBe('tip-calculator');
    const texts = buttonTexts(bp).join(' ');
    for (const n of ['15', '18', '20']) expect(texts).toContain(n);
    expect(r.stderr).toMatch(/chose "tip-calculator"/);
    expect(r.stderr).not.toMatch(/\x1b/);
  });

  it('--save keeps the app under /home/apps, where it runs headless', () => {
    const home = tempDir();
    const r = agentos(['gen', TIP, '--save'], { AGENTOS_HOME: home });
    expect(r.code).toBe(0);
    const file = path.join(home, 'apps', 'generated', 'tip-calculator.bp');
    expect(existsSync(file)).toBe(true);
    expect(r.stderr).toContain('/home/apps/generated/tip-calculator.bp');
    const events = path.join(home, 'events.jsonl');
    writeFileSync(events, [{ component: 'bill', event: 'change', value: '50' }, { component: 'tip-18', event: 'click' }].map((e) => JSON.stringify(e)).join('\n'));
    const run = agentos(['run', file, '--headless', '--events', events], { AGENTOS_HOME: home });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ app: 'tip-calculator', state: { tip: 9, total: 59 }, errors: [] });
  });

  it('--out writes the file instead, --events prints JSON lines', () => {
    const home = tempDir();
    const out = path.join(home, 'timer.bp');
    const r = agentos(['gen', 'a timer for 25 minutes', '--out', out], { AGENTOS_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).app.id).toBe('timer');
    const ev = agentos(['gen', 'a stopwatch', '--events'], { AGENTOS_HOME: home });
    const lines = ev.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].type).toBe('thought');
    expect(lines.some((l) => l.type === 'component')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: 'complete', provider: 'template', blueprint: { app: { id: 'stopwatch' } } });
  });

  it('refuses an unknown provider, and a model provider without its settings, with exit 2', () => {
    const home = tempDir();
    const bad = agentos(['gen', 'x', '--provider', 'claude'], { AGENTOS_HOME: home });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/unknown provider "claude"/)]);
    const noKey = agentos(['gen', 'x', '--provider', 'gemini'], { AGENTOS_HOME: home });
    expect([noKey.code, noKey.stderr]).toEqual([2, expect.stringMatching(/GOOGLE_API_KEY/)]);
  });

  it('streams, validates and saves through an OpenAI-compatible server', async () => {
    const home = tempDir();
    const app = templateApp(TIP).blueprint;
    const server = await fakeOpenAI([{ answer: JSON.stringify(app, null, 2).replace('"components": [', '"components": [,'), pieces: 20 }, { answer: JSON.stringify(app), pieces: 20 }]);
    const env = { AGENTOS_HOME: home, AGENTOS_OPENAI_BASE_URL: `${server.url}/v1` };
    const r = await agentosAsync(['gen', TIP, '--save', '--model', 'fake-model'], env);
    expect(r.stderr).toMatch(/asking openai \(fake-model\)/);
    expect(r.stderr).toMatch(/asking the model to fix/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).app.id).toBe('tip-calculator');
    expect(existsSync(path.join(home, 'apps', 'generated', 'tip-calculator.bp'))).toBe(true);
    expect(server.requests).toHaveLength(2);
    // The second time comes from the cache under /home: the server is not asked.
    const again = await agentosAsync(['gen', TIP, '--model', 'fake-model'], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/from the cache/);
    expect(server.requests).toHaveLength(2);
  });

  it('streams, validates and saves through Gemini (the SDK against a fake endpoint)', async () => {
    const home = tempDir();
    const server = await fakeGemini([{ answer: JSON.stringify(templateApp('a dice roller').blueprint), pieces: 10 }]);
    const r = await agentosAsync(['gen', 'a dice roller', '--save'], { AGENTOS_HOME: home, GOOGLE_API_KEY: 'test-key', AGENTOS_GEMINI_BASE_URL: server.url });
    expect(r.stderr).toMatch(/asking gemini \(gemini-2.5-flash\)/);
    expect(r.code).toBe(0);
    expect(server.requests[0]!.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(existsSync(path.join(home, 'apps', 'generated', 'dice-roller.bp'))).toBe(true);
  });

  it('saves nothing when the model never gives a valid app', async () => {
    const home = tempDir();
    const server = await fakeOpenAI([{ answer: '{"app": {"id": "x"}}' }]);
    const r = await agentosAsync(['gen', TIP, '--save', '--no-cache'], { AGENTOS_HOME: home, AGENTOS_OPENAI_BASE_URL: `${server.url}/v1` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/still not a valid app after a repair round/);
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(home, 'apps'))).toBe(false);
  });
});

describe('agentos chat', () => {
  it('answers on stdout, thinks on stderr, and acts', () => {
    const home = tempDir();
    const r = agentos(['chat', 'make me a countdown of 3 minutes'], { AGENTOS_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Made "Countdown"/);
    expect(r.stderr).toMatch(/understood: generate/);
    expect(existsSync(path.join(home, 'apps', 'generated', 'countdown.bp'))).toBe(true);
    const list = agentos(['chat', 'list my apps', '--json'], { AGENTOS_HOME: home });
    expect(JSON.parse(list.stdout)).toMatchObject({ answer: expect.stringContaining('countdown'), actions: [{ name: 'list_apps', ok: true }] });
    const explain = agentos(['chat', 'what does agentos gen do?'], { AGENTOS_HOME: home });
    expect(explain.stdout).toMatch(/agentos gen <prompt>: make an app from a sentence/);
  });
});
