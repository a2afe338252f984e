import { GenError, PROVIDERS, type ProviderName } from './events.js';
import type { ModelProvider } from './providers/types.js';

/** The settings `agentos config` stores that concern generation (see src/config/schema.ts). */
export interface AiSettings {
  provider?: string;
  model?: string;
  'gemini.apiKey'?: string;
  'gemini.baseUrl'?: string;
  'openai.baseUrl'?: string;
  'openai.apiKey'?: string;
}

export interface ProviderChoice {
  provider: ProviderName;
  model: string;
  /** Why this provider: "GOOGLE_API_KEY is set", "--provider", "config provider"... */
  why: string;
  gemini: { apiKey: string; baseUrl?: string };
  openai: { baseUrl: string; apiKey?: string };
}

export const DEFAULT_MODELS: Record<ProviderName, string> = {
  template: 'template',
  gemini: 'gemini-2.5-flash',
  openai: 'gpt-4o-mini',
};

/**
 * Which generator, which model, which endpoint: flags first, then the environment, then
 * `agentos config`. With nothing set it is the offline template generator, which needs no
 * key and no network.
 */
export function chooseProvider(flags: { provider?: string; model?: string }, env: NodeJS.ProcessEnv, settings: AiSettings): ProviderChoice {
  const gemini = { apiKey: env.GOOGLE_API_KEY || env.GEMINI_API_KEY || settings['gemini.apiKey'] || '', baseUrl: env.AGENTOS_GEMINI_BASE_URL || settings['gemini.baseUrl'] || undefined };
  const openai = { baseUrl: env.AGENTOS_OPENAI_BASE_URL || settings['openai.baseUrl'] || '', apiKey: env.AGENTOS_OPENAI_API_KEY || settings['openai.apiKey'] || undefined };
  const configured = settings.provider && settings.provider !== 'auto' ? settings.provider : undefined;
  let provider: string;
  let why: string;
  if (flags.provider) [provider, why] = [flags.provider, '--provider'];
  else if (env.AGENTOS_PROVIDER) [provider, why] = [env.AGENTOS_PROVIDER, 'AGENTOS_PROVIDER'];
  else if (configured) [provider, why] = [configured, '`agentos config` provider'];
  else if (gemini.apiKey) [provider, why] = ['gemini', env.GOOGLE_API_KEY ? 'GOOGLE_API_KEY is set' : 'a Gemini key is configured'];
  else if (openai.baseUrl) [provider, why] = ['openai', env.AGENTOS_OPENAI_BASE_URL ? 'AGENTOS_OPENAI_BASE_URL is set' : 'an OpenAI-compatible URL is configured'];
  else [provider, why] = ['template', 'no model is configured (set GOOGLE_API_KEY or AGENTOS_OPENAI_BASE_URL for one)'];
  if (!(PROVIDERS as readonly string[]).includes(provider)) throw new GenError('config', `unknown provider "${provider}" (${why}); use one of ${PROVIDERS.join(', ')}`);
  const p = provider as ProviderName;
  const model = flags.model || env.AGENTOS_MODEL || (configured === p || !configured ? settings.model : '') || DEFAULT_MODELS[p];
  return { provider: p, model: p === 'template' ? 'template' : model, why, gemini, openai };
}

/** The client for a model provider, or a clear error saying what to set. Loaded on demand: the offline path never loads an SDK. */
export async function providerFor(choice: ProviderChoice): Promise<ModelProvider> {
  if (choice.provider === 'gemini') {
    if (!choice.gemini.apiKey) throw new GenError('config', 'the gemini provider needs a key: set GOOGLE_API_KEY or `agentos config set gemini.apiKey KEY`');
    return (await import('./providers/gemini.js')).geminiProvider(choice.gemini);
  }
  if (choice.provider === 'openai') {
    if (!choice.openai.baseUrl) throw new GenError('config', 'the openai provider needs a server: set AGENTOS_OPENAI_BASE_URL (e.g. http://localhost:11434/v1) or `agentos config set openai.baseUrl URL`');
    return (await import('./providers/openai.js')).openaiProvider(choice.openai);
  }
  throw new GenError('config', `"${choice.provider}" is not a model provider`);
}
