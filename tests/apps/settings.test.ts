import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/config.js';
import { tempDir } from '../helpers/kernel.js';
import { appDesk, click, stateOf, type, errorsOf } from './setup.js';

let saved: string | undefined;
let dir: string;
beforeEach(() => {
  saved = process.env.AGENTOS_CONFIG_DIR;
  dir = tempDir();
  process.env.AGENTOS_CONFIG_DIR = dir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.AGENTOS_CONFIG_DIR;
  else process.env.AGENTOS_CONFIG_DIR = saved;
});

describe('settings', () => {
  it('shows and saves provider, model, theme and keymap through the config store', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('settings');
    expect(stateOf(rt, id)).toMatchObject({ provider: 'auto', theme: 'dark', 'keymap-prefix': 'C-a', 'session-autosaveSeconds': 30 });
    await type(rt, id, 'provider', 'template');
    await type(rt, id, 'model', 'llama3.2');
    await type(rt, id, 'theme', 'light');
    await type(rt, id, 'keymap-prefix', 'C-b');
    await type(rt, id, 'session-autosaveSeconds', '10');
    await click(rt, id, 'save');
    expect(errorsOf(rt, id)).toEqual([]);
    const s = readSettings(dir);
    expect(s).toMatchObject({ provider: 'template', model: 'llama3.2', theme: 'light', 'keymap.prefix': 'C-b', 'session.autosaveSeconds': 10 });

    // Invalid input saves nothing and says why.
    await type(rt, id, 'theme', 'neon');
    await type(rt, id, 'model', 'other');
    await click(rt, id, 'save');
    expect(String(stateOf(rt, id).status)).toMatch(/Not saved: theme/);
    expect(readSettings(dir).model).toBe('llama3.2');

    await click(rt, id, 'revert');
    expect(stateOf(rt, id).theme).toBe('light');
    await click(rt, id, 'defaults');
    expect(readSettings(dir)).toMatchObject({ provider: 'auto', theme: 'dark', model: '' });
  });

  it('saves and names only what the user changed (empty fields at their default are no change)', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('settings');
    await type(rt, id, 'provider', 'template');
    await click(rt, id, 'save');
    expect(stateOf(rt, id).status).toBe('Saved provider');
    await click(rt, id, 'save');
    expect(stateOf(rt, id).status).toBe('Nothing changed');
    // Emptying a field that holds a value puts it back to its default, and says so.
    await type(rt, id, 'model', 'llama3.2');
    await click(rt, id, 'save');
    await type(rt, id, 'model', '');
    await click(rt, id, 'save');
    expect(stateOf(rt, id).status).toBe('Saved model');
    expect(readSettings(dir).model).toBe('');
  });

  it('never lets an app read or change keys, endpoints or sandbox profiles', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('settings');
    for (const setting of ['gemini.apiKey', 'openai.baseUrl', 'sandbox.userProfile']) {
      await expect(rt.runTool(id, 'settings.set', { setting, value: 'x' })).rejects.toThrow(/agentos config set/);
      await expect(rt.runTool(id, 'settings.get', { setting })).rejects.toThrow(/EPERM|agentos config set/);
    }
  });
});
