import { z } from 'zod';
import { SNAP_ZONES, TILE_LAYOUTS, type ResizeEdge } from '../runtime/windows.js';
import type { ClientMessage } from './protocol.js';

/**
 * What a browser may send on /stream, checked before anything runs. Unknown types and
 * fields are refused with a message naming what is accepted.
 */
const id = z.union([z.string().max(128), z.number().int()]).optional();
const appId = z.string().min(1).max(200);
const text = z.string().max(100_000);
const fraction = z.number().min(0).max(1);
const delta = z.number().min(-1).max(1);
const Context = z.object({ parent_id: z.string().max(200).nullable().optional() }).catchall(z.unknown()).optional();
const size = z.number().int().min(2).max(1000);

const RESIZE_EDGES = ['left', 'right', 'top', 'bottom', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] as const satisfies readonly ResizeEdge[];
const WINDOW_ACTIONS = ['minimize', 'maximize', 'toggle_maximize', 'fullscreen', 'restore', 'raise', 'lower', 'focus', 'close'] as const;

const WindowMessage = z.discriminatedUnion('action', [
  z.object({ type: z.literal('window'), id, app_id: appId, action: z.literal('place'), rect: z.object({ x: fraction, y: fraction, w: fraction, h: fraction }).strict() }).strict(),
  z.object({ type: z.literal('window'), id, app_id: appId, action: z.literal('move'), dx: delta, dy: delta }).strict(),
  z.object({ type: z.literal('window'), id, app_id: appId, action: z.literal('resize'), edge: z.enum(RESIZE_EDGES), dx: delta, dy: delta }).strict(),
  z.object({ type: z.literal('window'), id, app_id: appId, action: z.literal('snap'), zone: z.enum(SNAP_ZONES) }).strict(),
  z.object({ type: z.literal('window'), id, app_id: appId, action: z.enum(WINDOW_ACTIONS) }).strict(),
]);

const SIMPLE = {
  ping: z.object({ type: z.literal('ping'), id }).passthrough(),
  chat: z.object({ type: z.literal('chat'), id, message: text, context: Context }).strict(),
  generate_ui: z.object({ type: z.literal('generate_ui'), id, message: text, context: Context }).strict(),
  sync: z.object({ type: z.literal('sync'), id }).strict(),
  event: z.object({ type: z.literal('event'), id, app_id: appId, component: z.string().min(1).max(200), event: z.string().min(1).max(64), value: z.unknown().optional() }).strict(),
  key: z.object({ type: z.literal('key'), id, app_id: appId, key: z.string().min(1).max(64) }).strict(),
  tile: z.object({ type: z.literal('tile'), id, layout: z.enum([...TILE_LAYOUTS, 'off']) }).strict(),
  cycle: z.object({ type: z.literal('cycle'), id, direction: z.union([z.literal(1), z.literal(-1)]).optional() }).strict(),
  launch: z.object({ type: z.literal('launch'), id, app_id: appId, parent_id: z.string().max(200).nullable().optional() }).strict(),
  tool: z.object({ type: z.literal('tool'), id, app_id: appId, tool: z.string().min(1).max(100), args: z.record(z.string(), z.unknown()).optional() }).strict(),
  dialog: z.object({ type: z.literal('dialog'), id, dialog_id: z.number().int(), yes: z.boolean().optional() }).strict(),
  dismiss: z.object({ type: z.literal('dismiss'), id, notification_id: z.number().int() }).strict(),
  clear_errors: z.object({ type: z.literal('clear_errors'), id, app_id: appId }).strict(),
  term_open: z.object({ type: z.literal('term_open'), id, app_id: appId, cols: size.optional(), rows: size.optional() }).strict(),
  term_input: z.object({ type: z.literal('term_input'), id, app_id: appId, data: z.string().max(1 << 20) }).strict(),
  term_resize: z.object({ type: z.literal('term_resize'), id, app_id: appId, cols: size, rows: size }).strict(),
  term_close: z.object({ type: z.literal('term_close'), id, app_id: appId }).strict(),
} as const;

export const MESSAGE_TYPES = [...Object.keys(SIMPLE), 'window'] as const;

export type ParsedMessage = { ok: true; message: ClientMessage } | { ok: false; error: string; id?: string | number };

/** One browser message, from its JSON text. */
export function parseClientMessage(text: string): ParsedMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message}); send one JSON object like {"type":"ping"}` };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: 'a message is a JSON object with a "type", like {"type":"ping"}' };
  const o = raw as Record<string, unknown>;
  const msgId = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : undefined;
  const type = o.type;
  const schema = type === 'window' ? WindowMessage : typeof type === 'string' && Object.hasOwn(SIMPLE, type) ? SIMPLE[type as keyof typeof SIMPLE] : undefined;
  if (!schema) return { ok: false, id: msgId, error: `unknown message type ${JSON.stringify(type ?? null)}; types: ${MESSAGE_TYPES.join(', ')}` };
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const field = i.path.map(String).join('.');
    return { ok: false, id: msgId, error: `${type}: ${field ? `${field}: ` : ''}${i.message.replace(/^Invalid input: /, '')}` };
  }
  return { ok: true, message: r.data as ClientMessage };
}
