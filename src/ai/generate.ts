import { JsonSyntaxError, parseJson } from '../blueprint/json.js';
import type { Blueprint, Component } from '../blueprint/types.js';
import { stripControls } from '../util/sanitize.js';
import { sharedCache, cacheKey, type CacheEntry, type DiskStore, type GenCache } from './cache.js';
import { GenError, type GenEvent, type ProviderName } from './events.js';
import { repairMessage, systemInstruction, userMessage } from './prompt.js';
import { ProviderError, messageOf, type ModelProvider, type ModelRequest } from './providers/types.js';
import { DEFAULT_RETRY, backoffMs, sleep, type RetryPolicy } from './retry.js';
import { ComponentScanner } from './scanner.js';
import { chooseProvider, providerFor, type ProviderChoice } from './settings.js';
import { TEMPLATES_VERSION, templateApp } from './templates/index.js';
import { loadToolTable } from './tool-table.js';
import { GEN_SCHEMA_VERSION, blueprintJsonSchema, validate } from './validate.js';
import type { ToolDef } from '../runtime/tools/types.js';

export interface GenerateOptions {
  /** Provider, model and endpoints, as `chooseProvider` resolves them (flags, env, config). */
  choice?: ProviderChoice;
  /** Shorthands when no `choice` is given. */
  provider?: ProviderName;
  model?: string;
  /** The cache to use, or false to bypass it (--no-cache). */
  cache?: GenCache | false;
  /** Where cache entries persist between runs (model providers only: templates are instant). */
  disk?: DiskStore;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  /** A ready client instead of the one `choice` names (tests, the chat agent). */
  client?: ModelProvider;
}

/** How many times a model gets to answer: the first try and one repair round. */
const ROUNDS = 2;

/**
 * A sentence -> a Blueprint, as a stream of events: thoughts, tokens as the model writes,
 * each top-level component as soon as its JSON closes, then `complete` or `error`. Never
 * throws: every failure ends the stream with one `error` event a user can act on.
 */
export async function* generate(prompt: string, options: GenerateOptions = {}): AsyncGenerator<GenEvent> {
  try {
    if (!prompt.trim()) throw new GenError('config', 'describe the app to build, e.g. agentos gen "a tip calculator with 15, 18 and 20 percent buttons"');
    const choice = options.choice ?? chooseProvider({ provider: options.provider, model: options.model }, process.env, {});
    const cache = options.cache === false ? undefined : (options.cache ?? sharedCache);
    const version = choice.provider === 'template' ? `${GEN_SCHEMA_VERSION}.t${TEMPLATES_VERSION}` : GEN_SCHEMA_VERSION;
    const key = cacheKey({ prompt, provider: choice.provider, model: choice.model, version });
    const disk = choice.provider === 'template' ? undefined : options.disk;

    const cached = cache && (cache.peek(key) ?? (await cache.get(key, disk)));
    if (cached) {
      yield { type: 'thought', text: `from the cache (${cached.provider}${cached.provider === 'template' ? '' : `, ${cached.model}`})` };
      yield* replay(cached.blueprint);
      yield { type: 'complete', blueprint: cached.blueprint, provider: cached.provider, model: cached.model, cached: true, kind: cached.kind, reason: cached.reason };
      return;
    }

    let entry: CacheEntry;
    if (choice.provider === 'template') {
      const t = templateApp(prompt);
      yield { type: 'thought', text: t.reason };
      yield* replay(t.blueprint);
      entry = { blueprint: t.blueprint, provider: 'template', model: 'template', kind: t.kind, reason: t.reason };
    } else {
      const client = options.client ?? (await providerFor(choice));
      yield { type: 'thought', text: `asking ${choice.provider} (${choice.model}) — ${choice.why}` };
      const blueprint = yield* fromModel(prompt, client, choice.model, { ...DEFAULT_RETRY, ...options.retry }, options.signal);
      entry = { blueprint, provider: choice.provider, model: choice.model };
    }
    await cache?.set(key, entry, disk);
    yield { type: 'complete', blueprint: entry.blueprint, provider: entry.provider, model: entry.model, cached: false, kind: entry.kind, reason: entry.reason };
  } catch (e) {
    yield errorEvent(e, options.signal);
  }
}

/** The result alone: resolves with the `complete` event, rejects with a GenError. */
export async function generateBlueprint(prompt: string, options: GenerateOptions = {}): Promise<Extract<GenEvent, { type: 'complete' }>> {
  for await (const ev of generate(prompt, options)) {
    if (ev.type === 'complete') return ev;
    if (ev.type === 'error') throw new GenError(ev.code, ev.message);
  }
  throw new GenError('provider', 'generation ended without a result');
}

function* replay(bp: Blueprint): Generator<GenEvent> {
  for (const [index, component] of bp.ui.components.entries()) yield { type: 'component', component, index, round: 1 };
}

