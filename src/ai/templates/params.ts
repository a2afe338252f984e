import { titleCase, type Sentence } from './sentence.js';

/**
 * Parameter extractors: each reads one kind of detail from a sentence (a list of names,
 * durations, percentages, a title, a URL). Kinds combine them; none of them throws, each
 * returns nothing when the sentence does not say.
 */

const ARTICLES = /^(?:a|an|the|my|our|your|some|their|its|each|every)\s+/;
/** Words that end a list: what follows is no longer an item. */
const LIST_END = /\s(?:that|which|so|where|when|to be|and then|then|with a|with an|using|plus|in a|into)\s|[.;!?()]/;
const SPLIT = /\s*(?:,|\band\b|\bor\b|&|\/|\+)\s*/;

function cleanItems(text: string, maxWords: number): string[] {
  const cut = text.split(LIST_END)[0] ?? '';
  return cut
    .split(SPLIT)
    .map((x) => x.trim().replace(ARTICLES, '').replace(/^(?:a|an|the)\s+/, '').replace(/[^\w' -]/g, '').trim())
    .filter((x) => x && x.split(' ').length <= maxWords && !/^\d+$/.test(x));
}

/**
 * The list that follows one of the cue words: "with fields name, email and phone",
 * "columns: todo, doing, done". A single item counts only with `single`.
 */
export function listAfter(s: Sentence, cues: string[], opts: { maxWords?: number; single?: boolean } = {}): string[] {
  for (const cue of cues) {
    const m = new RegExp(`${cue === ':' ? ':' : `\\b${cue}\\b`}\\s*(?:like|such as|of|for|:|called|named)?\\s*`).exec(s.text);
    if (!m) continue;
    const items = cleanItems(s.text.slice(m.index + m[0].length), opts.maxWords ?? 3);
    if (items.length >= 2 || (opts.single && items.length === 1)) return dedupe(items);
  }
  return [];
}

/** The list that ends in one of the nouns: "with name, email and phone fields". */
export function listBefore(s: Sentence, nouns: string[], opts: { maxWords?: number } = {}): string[] {
  for (const noun of nouns) {
    const m = new RegExp(`(?:with|for|of|has|having|including|containing|:)\\s+([^.;:]*?)\\s+${noun}\\b`).exec(s.text);
    if (!m) continue;
    const items = cleanItems(m[1]!, opts.maxWords ?? 3);
    if (items.length >= 2) return dedupe(items);
  }
  return [];
}

/** Named fields of a form, by any of the usual phrasings. */
export function fieldsOf(s: Sentence, cues = ['with', 'for', 'track', 'tracking', 'record', 'recording', 'log', 'logging', 'store', 'storing', 'including', 'containing', 'has']): string[] {
  const names = ['fields', 'columns', 'properties', 'attributes'];
  const tries = [() => listAfter(s, names), () => listBefore(s, [...names, 'info', 'details']), () => listAfter(s, [':']), () => listAfter(s, cues)];
  for (const attempt of tries) {
    const found = attempt();
    if (found.length) return found;
  }
  return [];
}

const dedupe = (xs: string[]) => [...new Set(xs)];

export interface Duration {
  ms: number;
  /** The word that names it: "work", "break", "rest"... */
  label?: string;
  text: string;
}

const UNIT_MS: [RegExp, number][] = [
  [/^(?:h|hr|hrs|hour|hours)$/, 3_600_000],
  [/^(?:m|min|mins|minute|minutes)$/, 60_000],
  [/^(?:s|sec|secs|second|seconds)$/, 1000],
];
const LABEL = /\b(work|focus|long break|short break|break|rest|pause|session|round|exercise|workout|cooldown|warm ?up)s?\b/;

/** "25 minutes", "5 min break", "90s", "1 hour" — in the order they appear. */
export function durations(s: Sentence): Duration[] {
  const out: Duration[] = [];
  const re = /(\d+(?:\.\d+)?)(?:\s*-?\s*(hours?|hrs?|minutes?|mins?|seconds?|secs?)\b|(h|m|s)\b)/g;
  for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
    const unit = (m[2] ?? m[3])!;
    const per = UNIT_MS.find(([r]) => r.test(unit))?.[1];
    if (!per) continue;
    const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 24);
    const before = s.text.slice(Math.max(0, m.index - 16), m.index);
    const label = LABEL.exec(after.split(/,|\band\b/)[0] ?? '')?.[1] ?? LABEL.exec(before.split(/,|\band\b/).at(-1) ?? '')?.[1];
    out.push({ ms: Math.round(Number(m[1]) * per), label, text: m[0] });
  }
  return out;
}

/** "15, 18 and 20 percent", "10% 15% 20%", "tips of 15/20/25 %" — the numbers, in order. */
export function percentages(s: Sentence): number[] {
  const nums = [...s.text.matchAll(/(\d+(?:\.\d+)?)\s*(%)?/g)].map((m) => ({ n: Number(m[1]), pct: !!m[2], start: m.index!, end: m.index! + m[0].length }));
  const out: number[] = [];
  let group: typeof nums = [];
  const flush = (next: string) => {
    if (group.length && (group.some((g) => g.pct) || /^\s*(?:%|percent|per cent|pct)/.test(next))) out.push(...group.map((g) => g.n));
    group = [];
  };
  for (const [i, n] of nums.entries()) {
    const prev = nums[i - 1];
    if (prev && group.length && !/^[\s,%]*(?:and|or|&|\/)?[\s,%]*$/.test(s.text.slice(prev.end, n.start))) flush(s.text.slice(prev.end));
    group.push(n);
  }
  flush(nums.length ? s.text.slice(nums.at(-1)!.end) : '');
  return [...new Set(out)].filter((n) => n > 0 && n <= 100);
}

/** A name the user gave: `called "Focus"`, `named Budget Buddy`, or any quoted text. */
export function titleOf(s: Sentence): string | undefined {
  const quoted = /(?:called|named|titled|title)\s*["“'‘]([^"”'’]{1,40})["”'’]/i.exec(s.raw) ?? /["“]([^"”]{1,40})["”]/.exec(s.raw);
  if (quoted) return quoted[1]!.trim();
  const bare = /\b(?:called|named|titled)\s+([A-Za-z0-9][\w'-]*(?:\s+[A-Z0-9][\w'-]*){0,3})/.exec(s.raw);
  return bare ? titleCase(bare[1]!.trim()) : undefined;
}

