import type { CatalogEntry } from '../catalog.js';

/** Where an app comes from: shipped with AgentOS (apps/, read-only at /apps), saved by the user, or generated. */
export const APP_SOURCES = ['shipped', 'saved', 'generated'] as const;
export type AppSource = (typeof APP_SOURCES)[number];

/** One app as `agentos apps list` and the launcher show it. */
export interface RegistryEntry extends CatalogEntry {
  source: AppSource;
  /** The VFS path of its Blueprint file. */
  file: string;
  version?: string;
  tags?: string[];
  /** A saved or generated app hiding the shipped app of the same id (`apps rm` brings that back). */
  overrides?: 'shipped';
}

/** A Blueprint file that could not be registered: one line, `file:line:col path: message`. */
export interface RegistryProblem {
  file: string;
  line: number;
  col: number;
  message: string;
  /** The whole line as printed. */
  text: string;
}

/**
 * How the registry reaches the kernel: a syscall as some process. In-process that is
 * `kernel.syscall(pid, ...)` (the registry's own service process, or the user's); for a
 * one-shot command it may be the live kernel over its control socket.
 */
export interface Syscaller {
  syscall<R = unknown>(name: string, args?: Record<string, unknown>): Promise<R>;
}
