import type { Blueprint } from '../blueprint/types.js';
import type { WindowGeometry } from './windows.js';

/** Something that went wrong in one app: shown on that app, never fatal to the desktop. */
export interface AppError {
  at: number;
  /** errno-style code of a kernel error (EACCES, EINVAL...), or ETOOL for a tool's own failure. */
  code: string;
  message: string;
  tool?: string;
  component?: string;
  event?: string;
}

/** One running app (one window). Snapshots are immutable: a change makes a new object. */
export interface AppInstance {
  /** Instance id: the Blueprint's app id, or `<id>~2`, `<id>~3`... for more instances. */
  readonly id: string;
  /** The Blueprint's `app.id`. */
  readonly appId: string;
  readonly title: string;
  readonly blueprint: Blueprint;
  /** Key -> value, keyed by component id and free keys. */
  readonly state: Readonly<Record<string, unknown>>;
  readonly errors: readonly AppError[];
  readonly parent: string | null;
  readonly pid: number;
  readonly startedAt: number;
  /** Bumped on every change of this app: views can skip apps whose version did not move. */
  readonly version: number;
}

export interface Notification {
  readonly id: number;
  readonly app: string | null;
  readonly title: string;
  readonly message: string;
  readonly level: 'info' | 'success' | 'warning' | 'error';
  readonly at: number;
}

/** An alert or confirmation waiting for the user (views draw it; answerDialog closes it). */
export interface Dialog {
  readonly id: number;
  readonly app: string;
  readonly kind: 'alert' | 'confirm';
  readonly title: string;
  readonly message: string;
}

export interface ChatMessage {
  readonly id: number;
  readonly role: 'user' | 'assistant' | 'system';
  readonly content: string;
  readonly thoughts?: readonly string[];
  readonly at: number;
  /** The app a generation launched, if any. */
  readonly app?: string;
}

/** The whole desktop at one moment. Every change produces a new snapshot with a higher version. */
export interface Desktop {
  readonly version: number;
  /** Running apps by instance id, in launch order. */
  readonly apps: Readonly<Record<string, AppInstance>>;
  readonly windows: Readonly<Record<string, WindowGeometry>>;
  /** Window ids, bottom to top. */
  readonly stack: readonly string[];
  readonly focused: string | null;
  readonly notifications: readonly Notification[];
  readonly dialogs: readonly Dialog[];
  readonly chat: readonly ChatMessage[];
  readonly clipboard: string;
}

export const EMPTY_DESKTOP: Desktop = Object.freeze({
  version: 0,
  apps: Object.freeze({}),
  windows: Object.freeze({}),
  stack: Object.freeze([]) as readonly string[],
  focused: null,
  notifications: Object.freeze([]) as readonly Notification[],
  dialogs: Object.freeze([]) as readonly Dialog[],
  chat: Object.freeze([]) as readonly ChatMessage[],
  clipboard: '',
});
