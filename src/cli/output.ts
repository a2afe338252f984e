import { stripControls } from '../util/sanitize.js';

/** How results are printed: JSON for machines, aligned text for people. */
export interface Out {
  json: boolean;
  /** Strip control sequences from values (stdout is a terminal). */
  tty: boolean;
}

export function outFor(opts: { json?: boolean }): Out {
  return { json: !!opts.json, tty: !!process.stdout.isTTY };
}

export const color = {
  enabled: () => !!process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  dim: (s: string) => (color.enabled() ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string) => (color.enabled() ? `\x1b[1m${s}\x1b[22m` : s),
};

export function print(value: unknown, out: Out) {
  process.stdout.write(render(value, out));
}

export function render(value: unknown, out: Out): string {
  if (out.json) return JSON.stringify(value, null, 2) + '\n';
  const text = human(value);
  const clean = out.tty ? stripControls(text) : text;
  return clean.endsWith('\n') || clean === '' ? clean : clean + '\n';
}

function human(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    if (value.length && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) return table(value as Record<string, unknown>[]);
    return value.map(cell).join('\n');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const w = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${k.padEnd(w)}  ${cell(v)}`).join('\n');
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).replace(/\n/g, '\\n');
}

export function table(rows: Record<string, unknown>[], columns?: string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (parts: string[]) => parts.map((p, i) => (i === parts.length - 1 ? p : p.padEnd(widths[i]!))).join('  ');
  return [color.bold(line(cols.map((c) => c.toUpperCase()))), ...cells.map(line)].join('\n');
}
