import type { ChatEvent } from '../ai/chat/types.js';
import type { GenEvent } from '../ai/events.js';
import type { Blueprint } from '../blueprint/types.js';
import type { Kernel } from '../kernel/kernel.js';
import type { AppCatalog } from '../runtime/catalog.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Assets } from './assets.js';
import type { McpEndpoint } from './mcp-http.js';
import type { WebMetrics } from './metrics.js';
import type { CatalogItem } from './protocol.js';

/**
 * The app registry as the web API uses it (src/runtime/registry implements it): saved and
 * shipped apps by id. Without one, the API lists and launches the catalog and refuses to
 * save or delete.
 */
export interface RegistryPort {
  list(): Promise<CatalogItem[]>;
  get(id: string): Promise<Blueprint>;
  save(bp: Blueprint): Promise<unknown>;
  remove(id: string): Promise<unknown>;
}

/** Saved workspaces (src/runtime/sessions implements it). */
export interface SessionsPort {
  list(): Promise<unknown[]>;
  get(id: string): Promise<unknown>;
  save(name: string, description?: string): Promise<unknown>;
  restore(id: string): Promise<unknown>;
  remove(id: string): Promise<unknown>;
}

/** The chat agent (src/ai/chat): streams a reply; may open, close and generate apps. */
export interface ChatPort {
  reply(message: string, opts: { signal?: AbortSignal }): AsyncIterable<ChatEvent>;
}

/** Everything a route or the stream may use: the live desktop and its kernel, nothing of the host. */
export interface WebContext {
  kernel: Kernel;
  runtime: Runtime;
  /** The token holder's process (a child of the user's, with the user's grants): API syscalls run as it. */
  pid: number;
  catalog: AppCatalog;
  registry?: RegistryPort;
  sessions?: SessionsPort;
  chat?: ChatPort;
  /** A sentence -> the generator's events (src/ai generate with the configured provider). */
  generate(prompt: string, opts: { signal?: AbortSignal }): AsyncIterable<GenEvent>;
  metrics: WebMetrics;
  version: string;
  startedAt: number;
  /** Open WebSocket clients (for /health). */
  clients(): number;
  /** Launchable apps for the dock and spotlight (the registry's, else the catalog's). */
  launchable(): Promise<CatalogItem[]>;
  /** The launchable apps changed (saved, deleted): the docks are told. */
  catalogChanged(): void;
  /** Start a launchable app by id (the registry's Blueprint first, else the catalog's). */
  launchApp(appId: string, opts?: { parent?: string | null }): Promise<string>;
  /** The built browser client. */
  assets: Assets;
  /** Whether a presented token is this server's. */
  isToken(t: string | undefined | null): boolean;
  /** The cookie that carries the token, for a token presented in `?token=`. */
  tokenCookie(token: string): string;
  /** The MCP server at /mcp (Streamable HTTP) on this desktop. */
  mcp?: McpEndpoint;
  /** Every route (GET /routes lists them). */
  routes(): readonly { method: string; path: string; doc: string; public?: boolean }[];
}
