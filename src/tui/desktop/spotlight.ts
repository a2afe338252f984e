import type { CatalogEntry } from '../../runtime/catalog.js';

/** What a spotlight result does when chosen. */
export type SpotlightAction =
  | { kind: 'launch'; appId: string }
  | { kind: 'focus'; windowId: string }
  | { kind: 'command'; command: SpotlightCommand }
  | { kind: 'generate'; prompt: string };

export interface SpotlightItem {
  label: string;
  detail: string;
  action: SpotlightAction;
}

export const SPOTLIGHT_COMMANDS = {
  'new-terminal': 'New terminal window',
  help: 'Show all keys',
  chat: 'Show or hide the chat panel',
  'tiling-toggle': 'Tile windows / float windows',
  'tiling-next': 'Next tiling layout',
  'save-session': 'Save the session now',
  quit: 'Quit AgentOS',
} as const;
export type SpotlightCommand = keyof typeof SPOTLIGHT_COMMANDS;

/**
 * Fuzzy score of `query` in `text`: every query character in order, consecutive matches
 * and word starts count more; -1 when it does not match at all.
 */
export function fuzzyScore(query: string, text: string): number {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  if (!q) return 0;
  const at = t.indexOf(q);
  if (at >= 0) return 1000 - at * 2 - (t.length - q.length) * 0.1 + (at === 0 || /\W/.test(t[at - 1]!) ? 200 : 0);
  let score = 0;
  let ti = 0;
  let prev = -2;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return -1;
    score += found === prev + 1 ? 10 : 1;
    if (found === 0 || /\W/.test(t[found - 1]!)) score += 5;
    prev = found;
    ti = found + 1;
  }
  return score;
}

export interface SpotlightSources {
  apps: readonly CatalogEntry[];
  windows: readonly { id: string; title: string }[];
  /** Whether generating an app is possible at all. */
  canGenerate: boolean;
}

/**
 * The results for a query: apps, open windows and commands, best first. `> text` asks to
 * generate an app from text; a query that matches nothing offers the same.
 */
export function spotlightResults(query: string, src: SpotlightSources, limit = 10): SpotlightItem[] {
  const q = query.trim();
  if (q.startsWith('>')) {
    const prompt = q.slice(1).trim();
    return prompt ? [{ label: `Generate an app: “${prompt}”`, detail: src.canGenerate ? 'Enter to generate' : 'no generator is configured', action: { kind: 'generate', prompt } }] : [];
  }
  const scored: [number, SpotlightItem][] = [];
  for (const a of src.apps) {
    const s = Math.max(fuzzyScore(q, a.name), fuzzyScore(q, a.id) - 1, a.description ? fuzzyScore(q, a.description) - 500 : -1);
    if (s >= 0) scored.push([s + 2, { label: `${a.icon ? a.icon + ' ' : ''}${a.name}`, detail: a.description ?? a.category ?? 'app', action: { kind: 'launch', appId: a.id } }]);
  }
  for (const w of src.windows) {
    const s = fuzzyScore(q, w.title);
    if (s >= 0) scored.push([s + 1, { label: `Switch to ${w.title}`, detail: 'open window', action: { kind: 'focus', windowId: w.id } }]);
  }
  for (const [command, label] of Object.entries(SPOTLIGHT_COMMANDS) as [SpotlightCommand, string][]) {
    const s = fuzzyScore(q, label);
    if (s >= 0) scored.push([s, { label, detail: 'command', action: { kind: 'command', command } }]);
  }
  const items = scored.sort((a, b) => b[0] - a[0]).map(([, i]) => i).slice(0, limit);
  if (q && !items.length) items.push({ label: `Generate an app: “${q}”`, detail: src.canGenerate ? 'no match: Enter to generate one' : 'no match, and no generator is configured', action: { kind: 'generate', prompt: q } });
  return items;
}
