import { stripControls } from '../../util/sanitize.js';
import type { Style } from '../render/style.js';
import type { Theme } from '../render/theme.js';

/** Any prop as display text, with control sequences removed (apps and models are untrusted). */
export const str = (v: unknown, keepNewlines = false): string =>
  v === undefined || v === null ? '' : stripControls(typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v), keepNewlines);

export const num = (v: unknown, dflt: number): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : dflt;
};

export const bool = (v: unknown): boolean => v === true || v === 'true' || v === 1;

/** A role name from props (variant, color) as a style of the theme. */
export function roleStyle(theme: Theme, role: unknown): Style | undefined {
  switch (role) {
    case 'primary':
      return theme.accent;
    case 'secondary':
    case 'muted':
      return theme.muted;
    case 'accent':
      return theme.accent;
    case 'error':
    case 'danger':
      return theme.error;
    case 'success':
      return theme.success;
    case 'warning':
      return theme.warning;
    default:
      return undefined;
  }
}

/** Focus and disabled drawn over a control's own style. */
export function stateStyle(theme: Theme, base: Style | undefined, focused: boolean, disabled: boolean): Style | undefined {
  if (disabled) return { ...base, ...theme.disabled, inverse: false };
  if (focused) return { ...base, ...theme.focus };
  return base;
}

/** An option of a select or an item of a list: strings, numbers or {label, value}. */
export function optionOf(o: unknown): { label: string; value: unknown } {
  if (o && typeof o === 'object') {
    const r = o as Record<string, unknown>;
    const value = r.value ?? r.id ?? r.label ?? r.text ?? r.name ?? r.title;
    return { label: str(r.label ?? r.text ?? r.name ?? r.title ?? r.value ?? ''), value };
  }
  return { label: str(o), value: o };
}

/** Spacing words (none|small|medium|large) or numbers (CSS pixels) as cells. */
export function spacingCells(v: unknown, dflt: number, axis: 'x' | 'y'): number {
  if (typeof v === 'number') return axis === 'x' ? (v <= 0 ? 0 : v < 16 ? 1 : 2) : v < 16 ? 0 : 1;
  switch (v) {
    case 'none':
      return 0;
    case 'small':
      return axis === 'x' ? 1 : 0;
    case 'medium':
      return axis === 'x' ? 1 : 0;
    case 'large':
      return axis === 'x' ? 2 : 1;
    default:
      return dflt;
  }
}

/** A height prop (rows, or CSS pixels when large) as rows. */
export function rowsOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseFloat(v) : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return n > 60 ? Math.max(1, Math.round(n / 20)) : Math.round(n);
}
