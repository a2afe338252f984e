import type { Blueprint, Component } from '../blueprint/types.js';

/** The generators that turn a sentence into a Blueprint. */
export const PROVIDERS = ['template', 'gemini', 'openai'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/**
 * What `generate()` streams. A view can draw each component as it arrives and replace
 * them all with `complete.blueprint` at the end (a repair round starts over: `round` says which).
 */
export type GenEvent =
  | { type: 'thought'; text: string }
  | { type: 'token'; text: string; round: number }
  | { type: 'component'; component: Component; index: number; round: number }
  | { type: 'complete'; blueprint: Blueprint; provider: ProviderName; model: string; cached: boolean; kind?: string; reason?: string }
  | { type: 'error'; message: string; code: GenErrorCode };

export type GenErrorCode = 'invalid_output' | 'provider' | 'rate_limited' | 'config' | 'aborted';

/** A failure a user can act on; `generate()` turns it into an `error` event. */
export class GenError extends Error {
  override readonly name = 'GenError';
  constructor(
    readonly code: GenErrorCode,
    message: string,
  ) {
    super(message);
  }
}
