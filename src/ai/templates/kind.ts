import type { Category, Component, Lifecycle, ServiceRef, ToolBinding } from '../../blueprint/types.js';
import type { Sentence } from './sentence.js';

/** What a kind's builder returns; index.ts turns it into a Blueprint with id and grants. */
export interface AppDraft {
  components: Component[];
  description: string;
  services?: ServiceRef[];
  /** Capabilities beyond MINIMAL, each for a reason the app shows (NETWORK_ACCESS for a URL). */
  permissions?: string[];
  lifecycle?: Lifecycle;
  keys?: Record<string, ToolBinding[]>;
  tags?: string[];
  layout?: 'vertical' | 'horizontal';
}

/**
 * One kind of app the offline generator knows: the words that point to it (phrase ->
 * weight, stemmed, so "notes" matches "note"), what it reads from the sentence, and how it
 * builds the app. The generator is this table; adding a kind is adding an entry.
 */
export interface Kind<P = unknown> {
  id: string;
  name: string;
  icon: string;
  category: Category;
  keywords: Record<string, number>;
  params(s: Sentence): P;
  /** What was read, for the "why this kind" line: "percentages 15, 18, 20". */
  describe?(p: P): string | undefined;
  build(p: P, ctx: { title: string; s: Sentence }): AppDraft;
}

export const defineKind = <P>(k: Kind<P>): Kind<unknown> => k as Kind<unknown>;

/** Round for display without trailing noise: 0.1 + 0.2 shows 0.3. */
export const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);