export function urlOf(s: Sentence): string | undefined {
  return /\bhttps?:\/\/[^\s"'<>]+[^\s"'<>.,;)]/i.exec(s.raw)?.[0];
}

/** The first number right before one of the words: numberBefore(s, ['characters']) on "16 characters" is 16. */
export function numberBefore(s: Sentence, words: string[]): number | undefined {
  const m = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*-?\\s*(?:${words.join('|')})\\b`).exec(s.text);
  return m ? Number(m[1]) : undefined;
}

/** The first number right after one of the words: numberAfter(s, ['by']) on "count by 5" is 5. */
export function numberAfter(s: Sentence, words: string[]): number | undefined {
  const m = new RegExp(`\\b(?:${words.join('|')})\\s*(?:of|at|to|is|=|:)?\\s*(-?\\d+(?:\\.\\d+)?)`).exec(s.text);
  return m ? Number(m[1]) : undefined;
}

/** The words after "for"/"about"/"of" that say what an app is about: "a quiz about world capitals". */
export function topicOf(s: Sentence, cues = ['about', 'on', 'for', 'of']): string | undefined {
  const LEAD = /^(a|an|the|my|our|your|me|all)$/;
  const END = /^(with|and|or|that|which|to|in|app|apps|by|from|at|every|per|of|for|on|using|so|is|are|it|buttons?|starting|start|goal|target|step|up)$/;
  for (const cue of cues) {
    const m = new RegExp(`\\b${cue}\\s+((?:[a-z][a-z'-]*\\s?){1,6})`).exec(s.text);
    if (!m) continue;
    const words: string[] = [];
    for (const w of m[1]!.trim().split(' ')) {
      if (!words.length && LEAD.test(w)) continue;
      if (END.test(w) || words.length === 3) break;
      words.push(w);
    }
    if (words.length) return words.join(' ');
  }
  return undefined;
}
