import { sseData } from './sse.js';
import { ProviderError, isRetriableStatus, messageOf, parseRetryAfter, type ModelProvider, type ModelRequest } from './types.js';

/**
 * Any OpenAI-compatible chat completions server (OpenAI, Ollama, llama.cpp, vLLM):
 * POST {base}/chat/completions with stream:true, read `chat.completion.chunk` SSE events up
 * to `data: [DONE]`. Structured output support varies, so it asks for json_schema, falls back
 * to json_object, then to plain text when the server refuses; the answer is validated anyway.
 */
export interface OpenAIOptions {
  baseUrl: string;
  apiKey?: string;
  /** Give up when the server says nothing for this long. */
  timeoutMs?: number;
}

type Format = 'json_schema' | 'json_object' | 'none';
const FORMATS: Format[] = ['json_schema', 'json_object', 'none'];
/** What each server accepted last time, so later calls do not repeat refused attempts. */
const accepted = new Map<string, Format>();

export function openaiProvider(o: OpenAIOptions): ModelProvider {
  const base = o.baseUrl.replace(/\/+$/, '');
  return {
    name: 'openai',
    async *stream(req: ModelRequest) {
      let res: Response | undefined;
      let format = accepted.get(base) ?? 'json_schema';
      for (;;) {
        res = await post(base, o, req, format);
        if (res.ok) break;
        const detail = await errorText(res);
        // A server that does not know a response_format answers 400/422: try a plainer one.
        if ((res.status === 400 || res.status === 422) && format !== 'none') {
          format = FORMATS[FORMATS.indexOf(format) + 1]!;
          continue;
        }
        throw httpError(res, detail, base);
      }
      accepted.set(base, format);
      yield* chunks(res.body!, base);
    },
  };
}

async function post(base: string, o: OpenAIOptions, req: ModelRequest, format: Format): Promise<Response> {
  const { $schema: _drop, ...schema } = req.schema;
  const body: Record<string, unknown> = {
    model: req.model,
    stream: true,
    messages: [{ role: 'system', content: req.system }, ...req.messages.map((m) => ({ role: m.role, content: m.text }))],
  };
  if (format === 'json_schema') body.response_format = { type: 'json_schema', json_schema: { name: 'blueprint', schema, strict: false } };
  if (format === 'json_object') body.response_format = { type: 'json_object' };
  const signals = [AbortSignal.timeout(o.timeoutMs ?? 120_000), ...(req.signal ? [req.signal] : [])];
  try {
    return await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
  } catch (e) {
    if (req.signal?.aborted) throw new ProviderError('cancelled');
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    if (cause === 'ECONNREFUSED' || cause === 'ENOTFOUND') throw new ProviderError(`cannot reach ${base} (${cause === 'ENOTFOUND' ? 'unknown host' : 'connection refused'}): is the server running? (AGENTOS_OPENAI_BASE_URL)`);
    throw new ProviderError(`request to ${base} failed: ${cause ?? messageOf(e)}`, { retriable: true });
  }
}

async function* chunks(body: ReadableStream<Uint8Array>, base: string): AsyncGenerator<string> {
  let finished = false;
  try {
    for await (const data of sseData(body)) {
      if (data.trim() === '[DONE]') {
        finished = true;
        break;
      }
      let event: { choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[]; error?: { message?: string; code?: unknown } };
      try {
        event = JSON.parse(data);
      } catch {
        throw new ProviderError(`${base} sent an event that is not JSON: ${data.slice(0, 80)}`);
      }
      if (event.error) throw new ProviderError(`${base}: ${event.error.message ?? 'error in the stream'}`, { retriable: event.error.code === 429 || String(event.error.code).startsWith('5') });
      const choice = event.choices?.[0];
      const text = choice?.delta?.content;
      if (text) yield text;
      if (choice?.finish_reason) finished = true;
    }
  } catch (e) {
    if (e instanceof ProviderError) throw e;
    throw new ProviderError(`the connection to ${base} dropped mid-answer (${messageOf(e)})`, { retriable: true });
  }
  if (!finished) throw new ProviderError(`the stream from ${base} ended before the answer was complete`, { retriable: true });
}

async function errorText(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const j = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    return (typeof j.error === 'string' ? j.error : j.error?.message) ?? j.message ?? text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

function httpError(res: Response, detail: string, base: string): ProviderError {
  const what = res.status === 401 || res.status === 403 ? 'the API key was refused (AGENTOS_OPENAI_API_KEY or `agentos config set openai.apiKey`)' : res.status === 404 ? 'not found: check the base URL and the model name' : res.status === 429 ? 'rate limited' : `HTTP ${res.status}`;
  return new ProviderError(`${base}: ${what}${detail ? `: ${detail}` : ''}`, {
    status: res.status,
    retriable: isRetriableStatus(res.status),
    retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
    rateLimited: res.status === 429,
  });
}
