/**
 * A prompt read once for every matcher and extractor: lowercased, number words as digits,
 * and each word reduced to a simple stem so "notes", "note" and "flashcards" match their
 * keywords. Cheap on purpose: the whole template generator has a 10 ms budget.
 */
export interface Sentence {
  /** As typed (trimmed), for titles and quoted names. */
  raw: string;
  /** Lowercased, number words replaced by digits. */
  text: string;
  words: string[];
  /** ` stem stem stem ` — padded so a phrase matches on word boundaries with includes(). */
  stems: string;
}

const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8',
  nine: '9', ten: '10', eleven: '11', twelve: '12', fifteen: '15', twenty: '20', thirty: '30',
  forty: '40', fifty: '50', sixty: '60', ninety: '90', hundred: '100', a_dozen: '12',
};
const NUMBER_RE = new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join('|').replace('a_dozen', 'a dozen')})\\b`, 'g');

/** Words whose plural is not the word plus -s. */
const IRREGULAR: Record<string, string> = { dice: 'die', die: 'die', categories: 'category', entries: 'entry', diaries: 'diary', currencies: 'currency', boxes: 'box', inches: 'inch', feet: 'foot', people: 'person', matches: 'match', mice: 'mouse' };

export function stem(word: string): string {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w]!;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

export function readSentence(prompt: string): Sentence {
  const raw = prompt.trim().replace(/\s+/g, ' ');
  const text = raw.toLowerCase().replace(NUMBER_RE, (m) => NUMBER_WORDS[m.replace(' ', '_')] ?? m);
  const words = text.match(/[a-z0-9]+(?:['-][a-z0-9]+)*/g) ?? [];
  return { raw, text, words, stems: ` ${words.map(stem).join(' ')} ` };
}

/** Whether a keyword phrase (stemmed word by word) occurs in the sentence. */
export function hasPhrase(s: Sentence, phrase: string): boolean {
  return s.stems.includes(` ${phrase.split(' ').map(stem).join(' ')} `);
}

export const titleCase = (s: string) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase());

/** A Blueprint id from any text: lowercase words joined by -. */
export const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48) || 'app';
