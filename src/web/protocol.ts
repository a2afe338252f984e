/**
 * The WebSocket protocol of `/stream`, shared by the server and the browser client (types
 * only: nothing here runs, so the client bundle stays small). The server validates what
 * clients send with the zod schemas in ws-messages.ts.
 *
 * The original's part: the client sends `chat`, `generate_ui` or `ping`; the server answers
 * `system` (on connect), `pong`, `generation_start`, `thought`, `token` and
 * `generation_token` (the same text under both names), `ui_generated` and `ui_complete`
 * (both names), `complete` and `error`. Every server message has a `timestamp` (ms).
 *
 * Ours: desktop sync (`desktop` once on connect, then `patch` after each change), events
 * and window commands from the browser, launching apps, terminals. A client message may
 * carry an `id`; the server answers it with `ack` (or `error` with the same id).
 */
import type { Component } from '../blueprint/types.js';
import type { AppInstance, ChatMessage, Desktop, Dialog, Notification } from '../runtime/types.js';
import type { Rect, ResizeEdge, SnapZone, TileLayout, WindowGeometry } from '../runtime/windows.js';

export type RequestId = string | number;

// ---- browser -> server ---------------------------------------------------------------

export type WindowAction =
  | { action: 'place'; rect: Rect }
  | { action: 'move'; dx: number; dy: number }
  | { action: 'resize'; edge: ResizeEdge; dx: number; dy: number }
  | { action: 'snap'; zone: SnapZone }
  | { action: 'minimize' | 'maximize' | 'toggle_maximize' | 'fullscreen' | 'restore' | 'raise' | 'lower' | 'focus' | 'close' };

export type ClientMessage = { id?: RequestId } & (
  | { type: 'ping' }
  | { type: 'chat'; message: string; context?: { parent_id?: string | null } & Record<string, unknown> }
  | { type: 'generate_ui'; message: string; context?: { parent_id?: string | null } & Record<string, unknown> }
  | { type: 'sync' }
  | { type: 'event'; app_id: string; component: string; event: string; value?: unknown }
  | { type: 'key'; app_id: string; key: string }
  | ({ type: 'window'; app_id: string } & WindowAction)
  | { type: 'tile'; layout: TileLayout | 'off' }
  | { type: 'cycle'; direction?: 1 | -1 }
  | { type: 'launch'; app_id: string; parent_id?: string | null }
  | { type: 'tool'; app_id: string; tool: string; args?: Record<string, unknown> }
  | { type: 'dialog'; dialog_id: number; yes?: boolean }
  | { type: 'dismiss'; notification_id: number }
  | { type: 'clear_errors'; app_id: string }
  | { type: 'term_open'; app_id: string; cols?: number; rows?: number }
  | { type: 'term_input'; app_id: string; data: string }
  | { type: 'term_resize'; app_id: string; cols: number; rows: number }
  | { type: 'term_close'; app_id: string }
);

export type ClientMessageType = ClientMessage['type'];

/** Tools a browser may call for an app directly: the same few the terminal view uses. */
export const VIEW_TOOLS = ['ui.set', 'tabs.switch', 'modal.open', 'modal.close'] as const;

// ---- server -> browser ---------------------------------------------------------------

/** A launchable app, for the dock and the spotlight. */
export interface CatalogItem {
  id: string;
  name: string;
  description?: string;
  icon?: string;
  category?: string;
  source?: string;
}

/** One app's change: a new app whole, else only what moved. */
export type AppChange =
  | { full: AppInstance }
  | {
      version: number;
      title?: string;
      blueprint?: AppInstance['blueprint'];
      /** State keys set (new or changed) and deleted. */
      set?: Record<string, unknown>;
      del?: string[];
      errors?: AppInstance['errors'];
      parent?: string | null;
      pid?: number;
    };

/** The desktop's change from version `from` to `version`; absent fields did not change. */
export interface DesktopPatch {
  from: number;
  version: number;
  /** Changed apps by id; null: closed. New apps come last, keeping launch order. */
  apps?: Record<string, AppChange | null>;
  windows?: Record<string, WindowGeometry | null>;
  stack?: string[];
  focused?: string | null;
  notifications?: Notification[];
  dialogs?: Dialog[];
  /** Chat messages new or changed, and the ids in order when any came or went. */
  chat?: { upsert: ChatMessage[]; ids?: number[] };
  clipboard?: string;
}

type Stamped<T> = T & { timestamp: number; id?: RequestId };

export type ServerMessage = Stamped<
  | { type: 'system'; message: string; client_id: string; version: string }
  | { type: 'pong' }
  | { type: 'ack'; result?: unknown }
  | { type: 'error'; error: string; code?: string; generation_id?: string }
  | { type: 'desktop'; desktop: Desktop; catalog: CatalogItem[] }
  | ({ type: 'patch' } & DesktopPatch)
  | { type: 'catalog'; catalog: CatalogItem[] }
  | { type: 'generation_start'; message: string; generation_id: string }
  | { type: 'thought'; content: string; generation_id?: string }
  | { type: 'token'; content: string; generation_id?: string }
  | { type: 'generation_token'; content: string; generation_id?: string }
  | { type: 'ui_component'; component: Component; index: number; generation_id: string }
  | { type: 'ui_generated'; app_id: string; ui_spec: unknown; generation_id: string }
  | { type: 'ui_complete'; app_id: string; ui_spec: unknown; generation_id: string }
  | { type: 'complete'; generation_id?: string; app_id?: string; provider?: string; model?: string; cached?: boolean; reply?: string }
  | { type: 'term_data'; app_id: string; data: string }
  | { type: 'term_info'; app_id: string; status: 'running' | 'exited' | 'failed' | 'waiting'; cols?: number; rows?: number; message?: string; owner?: boolean }
>;

export type ServerMessageType = ServerMessage['type'];

/** Messages the browser may send before any other work: size limit of one frame. */
export const MAX_WS_MESSAGE_BYTES = 1024 * 1024;
