import type { Blueprint } from '../../blueprint/types.js';

/** What `chat()` streams: thoughts (for stderr or a side panel), the answer in pieces, what it did. */
export type ChatEvent =
  | { type: 'thought'; text: string }
  | { type: 'token'; text: string }
  | { type: 'action'; name: ActionName; args: Record<string, unknown>; ok: boolean; result: string }
  | { type: 'done'; answer: string }
  | { type: 'error'; message: string };

export type ActionName = 'open_app' | 'close_app' | 'list_apps' | 'generate_app' | 'explain';

export interface AppSummary {
  id: string;
  name: string;
  description?: string;
  /** Where it comes from: shipped, saved, running. */
  source: string;
}

/** A command or syscall as the chat explains it (read from their tables by the caller). */
export interface DocEntry {
  name: string;
  summary: string;
  usage?: string;
  details?: string[];
  examples?: string[];
}

/**
 * What the chat can act on. The caller (the CLI, the desktop's chat panel) supplies it, so
 * this layer imports neither the command table nor the runtime. A method that cannot work
 * here (no desktop to open an app in) throws an Error whose message says why.
 */
export interface ChatHost {
  listApps(): Promise<{ running: AppSummary[] | null; available: AppSummary[] }>;
  openApp(id: string): Promise<string>;
  closeApp(id: string): Promise<string>;
  generateApp(prompt: string): Promise<{ blueprint: Blueprint; savedAs?: string; reason?: string }>;
  commands: DocEntry[];
  syscalls: DocEntry[];
}
