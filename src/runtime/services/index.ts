import type { ToolDef } from '../tools/types.js';
import { AUTH_TOOLS } from './auth.js';
import { FILESYSTEM_TOOLS } from './filesystem.js';
import { STORAGE_TOOLS } from './storage.js';
import { SYSTEM_SERVICE_TOOLS } from './system.js';

/**
 * The service tools (storage, filesystem, system, auth). Each names its `service`, so the
 * runtime can refuse a tool whose service the app did not declare.
 */
export const SERVICE_TOOLS: ToolDef[] = [...STORAGE_TOOLS, ...FILESYSTEM_TOOLS, ...SYSTEM_SERVICE_TOOLS, ...AUTH_TOOLS];

export const SERVICE_NAMES = ['storage', 'filesystem', 'system', 'auth'] as const;
export { ServiceError } from './errors.js';
