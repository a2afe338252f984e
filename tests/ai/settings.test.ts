import { describe, expect, it } from 'vitest';
import { GenError } from '../../src/ai/events.js';
import { chooseProvider, providerFor } from '../../src/ai/settings.js';

describe('choosing the provider', () => {
  it('is template with nothing configured, and says so', () => {
    expect(chooseProvider({}, {}, {})).toMatchObject({ provider: 'template', model: 'template', why: expect.stringMatching(/no model is configured/) });
  });

  it('is gemini with GOOGLE_API_KEY, openai with AGENTOS_OPENAI_BASE_URL', () => {
    expect(chooseProvider({}, { GOOGLE_API_KEY: 'k' }, {})).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash', gemini: { apiKey: 'k' } });
    expect(chooseProvider({}, { AGENTOS_OPENAI_BASE_URL: 'http://h/v1', AGENTOS_OPENAI_API_KEY: 's' }, {})).toMatchObject({ provider: 'openai', openai: { baseUrl: 'http://h/v1', apiKey: 's' } });
  });

  it('lets flags beat the environment, and the environment beat config', () => {
    const env = { GOOGLE_API_KEY: 'k', AGENTOS_GEMINI_BASE_URL: 'http://env' };
    const settings = { provider: 'openai', model: 'llama3.2', 'openai.baseUrl': 'http://cfg/v1', 'gemini.baseUrl': 'http://cfg-gemini' };
    expect(chooseProvider({}, env, settings)).toMatchObject({ provider: 'openai', model: 'llama3.2', openai: { baseUrl: 'http://cfg/v1' } });
    expect(chooseProvider({ provider: 'gemini', model: 'm' }, env, settings)).toMatchObject({ provider: 'gemini', model: 'm', gemini: { baseUrl: 'http://env' } });
    expect(chooseProvider({ provider: 'template' }, env, settings).provider).toBe('template');
  });

  it('refuses unknown providers and missing keys with what to set', async () => {
    expect(() => chooseProvider({ provider: 'claude' }, {}, {})).toThrow(/unknown provider "claude".*template, gemini, openai/);
    await expect(providerFor(chooseProvider({ provider: 'gemini' }, {}, {}))).rejects.toThrow(GenError);
    await expect(providerFor(chooseProvider({ provider: 'openai' }, {}, {}))).rejects.toThrow(/AGENTOS_OPENAI_BASE_URL/);
  });
});
