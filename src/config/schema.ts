import { z } from 'zod';

/**
 * Every setting: its key, schema, default and one line. `agentos config list`, validation
 * of `config set` and the settings app all read this table.
 */
export const SETTINGS = {
  provider: { schema: z.enum(['auto', 'template', 'gemini', 'openai']), default: 'auto', doc: 'which generator makes apps (auto: gemini with a key, openai with a base URL, else template)' },
  model: { schema: z.string().min(1), default: '', doc: 'the model name for the chosen provider (empty: the provider default)' },
  'gemini.apiKey': { schema: z.string(), default: '', doc: 'Gemini API key (GOOGLE_API_KEY overrides)', secret: true },
  'gemini.baseUrl': { schema: z.string().url(), default: '', doc: 'Gemini endpoint (AGENTOS_GEMINI_BASE_URL overrides)' },
  'openai.baseUrl': { schema: z.string().url(), default: '', doc: 'an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (AGENTOS_OPENAI_BASE_URL overrides)' },
  'openai.apiKey': { schema: z.string(), default: '', doc: 'API key for the OpenAI-compatible endpoint (AGENTOS_OPENAI_API_KEY overrides)', secret: true },
  theme: { schema: z.enum(['dark', 'light', 'mono']), default: 'dark', doc: 'colors of the desktop' },
  'keymap.prefix': { schema: z.string().min(1), default: 'C-a', doc: 'the window-command prefix key of the terminal desktop' },
  'keymap.bindings': { schema: z.string(), default: '', doc: 'key overrides of the terminal desktop: "action=key key; action=key" (actions in docs/KEYS.md)' },
  'sandbox.userProfile': { schema: z.enum(['MINIMAL', 'STANDARD', 'PRIVILEGED']), default: 'PRIVILEGED', doc: 'grants of your own commands (agentos syscall)' },
  'mcp.profile': { schema: z.enum(['MINIMAL', 'STANDARD', 'PRIVILEGED']), default: 'STANDARD', doc: 'grants of syscalls made by MCP clients (never more than yours)' },
  'web.rateLimit': { schema: z.coerce.number().int().min(1), default: 50, doc: 'requests per second each web client may make' },
  'web.port': { schema: z.coerce.number().int().min(0).max(65535), default: 7777, doc: 'port of agentos serve and shell --web' },
  'session.autosaveSeconds': { schema: z.coerce.number().int().min(0), default: 30, doc: 'how often the desktop saves the session (0: only on exit)' },
} as const satisfies Record<string, { schema: z.ZodType; default: unknown; doc: string; secret?: boolean }>;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export const isSettingKey = (k: string): k is SettingKey => Object.hasOwn(SETTINGS, k);
