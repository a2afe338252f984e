import type { Route } from '../route.js';
import { aiRoutes } from './ai.js';
import { appRoutes } from './apps.js';
import { clientRoutes } from './client.js';
import { kernelRoutes } from './kernel.js';
import { mcpRoutes } from './mcp.js';
import { metaRoutes } from './meta.js';
import { registryRoutes } from './registry.js';
import { serviceRoutes } from './services.js';
import { sessionRoutes } from './sessions.js';

/**
 * The route table: the original's endpoints over the runtime, and ours (syscalls, the
 * client). One entry per route, one file per area, like the syscall table. `GET /stream`
 * (the WebSocket) is answered by the upgrade handler in stream.ts.
 */
export const ROUTES: readonly Route<any>[] = [
  ...clientRoutes,
  ...metaRoutes,
  ...appRoutes,
  ...serviceRoutes,
  ...aiRoutes,
  ...registryRoutes,
  ...sessionRoutes,
  ...kernelRoutes,
  ...mcpRoutes,
];
