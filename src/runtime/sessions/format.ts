import { z } from 'zod';
import { SNAP_ZONES } from '../windows.js';

/**
 * The session file: one saved workspace. `version` is the format's; a reader migrates
 * older formats (0 is the original AgentOS's session JSON) and refuses newer ones with a
 * message that says so, never treating them as damaged.
 */
export const SESSION_FORMAT = 'agentos-session';
export const SESSION_VERSION = 1;

const unit = z.number().min(0).max(1);
const RectSchema = z.object({ x: unit, y: unit, w: unit, h: unit });

export const WindowSchema = z.object({
  rect: RectSchema,
  mode: z.enum(['normal', 'maximized', 'fullscreen']),
  zone: z.enum(SNAP_ZONES).nullable(),
  tiled: RectSchema.nullable(),
  minimized: z.boolean(),
});
export type SavedWindow = z.infer<typeof WindowSchema>;

export const AppSnapshotSchema = z.object({
  /** The instance id when saved; restore maps it to the new one. */
  id: z.string().min(1).max(200),
  app_id: z.string().min(1).max(64),
  title: z.string().max(500),
  /** Instance id of the parent app, or null. Parents come before their children. */
  parent: z.string().min(1).max(200).nullable(),
  /** The Blueprint it ran (validated again on restore: the file is data from disk). */
  blueprint: z.record(z.string(), z.unknown()),
  state: z.record(z.string(), z.unknown()),
  window: WindowSchema.nullable(),
});
export type AppSnapshot = z.infer<typeof AppSnapshotSchema>;

export const ChatEntrySchema = z.object({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.string(),
  thoughts: z.array(z.string()).optional(),
  app: z.string().nullable().optional(),
  at: z.number(),
});
export type ChatEntry = z.infer<typeof ChatEntrySchema>;

export const WorkspaceSchema = z.object({
  apps: z.array(AppSnapshotSchema),
  /** Window ids bottom to top. */
  stack: z.array(z.string()),
  focused: z.string().nullable(),
  chat: z.array(ChatEntrySchema),
  clipboard: z.string().default(''),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const SessionSchema = z.object({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(SESSION_VERSION),
  name: z.string(),
  description: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  workspace: WorkspaceSchema,
});
export type Session = z.infer<typeof SessionSchema>;

/** A session name is a file name: letters, digits, ".", "-", "_", starting with a letter or digit. */
export const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Why a file is not a session this AgentOS can load, and whether it is damaged (set aside) or just newer. */
export class SessionFormatError extends Error {
  constructor(
    message: string,
    readonly damaged: boolean,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The original AgentOS's session (format 0): {id, name, description, created_at, updated_at,
 * workspace: {apps: [{id, title, ui_spec, state, parent_id}], focused_app_id,
 * chat_state: {messages}}}. It had no window geometry: windows cascade on restore.
 */
function fromOriginal(raw: Record<string, unknown>, name: string): Session {
  const ws = isObject(raw.workspace) ? raw.workspace : {};
  const apps = Array.isArray(ws.apps) ? ws.apps.filter(isObject) : [];
  const now = new Date().toISOString();
  const messages = isObject(ws.chat_state) && Array.isArray(ws.chat_state.messages) ? ws.chat_state.messages.filter(isObject) : [];
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    name,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    created_at: typeof raw.created_at === 'string' ? raw.created_at : now,
    updated_at: typeof raw.updated_at === 'string' ? raw.updated_at : now,
    workspace: {
      apps: apps.map((a) => {
        const spec = isObject(a.ui_spec) ? a.ui_spec : {};
        const title = typeof a.title === 'string' ? a.title : String(a.id ?? 'app');
        // Its ui_spec was either a whole Blueprint or only the `ui` part.
        const blueprint = isObject(spec.app) ? spec : { app: { id: String(a.id ?? 'app').replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64) || 'app', name: title }, ui: spec };
        const appId = String((blueprint.app as { id?: unknown }).id ?? a.id);
        return {
          id: String(a.id),
          app_id: appId.slice(0, 64),
          title,
          parent: typeof a.parent_id === 'string' && a.parent_id ? a.parent_id : null,
          blueprint,
          state: isObject(a.state) ? a.state : isObject(a.component_state) ? a.component_state : {},
          window: null,
        };
      }),
      stack: apps.map((a) => String(a.id)),
      focused: typeof ws.focused_app_id === 'string' ? ws.focused_app_id : null,
      chat: messages.map((m) => ({
        role: m.role === 'assistant' || m.type === 'assistant' ? 'assistant' : m.role === 'system' || m.type === 'system' ? 'system' : 'user',
        content: String(m.content ?? m.message ?? ''),
        at: typeof m.timestamp === 'number' ? m.timestamp : Date.parse(String(m.timestamp ?? '')) || Date.now(),
      })),
      clipboard: '',
    },
  };
}

/** The first problem zod found, as `workspace.apps[0].state: expected object`. */
function zodProblem(e: z.ZodError): string {
  const i = e.issues[0]!;
  const where = i.path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
  return `${where || '(root)'}: ${i.message.replace(/^Invalid input: /, '')}`;
}

/**
 * A session file's text as a Session of the current format. Throws SessionFormatError:
 * damaged (not JSON, wrong shape) or newer (a later format version).
 */
export function decodeSession(text: string, name: string): Session {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SessionFormatError(`not valid JSON (${(e as Error).message})`, true);
  }
  if (!isObject(raw)) throw new SessionFormatError('not a JSON object', true);
  if (raw.format === undefined && raw.version === undefined && isObject(raw.workspace)) raw = fromOriginal(raw, name);
  const r = raw as Record<string, unknown>;
  if (r.format !== SESSION_FORMAT) throw new SessionFormatError(`not an AgentOS session (format is ${JSON.stringify(r.format)})`, true);
  if (typeof r.version !== 'number' || !Number.isInteger(r.version) || r.version < 0) throw new SessionFormatError(`bad format version ${JSON.stringify(r.version)}`, true);
  if (r.version > SESSION_VERSION) {
    throw new SessionFormatError(`it was written by a newer AgentOS (session format ${r.version}; this one reads formats up to ${SESSION_VERSION}); upgrade AgentOS to open it`, false);
  }
  const parsed = SessionSchema.safeParse({ ...r, version: SESSION_VERSION, name });
  if (!parsed.success) throw new SessionFormatError(`damaged: ${zodProblem(parsed.error)}`, true);
  return parsed.data;
}

export function encodeSession(s: Session): string {
  return JSON.stringify(s, null, 1) + '\n';
}
