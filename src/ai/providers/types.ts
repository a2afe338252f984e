/** What every model provider is given: one conversation, the schema, and a way to stop. */
export interface ModelRequest {
  model: string;
  system: string;
  messages: { role: 'user' | 'assistant'; text: string }[];
  /** JSON Schema of the expected output (each provider converts it as its API needs). */
  schema: Record<string, unknown>;
  signal?: AbortSignal;
}

/** A model provider streams text; everything else (parsing, validation, repair, retries) is shared. */
export interface ModelProvider {
  readonly name: 'gemini' | 'openai';
  stream(req: ModelRequest): AsyncIterable<string>;
}

/**
 * A provider failure, classified once so retry and messages need not know the wire:
 * `retriable` for 429, 5xx and dropped connections; `retryAfterMs` when the server said.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    message: string,
    readonly opts: { status?: number; retriable?: boolean; retryAfterMs?: number; rateLimited?: boolean } = {},
  ) {
    super(message);
  }
  get retriable() {
    return !!this.opts.retriable;
  }
}

export const isRetriableStatus = (status: number) => status === 429 || status === 408 || status >= 500;

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
