import { z } from 'zod';
import type { ToolBinding } from '../../blueprint/types.js';
import { KernelError } from '../../kernel/errors.js';
import type { DesktopActions, ToolContext } from './types.js';

/** The runtime's own tools need the desktop; outside a runtime they fail clearly. */
export function desk(ctx: ToolContext): DesktopActions {
  if (!ctx.desktop) throw new KernelError('ENOSYS', 'this tool needs a running desktop');
  return ctx.desktop;
}

/** The state key a tool acts on: `key`, `target` or `id` (the original accepted all three). */
export const keyParams = {
  key: z.string().min(1).optional().describe('the state key (usually a component id)'),
  target: z.string().min(1).optional().describe('same as key'),
  id: z.string().min(1).optional().describe('same as key'),
};

export function keyOf(p: { key?: string; target?: string; id?: string }, fallback?: string): string {
  const k = p.key ?? p.target ?? p.id ?? fallback;
  if (!k) throw new KernelError('EINVAL', 'which state key? give "key" (a component id)');
  return k;
}

/** Tool bindings given inside arguments (timers, confirm): a tool id, one binding, or a list. */
export const bindingsParam = z
  .union([z.string().min(1), z.object({ tool: z.string().min(1), args: z.record(z.string(), z.unknown()).optional() }), z.array(z.union([z.string().min(1), z.object({ tool: z.string().min(1), args: z.record(z.string(), z.unknown()).optional() })]))])
  .describe('a tool id, {tool, args}, or a list of them');

export function toBindings(v: z.infer<typeof bindingsParam> | undefined): ToolBinding[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((b) => (typeof b === 'string' ? { tool: b } : b));
}

/** Text as a display holds it. */
export const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
