import type { Blueprint, Lifecycle } from '../../blueprint/types.js';
import { composeFromNouns } from './compose.js';
import type { AppDraft, Kind } from './kind.js';
import { CALCULATOR_KINDS } from './kinds/calculators.js';
import { CONVERTER_KINDS } from './kinds/converters.js';
import { DASHBOARD_KINDS } from './kinds/dashboard.js';
import { FUN_KINDS } from './kinds/fun.js';
import { LIST_KINDS } from './kinds/lists.js';
import { TIME_KINDS } from './kinds/time.js';
import { titleOf } from './params.js';
import { hasPhrase, readSentence, slug, stem, type Sentence } from './sentence.js';

/** Every kind the offline generator knows, most specific first (ties go to the earlier one). */
export const KINDS: Kind[] = [...CALCULATOR_KINDS, ...TIME_KINDS, ...CONVERTER_KINDS, ...LIST_KINDS, ...FUN_KINDS, ...DASHBOARD_KINDS];

/** Bumped when templates change what they build, so cached template apps are rebuilt. */
export const TEMPLATES_VERSION = 1;

/** A kind needs this much evidence; one generic word ("tracker", "list") is not enough. */
const MIN_SCORE = 2;

export interface TemplateResult {
  blueprint: Blueprint;
  /** The kind's id, or "composed" when built from the sentence's nouns. */
  kind: string;
  /** One line for stderr: which kind and why. */
  reason: string;
}

export interface KindMatch {
  kind: Kind;
  score: number;
  matched: string[];
}

/** Every kind with the keywords it matched, best first. */
export function rankKinds(s: Sentence): KindMatch[] {
  const out: KindMatch[] = [];
  for (const kind of KINDS) {
    let score = 0;
    const matched: string[] = [];
    const seen = new Set<string>();
    for (const [phrase, weight] of Object.entries(kind.keywords)) {
      // "currency" and "currencies" stem alike: one word counts once.
      const key = phrase.split(' ').map(stem).join(' ');
      if (!seen.has(key) && hasPhrase(s, phrase)) {
        seen.add(key);
        score += weight;
        matched.push(phrase);
      }
    }
    if (score) out.push({ kind, score, matched });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Sentence -> Blueprint, offline and deterministic. */
export function templateApp(prompt: string): TemplateResult {
  const s = readSentence(prompt);
  const best = rankKinds(s)[0];
  const given = titleOf(s);
  if (best && best.score >= MIN_SCORE) {
    const params = best.kind.params(s);
    const title = given ?? best.kind.name;
    const draft = best.kind.build(params, { title, s });
    const detail = best.kind.describe?.(params);
    return {
      blueprint: assemble(draft, { title, icon: best.kind.icon, category: best.kind.category, kind: best.kind.id }),
      kind: best.kind.id,
      reason: `chose "${best.kind.id}": the prompt says ${best.matched.map((m) => `"${m}"`).join(', ')}${detail ? `; read ${detail}` : ''}`,
    };
  }
  const composed = composeFromNouns(s);
  const title = given ?? composed.title;
  return {
    blueprint: assemble(composed.draft, { title, icon: '🗃️', category: 'productivity', kind: 'composed' }),
    kind: 'composed',
    reason: `no kind of app matched${best ? ` strongly (closest: "${best.kind.id}")` : ''}; composed "${title}" with fields ${composed.fields.join(', ')} from the prompt's nouns`,
  };
}

function assemble(d: AppDraft, m: { title: string; icon: string; category: Blueprint['app']['category']; kind: string }): Blueprint {
  const lifecycle: Lifecycle = {};
  for (const [hook, list] of Object.entries(d.lifecycle ?? {}) as [keyof Lifecycle, Lifecycle[keyof Lifecycle]][]) if (list?.length) lifecycle[hook] = list;
  const bp: Blueprint = {
    app: {
      id: slug(m.title),
      name: m.title,
      description: d.description,
      icon: m.icon,
      category: m.category,
      version: '1.0.0',
      author: 'agentos gen (template)',
      tags: ['generated', m.kind, ...(d.tags ?? [])],
      // Generated apps are untrusted: nothing beyond what their services need.
      permissions: ['MINIMAL', ...(d.permissions ?? [])],
    },
    services: d.services ?? [],
    ui: { title: m.title, layout: d.layout ?? 'vertical', components: d.components, lifecycle },
  };
  if (d.keys && Object.keys(d.keys).length) bp.ui.keys = d.keys;
  return bp;
}
