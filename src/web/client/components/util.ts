import type { CSSProperties } from 'react';

export const str = (v: unknown, fallback = ''): string => (v === undefined || v === null ? fallback : typeof v === 'object' ? JSON.stringify(v) : String(v));
export const num = (v: unknown, fallback: number): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fallback;
};
export const bool = (v: unknown): boolean => v === true || v === 'true';

/** An option of a select or an item of a list: a string, or {label, value}. */
export function optionOf(o: unknown): { label: string; value: unknown } {
  if (o && typeof o === 'object') {
    const x = o as Record<string, unknown>;
    const value = x.value ?? x.id ?? x.label ?? x.name ?? x.text;
    return { label: str(x.label ?? x.name ?? x.text ?? x.title ?? value), value };
  }
  return { label: str(o), value: o };
}

/** Properties an app may not set: they would let it draw over the desktop's own chrome. */
const BLOCKED = new Set(['position', 'zIndex', 'inset', 'pointerEvents', 'content']);

/** An app's `style` as React style: kebab-case names camelCased, only strings and numbers. */
export function toStyle(style: unknown): CSSProperties | undefined {
  if (!style || typeof style !== 'object') return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(style as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const name = k.startsWith('--') ? k : k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (BLOCKED.has(name)) continue;
    if (typeof v === 'string' && /expression\(|javascript:/i.test(v)) continue;
    out[name] = v;
  }
  return out as CSSProperties;
}

/** A CSS length from a number (pixels) or a string ("50%"). */
export const length = (v: unknown): string | number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v ? v : undefined);

/**
 * Where a media source loads from: web and data URLs as given, a VFS path ("/home/cat.png")
 * through the server's /vfs route (read with your grants), anything else not at all.
 */
export function mediaSrc(v: unknown): string | undefined {
  const s = str(v).trim();
  if (!s) return undefined;
  if (/^(https?:|data:image\/|data:audio\/|data:video\/|blob:)/i.test(s)) return s;
  if (s.startsWith('/')) return `/vfs${s.split('/').map(encodeURIComponent).join('/')}`;
  return undefined;
}

/**
 * Text laid out in columns with runs of spaces (a table row, its header): drawn in a
 * monospaced font with its spaces kept, so the columns line up as in the terminal view.
 */
export const columned = (s: string) => /\S {2,}\S/.test(s);

export const cls = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');
