import { GoogleGenerativeAI, GoogleGenerativeAIAbortError, GoogleGenerativeAIFetchError, type GenerateContentStreamResult } from '@google/generative-ai';
import { BLUEPRINT_FREEFORM_KEYS, toGeminiSchema } from './gemini-schema.js';
import { ProviderError, isRetriableStatus, messageOf, type ModelProvider, type ModelRequest } from './types.js';

/**
 * Gemini through @google/generative-ai: JSON output constrained by `responseSchema`,
 * streamed with generateContentStream. The SDK's traps, handled here:
 * - a failed stream also rejects `result.response`; nobody else awaits it, so a handler is
 *   attached at once or the process dies of an unhandled rejection;
 * - its `timeout` request option starts a timer it never clears (a finished command would
 *   wait it out), so cancellation uses our own AbortSignal instead;
 * - `chunk.text()` throws on blocked candidates, so parts are read directly.
 */
export interface GeminiOptions {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
}

const schemaCache = new WeakMap<object, Record<string, unknown>>();

export function geminiProvider(o: GeminiOptions): ModelProvider {
  const client = new GoogleGenerativeAI(o.apiKey);
  const where = o.baseUrl ?? 'Gemini';
  return {
    name: 'gemini',
    async *stream(req: ModelRequest) {
      let responseSchema = schemaCache.get(req.schema);
      if (!responseSchema) schemaCache.set(req.schema, (responseSchema = toGeminiSchema(req.schema, { freeformKeys: BLUEPRINT_FREEFORM_KEYS })));
      const signal = AbortSignal.any([AbortSignal.timeout(o.timeoutMs ?? 120_000), ...(req.signal ? [req.signal] : [])]);
      const model = client.getGenerativeModel(
        { model: req.model, systemInstruction: req.system, generationConfig: { responseMimeType: 'application/json', responseSchema: responseSchema as never } },
        { ...(o.baseUrl ? { baseUrl: o.baseUrl.replace(/\/+$/, '') } : {}) },
      );
      let result: GenerateContentStreamResult;
      try {
        result = await model.generateContentStream({ contents: req.messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.text }] })) }, { signal });
      } catch (e) {
        throw classify(e, where, req.signal);
      }
      // The aggregate promise rejects too when the stream fails; we read the stream only.
      result.response.catch(() => {});
      let finish: string | undefined;
      try {
        for await (const chunk of result.stream) {
          const cand = chunk.candidates?.[0];
          if (chunk.promptFeedback?.blockReason) throw new ProviderError(`Gemini refused the prompt (${chunk.promptFeedback.blockReason})`);
          const text = cand?.content?.parts?.map((p) => p.text ?? '').join('') ?? '';
          if (text) yield text;
          finish = cand?.finishReason ?? finish;
        }
      } catch (e) {
        throw classify(e, where, req.signal, true);
      }
      if (finish && finish !== 'STOP' && finish !== 'MAX_TOKENS') throw new ProviderError(`Gemini stopped early (${finish})`);
    },
  };
}

function classify(e: unknown, where: string, signal: AbortSignal | undefined, midStream = false): ProviderError {
  if (e instanceof ProviderError) return e;
  if (signal?.aborted) return new ProviderError('cancelled');
  if (e instanceof GoogleGenerativeAIFetchError && e.status) {
    const status = e.status;
    const what = status === 400 ? 'bad request' : status === 401 || status === 403 ? 'the API key was refused (GOOGLE_API_KEY or `agentos config set gemini.apiKey`)' : status === 404 ? 'model not found (--model)' : status === 429 ? 'rate limited' : `HTTP ${status}`;
    return new ProviderError(`${where}: ${what}${e.message ? `: ${lastPart(e.message)}` : ''}`, { status, retriable: isRetriableStatus(status), retryAfterMs: retryDelay(e.errorDetails), rateLimited: status === 429 });
  }
  if (e instanceof GoogleGenerativeAIAbortError) return new ProviderError(`${where}: no answer in time`, { retriable: true });
  const msg = messageOf(e);
  if (midStream || /reading from the stream|Failed to parse stream|terminated|socket/i.test(msg)) return new ProviderError(`the stream from ${where} broke off (${msg})`, { retriable: true });
  if (/ECONNREFUSED|fetch failed|ENOTFOUND/i.test(msg)) return new ProviderError(`cannot reach ${where}: ${msg} (AGENTOS_GEMINI_BASE_URL?)`);
  return new ProviderError(`${where}: ${msg}`);
}

/** The SDK's message repeats the URL; the server's own words come after the status. */
const lastPart = (m: string) => m.replace(/^.*?\]\s*/, '').slice(0, 300);

/** Google puts Retry-After into a RetryInfo detail: {"@type": "...RetryInfo", "retryDelay": "3s"}. */
function retryDelay(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown })?.retryDelay;
    if (typeof delay === 'string' && /^\d+(\.\d+)?s$/.test(delay)) return Number(delay.slice(0, -1)) * 1000;
  }
  return undefined;
}
