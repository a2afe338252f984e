import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GenCache } from '../../src/ai/cache.js';
import type { GenEvent } from '../../src/ai/events.js';
import { generate } from '../../src/ai/generate.js';
import { chooseProvider, type ProviderChoice } from '../../src/ai/settings.js';
import { templateApp } from '../../src/ai/templates/index.js';
import { fakeGemini, fakeOpenAI, type FakeServer, type Step } from './fake-servers.js';

/** One contract, run against both wire formats through the real SDK and client. */
const valid = templateApp('a counter for push-ups').blueprint;
const VALID = JSON.stringify(valid, null, 1);
const SCHEMA_ERROR = VALID.replace('"type": "text"', '"type": "buton"');
const BROKEN_JSON = VALID.replace('"components": [', '"components": [,');

const providers: { name: string; start: (s: Step[]) => Promise<FakeServer>; choice: (url: string) => ProviderChoice; rateLimited: Step }[] = [
  {
    name: 'gemini',
    start: fakeGemini,
    choice: (url) => chooseProvider({ provider: 'gemini', model: 'gemini-test' }, { GOOGLE_API_KEY: 'test-key', AGENTOS_GEMINI_BASE_URL: url }, {}),
    rateLimited: { status: 429, body: { error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0s' }] } } },
  },
  {
    name: 'openai',
    start: fakeOpenAI,
    choice: (url) => chooseProvider({ provider: 'openai', model: 'test-model' }, { AGENTOS_OPENAI_BASE_URL: `${url}/v1`, AGENTOS_OPENAI_API_KEY: 'sk-test' }, {}),
    rateLimited: { status: 429, body: { error: { message: 'Rate limit reached', type: 'requests' } }, headers: { 'retry-after': '0' } },
  },
];

const FAST = { retries: 2, baseMs: 1, maxWaitMs: 200 };

async function run(choice: ProviderChoice, cache = new GenCache()) {
  const events: GenEvent[] = [];
  for await (const ev of generate('a counter for push-ups', { choice, cache, retry: FAST })) events.push(ev);
  return events;
}

const last = (events: GenEvent[]) => events.at(-1)!;
const completed = (events: GenEvent[]) => {
  const ev = last(events);
  if (ev.type !== 'complete') throw new Error(`expected complete, got ${JSON.stringify(ev)}`);
  return ev;
};

let unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  // A rejection nobody handled surfaces on a later tick: give it one.
  await new Promise((r) => setTimeout(r, 20));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe.each(providers)('$name provider', (p) => {
  it('streams a valid app: each component arrives before the app is complete', async () => {
    const server = await p.start([{ answer: VALID, pieces: 12 }]);
    const events = await run(p.choice(server.url));
    const done = completed(events);
    expect(done.blueprint.app.id).toBe(valid.app.id);
    expect(done.cached).toBe(false);
    const components = events.filter((e) => e.type === 'component');
    expect(components.map((c) => c.component.id)).toEqual(valid.ui.components.map((c) => c.id));
    expect(events.findIndex((e) => e.type === 'component')).toBeLessThan(events.findLastIndex((e) => e.type === 'token'));
    expect(server.requests).toHaveLength(1);
  });

  it('asks for JSON that follows the Blueprint schema', async () => {
    const server = await p.start([{ answer: VALID }]);
    await run(p.choice(server.url));
    const req = server.requests[0]!;
    if (p.name === 'gemini') {
      expect(req.path).toBe('/v1beta/models/gemini-test:streamGenerateContent?alt=sse');
      expect(req.headers['x-goog-api-key']).toBe('test-key');
      expect(req.body.generationConfig.responseMimeType).toBe('application/json');
      const schema = JSON.stringify(req.body.generationConfig.responseSchema);
      expect(schema).not.toMatch(/\$ref|anyOf|additionalProperties|\$defs/);
      expect(req.body.systemInstruction.parts[0].text).toContain('ui.append');
    } else {
      expect(req.headers.authorization).toBe('Bearer sk-test');
      expect(req.body.stream).toBe(true);
      expect(req.body.model).toBe('test-model');
      expect(req.body.response_format.type).toBe('json_schema');
      expect(req.body.messages[0].role).toBe('system');
    }
  });

  it('fixes broken JSON with one repair round that sends the error back', async () => {
    const server = await p.start([{ answer: BROKEN_JSON }, { answer: VALID }]);
    const events = await run(p.choice(server.url));
    expect(completed(events).blueprint.app.id).toBe(valid.app.id);
    expect(server.requests).toHaveLength(2);
    expect(JSON.stringify(server.requests[1]!.body)).toMatch(/JSON syntax at line \d+, column \d+/);
    expect(events.some((e) => e.type === 'thought' && /asking the model to fix/.test(e.text))).toBe(true);
  });

  it('fixes a schema error with one repair round', async () => {
    const server = await p.start([{ answer: SCHEMA_ERROR }, { answer: VALID }]);
    const events = await run(p.choice(server.url));
    expect(completed(events).blueprint.app.id).toBe(valid.app.id);
    expect(JSON.stringify(server.requests[1]!.body)).toContain('buton');
  });

  it('a second failure is a clear error, and nothing is cached', async () => {
    const server = await p.start([{ answer: SCHEMA_ERROR }, { answer: BROKEN_JSON }]);
    const cache = new GenCache();
    const events = await run(p.choice(server.url), cache);
    const ev = last(events);
    expect(ev).toMatchObject({ type: 'error', code: 'invalid_output' });
    expect((ev as { message: string }).message).toMatch(/still not a valid app after a repair round.*Nothing was saved/);
    expect(events.some((e) => e.type === 'complete')).toBe(false);
    await run(p.choice(server.url), cache);
    expect(server.requests.length).toBeGreaterThan(2);
  });

  it('waits out a 429 and succeeds', async () => {
    const server = await p.start([p.rateLimited, { answer: VALID }]);
    const events = await run(p.choice(server.url));
    expect(completed(events).blueprint.app.id).toBe(valid.app.id);
    expect(events.some((e) => e.type === 'thought' && /rate limited.*retrying/.test(e.text))).toBe(true);
  });

  it('retries a 5xx, a bounded number of times', async () => {
    const server = await p.start([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
    const ev = last(await run(p.choice(server.url)));
    expect(ev).toMatchObject({ type: 'error', code: 'provider' });
    expect((ev as { message: string }).message).toMatch(/gave up after 3 tries/);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a dropped stream', async () => {
    const server = await p.start([{ drop: VALID }, { answer: VALID }]);
    const events = await run(p.choice(server.url));
    expect(completed(events).blueprint.app.id).toBe(valid.app.id);
    expect(server.requests).toHaveLength(2);
  });

  it('a stream that keeps dropping ends in one error event and no unhandled rejection', async () => {
    const server = await p.start([{ drop: VALID }]);
    const events = await run(p.choice(server.url));
    expect(last(events)).toMatchObject({ type: 'error', code: 'provider' });
    expect(events.filter((e) => e.type === 'error')).toHaveLength(1);
  });

  it('a refused key is not retried and says what to set', async () => {
    const server = await p.start([{ status: 401, body: { error: { code: 401, message: 'API key not valid', status: 'UNAUTHENTICATED' } } }]);
    const ev = last(await run(p.choice(server.url)));
    expect(ev).toMatchObject({ type: 'error' });
    expect((ev as { message: string }).message).toMatch(/API key/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('openai-compatible servers without json_schema', () => {
  it('fall back to json_object and remember it', async () => {
    const server = await fakeOpenAI([{ answer: VALID }], { rejectJsonSchema: true });
    const choice = providers[1]!.choice(server.url);
    completed(await run(choice));
    expect(server.requests.map((r) => r.body.response_format?.type)).toEqual(['json_schema', 'json_object']);
    completed(await run(choice, new GenCache()));
    expect(server.requests.at(-1)!.body.response_format.type).toBe('json_object');
  });
});

describe('model text', () => {
  it('loses its escape sequences before it reaches an app', async () => {
    const evil = VALID.replace(`"name": "${valid.app.name}"`, `"name": "${valid.app.name}\\u001b]0;pwned\\u0007\\u001b[2J"`);
    expect(evil).not.toBe(VALID);
    const server = await fakeOpenAI([{ answer: evil }]);
    const done = completed(await run(providers[1]!.choice(server.url)));
    expect(done.blueprint.app.name).toBe(valid.app.name);
  });
});
