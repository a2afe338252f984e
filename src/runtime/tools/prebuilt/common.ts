import { z } from 'zod';
import { isKernelError, KernelError } from '../../../kernel/errors.js';
import { SERVICE_TOOLS } from '../../services/index.js';
import type { ToolContext, ToolDef } from '../types.js';

/**
 * Helpers shared by the tools of the prebuilt apps (notes, todo, file explorer, task
 * manager, monitor, browser, terminal, launcher). Their data goes through the services and
 * the kernel with the app's own pid, exactly as a hand-written app's would.
 */

const services = new Map<string, ToolDef>(SERVICE_TOOLS.map((t) => [t.id, t]));

/**
 * Run a service tool (`storage.get`, `filesystem.list`...) inside another tool's run: the
 * same checks, paths and grants as when an app binds it directly.
 */
export async function callService<R = unknown>(ctx: ToolContext, id: string, params: Record<string, unknown>): Promise<R> {
  const def = services.get(id);
  if (!def) throw new KernelError('ENOSYS', `the ${id} service tool is not available`);
  const parsed = def.params.safeParse(params);
  if (!parsed.success) throw new KernelError('EINVAL', `${id}: ${parsed.error.issues[0]!.message}`);
  return (await def.run(ctx, parsed.data)) as R;
}

/** A list item as views draw it (`label`) and tools find it again (`value`). */
export interface Item {
  label: string;
  value: string | number;
  [more: string]: unknown;
}

/** Which item an event or argument names: an index, an item value, or the event's value. */
export const pickParams = {
  index: z.number().int().min(0).optional().describe('the item\'s position in the list'),
  value: z.union([z.string(), z.number()]).optional().describe('the item\'s value (its id, name or pid)'),
};

/**
 * The item meant: `index` or `value` when given; else the item a list's select event
 * picked (the runtime gives it as `event.item`, with its index as `event.value`); else the
 * event's value as an index or an item value; else the item whose value is in state
 * `selectedKey` (a button acting on the selection).
 */
export function pickItem<T extends Item>(ctx: ToolContext, items: readonly T[], p: { index?: number; value?: string | number }, selectedKey = 'selected'): T | undefined {
  if (p.index !== undefined) return items[p.index];
  const byValue = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : items.find((it) => it.value === v || String(it.value) === String(v)));
  if (p.value !== undefined) return byValue(p.value);
  const picked = ctx.event.item as Partial<Item> | undefined;
  if (picked && typeof picked === 'object') {
    const same = items.find((it) => it === picked) ?? byValue(picked.value);
    if (same) return same;
  }
  const ev = ctx.event.value;
  if (typeof ev === 'number' && Number.isInteger(ev) && ev >= 0 && ev < items.length) return items[ev];
  return byValue(ev) ?? byValue(ctx.state.get(selectedKey));
}

/** Remember the picked item as the selection (`selected`), for buttons that act on it. */
export function selectItem<T extends Item>(ctx: ToolContext, items: readonly T[], p: { index?: number; value?: string | number }, selectedKey = 'selected'): T | undefined {
  const item = pickItem(ctx, items, p, selectedKey);
  ctx.state.set(selectedKey, item ? item.value : '');
  return item;
}

export const itemsIn = <T extends Item = Item>(ctx: ToolContext, key: string): T[] => {
  const v = ctx.state.get(key);
  return Array.isArray(v) ? (v as T[]) : [];
};

export const textIn = (ctx: ToolContext, key: string): string => {
  const v = ctx.state.get(key);
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
};

/** A kernel error as one line for a status bar: `EACCES: permission denied ...`. */
export function problem(e: unknown): string {
  if (isKernelError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}

/** Expected failures (a missing file, a denied path) become the app's status line, not a crash. */
export function isUserFacing(e: unknown): boolean {
  return isKernelError(e) && ['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY', 'EROFS', 'EINVAL', 'ESRCH', 'ETIMEDOUT', 'ECONNREFUSED', 'EIO', 'EBUSY', 'ENOSYS', 'EXDEV', 'ENAMETOOLONG'].includes(e.code);
}

/** Bytes as people read them: 0 B, 12.3 KB, 4.0 MB. */
export function humanBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${Math.max(0, Math.round(n || 0))} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) (v /= 1024), i++;
  return `${v.toFixed(1)} ${units[i]}`;
}

/** Text cut or padded to a column width (for list rows drawn in a monospace terminal). */
export const col = (s: string, width: number, right = false) => {
  const t = s.length > width ? s.slice(0, Math.max(1, width - 1)) + '…' : s;
  return right ? t.padStart(width) : t.padEnd(width);
};

const BARS = '▁▂▃▄▅▆▇█';

/** A text sparkline of the last values, scaled to their own maximum. */
export function sparkline(values: readonly number[]): string {
  if (!values.length) return '';
  const max = Math.max(...values);
  return values.map((v) => (max <= 0 ? BARS[0] : BARS[Math.min(7, Math.max(0, Math.round((v / max) * 7)))])).join('');
}

/** The last `n` values of a history kept in state, with one more appended. */
export function pushHistory(ctx: ToolContext, key: string, value: number, n = 40): number[] {
  const prev = ctx.state.get(key);
  const list = Array.isArray(prev) ? (prev as unknown[]).filter((x): x is number => typeof x === 'number') : [];
  const next = [...list.slice(-(n - 1)), value];
  ctx.state.set(key, next);
  return next;
}
