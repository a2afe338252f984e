/**
 * The AI layer's public face: sentence -> Blueprint (`generate`), the offline generator,
 * provider selection, the cache, and the chat agent. Views and commands import from here.
 */
export { generate, generateBlueprint, check, type GenerateOptions } from './generate.js';
export { GenError, PROVIDERS, type GenEvent, type ProviderName } from './events.js';
export { templateApp, rankKinds, KINDS, type TemplateResult } from './templates/index.js';
export { chooseProvider, providerFor, DEFAULT_MODELS, type ProviderChoice, type AiSettings } from './settings.js';
export { GenCache, sharedCache, cacheKey, kernelDisk, CACHE_DIR, type DiskStore } from './cache.js';
export { validate, blueprintJsonSchema, GEN_SCHEMA_VERSION } from './validate.js';
export { ComponentScanner } from './scanner.js';
export { timeGeneration, type GenerationTiming } from './measure.js';
export { chat, type ChatOptions } from './chat/chat.js';
export type { ChatEvent, ChatHost } from './chat/types.js';