/** Ask the model, stream what it writes, validate, and give it one chance to repair. */
async function* fromModel(prompt: string, client: ModelProvider, model: string, retry: RetryPolicy, signal?: AbortSignal): AsyncGenerator<GenEvent, Blueprint> {
  const tools = await loadToolTable();
  const req: ModelRequest = { model, system: systemInstruction(tools), messages: [{ role: 'user', text: userMessage(prompt) }], schema: blueprintJsonSchema(), signal };
  let errors: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const text = yield* streamWithRetry(client, req, round, retry, signal);
    const checked = check(text, tools);
    if (checked.ok) return checked.blueprint;
    errors = checked.errors;
    if (round < ROUNDS) {
      yield { type: 'thought', text: `the answer had ${errors.length} problem${errors.length === 1 ? '' : 's'} (${errors[0]}); asking the model to fix ${errors.length === 1 ? 'it' : 'them'}` };
      req.messages = [...req.messages, { role: 'assistant', text: text.slice(0, 200_000) }, { role: 'user', text: repairMessage(errors) }];
    }
  }
  throw new GenError('invalid_output', `the model's answer is still not a valid app after a repair round: ${errors.slice(0, 3).join('; ')}${errors.length > 3 ? ` (+${errors.length - 3} more)` : ''}. Nothing was saved; try again, rephrase, or use --provider template`);
}

/** One answer, with tokens and components as they arrive; 429/5xx/drops are retried within the policy. */
async function* streamWithRetry(client: ModelProvider, req: ModelRequest, round: number, retry: RetryPolicy, signal?: AbortSignal): AsyncGenerator<GenEvent, string> {
  for (let attempt = 0; ; attempt++) {
    const scanner = new ComponentScanner();
    let text = '';
    let index = 0;
    try {
      for await (const chunk of client.stream(req)) {
        text += chunk;
        yield { type: 'token', text: chunk, round };
        for (const c of scanner.push(chunk)) if (looksLikeComponent(c)) yield { type: 'component', component: c, index: index++, round };
      }
      return text;
    } catch (e) {
      if (!(e instanceof ProviderError) || !e.retriable || signal?.aborted) throw e;
      const wait = attempt < retry.retries ? backoffMs(retry, attempt, e.opts.retryAfterMs) : undefined;
      if (wait === undefined) {
        const later = e.opts.retryAfterMs !== undefined && e.opts.retryAfterMs > retry.maxWaitMs ? `; the server asks to wait ${Math.ceil(e.opts.retryAfterMs / 1000)} s` : '';
        throw new GenError(e.opts.rateLimited ? 'rate_limited' : 'provider', `${e.message} (gave up after ${attempt + 1} tr${attempt ? 'ies' : 'y'}${later})`);
      }
      yield { type: 'thought', text: `${e.message}; retrying in ${(wait / 1000).toFixed(1)} s` };
      await sleep(wait, signal);
    }
  }
}

const looksLikeComponent = (c: unknown): c is Component => !!c && typeof c === 'object' && typeof (c as Component).type === 'string';

type Checked = { ok: true; blueprint: Blueprint } | { ok: false; errors: string[] };

/** Model text -> a valid Blueprint or the errors to send back. Fences and chatter around the JSON are tolerated. */
export function check(text: string, tools?: readonly ToolDef[]): Checked {
  const json = extractJson(text);
  if (json === undefined) return { ok: false, errors: ['the answer has no JSON object; reply with the JSON only'] };
  let value: unknown;
  try {
    value = parseJson(json).value;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, errors: [`JSON syntax at line ${e.pos.line}, column ${e.pos.col}${e.path.length ? ` (in ${e.path.join('.')})` : ''}: ${e.message}`] };
    return { ok: false, errors: [`the JSON could not be read: ${messageOf(e)}`] };
  }
  const v = validate(cleanStrings(value), tools);
  return v.ok ? { ok: true, blueprint: v.blueprint } : v;
}

function extractJson(text: string): string | undefined {
  const unfenced = text.replace(/^\s*```(?:json)?\s*\n?/i, '').replace(/\n?```\s*$/, '');
  const start = unfenced.indexOf('{');
  const end = unfenced.lastIndexOf('}');
  if (start < 0) return undefined;
  return end > start ? unfenced.slice(start, end + 1) : unfenced.slice(start);
}

/** Model-written text is shown in terminals: no escape sequences survive into an app. */
function cleanStrings(v: unknown): unknown {
  if (typeof v === 'string') return stripControls(v);
  if (Array.isArray(v)) return v.map(cleanStrings);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== '__proto__') out[stripControls(k, false)] = cleanStrings(x);
    return out;
  }
  return v;
}

function errorEvent(e: unknown, signal?: AbortSignal): GenEvent {
  if (signal?.aborted) return { type: 'error', code: 'aborted', message: 'cancelled' };
  if (e instanceof GenError) return { type: 'error', code: e.code, message: e.message };
  if (e instanceof ProviderError) return { type: 'error', code: e.opts.rateLimited ? 'rate_limited' : 'provider', message: e.message };
  return { type: 'error', code: 'provider', message: messageOf(e) };
}
