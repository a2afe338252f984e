import { describe, expect, it } from 'vitest';
import { CACHE_DIR, GenCache, cacheKey, kernelDisk } from '../../src/ai/cache.js';
import type { GenEvent } from '../../src/ai/events.js';
import { generate } from '../../src/ai/generate.js';
import { chooseProvider } from '../../src/ai/settings.js';
import { templateApp } from '../../src/ai/templates/index.js';
import { testKernel } from '../helpers/kernel.js';
import { fakeOpenAI } from './fake-servers.js';

const VALID = JSON.stringify(templateApp('a dice roller').blueprint);

async function collect(it: AsyncIterable<GenEvent>) {
  const out: GenEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}
const complete = (events: GenEvent[]) => events.find((e): e is Extract<GenEvent, { type: 'complete' }> => e.type === 'complete')!;

describe('the generation cache', () => {
  it('is keyed on prompt, provider, model and version (not on spacing or case)', () => {
    const base = { prompt: 'A dice  roller', provider: 'openai', model: 'm', version: 2 };
    expect(cacheKey(base)).toBe(cacheKey({ ...base, prompt: 'a dice roller ' }));
    for (const other of [{ prompt: 'a coin' }, { provider: 'gemini' }, { model: 'n' }, { version: 3 }]) expect(cacheKey({ ...base, ...other })).not.toBe(cacheKey(base));
  });

  it('answers a repeated prompt from memory, and from /home in a later process', async () => {
    const server = await fakeOpenAI([{ answer: VALID }]);
    const kernel = testKernel();
    const disk = kernelDisk((name, args) => kernel.syscall(kernel.userPid, name, args));
    const choice = chooseProvider({ provider: 'openai', model: 'm' }, { AGENTOS_OPENAI_BASE_URL: `${server.url}/v1` }, {});
    const first = await collect(generate('a dice roller', { choice, cache: new GenCache(), disk }));
    expect(complete(first).cached).toBe(false);
    const files = await kernel.syscall<{ name: string }[]>(kernel.userPid, 'fs.list', { path: CACHE_DIR });
    expect(files).toHaveLength(1);
    // A new cache (as in the next command) finds it on disk; the server is not asked again.
    const again = await collect(generate('a dice roller', { choice, cache: new GenCache(), disk }));
    expect(complete(again)).toMatchObject({ cached: true, provider: 'openai' });
    expect(again.filter((e) => e.type === 'component').length).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
    // --no-cache asks again.
    await collect(generate('a dice roller', { choice, cache: false, disk }));
    expect(server.requests).toHaveLength(2);
  });

  it('ignores a cache file that is no longer a valid app', async () => {
    const kernel = testKernel();
    const disk = kernelDisk((name, args) => kernel.syscall(kernel.userPid, name, args));
    const key = cacheKey({ prompt: 'p', provider: 'openai', model: 'm', version: 1 });
    await disk.write(`${key}.json`, JSON.stringify({ blueprint: { app: {} }, provider: 'openai', model: 'm' }));
    expect(await new GenCache().get(key, disk)).toBeUndefined();
    await disk.write(`${key}.json`, '{not json');
    expect(await new GenCache().get(key, disk)).toBeUndefined();
  });

  it('serves a template app from memory the second time', async () => {
    const cache = new GenCache();
    const choice = chooseProvider({ provider: 'template' }, {}, {});
    expect(complete(await collect(generate('a stopwatch', { choice, cache }))).cached).toBe(false);
    expect(complete(await collect(generate('a stopwatch', { choice, cache }))).cached).toBe(true);
  });
});
