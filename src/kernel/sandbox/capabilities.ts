/**
 * The closed list of capabilities. Unlisted means denied. The first fourteen are the
 * original's; MOUNT is ours (mounting a host folder is an escape route, so it has its own).
 * Each names the kind of scope its grants carry.
 */
export type ScopeKind = 'path' | 'host' | 'port' | 'command' | 'none';

export const CAPABILITIES = {
  READ_FILE: { display: 'read files', scope: 'path' },
  WRITE_FILE: { display: 'write files', scope: 'path' },
  CREATE_FILE: { display: 'create files', scope: 'path' },
  DELETE_FILE: { display: 'delete files', scope: 'path' },
  LIST_DIRECTORY: { display: 'list directories', scope: 'path' },
  SPAWN_PROCESS: { display: 'run programs', scope: 'command' },
  KILL_PROCESS: { display: 'signal and stop processes', scope: 'none' },
  NETWORK_ACCESS: { display: 'reach the network', scope: 'host' },
  BIND_PORT: { display: 'listen on ports', scope: 'port' },
  SYSTEM_INFO: { display: 'read system information', scope: 'none' },
  TIME_ACCESS: { display: 'read the clock and sleep', scope: 'none' },
  SEND_MESSAGE: { display: 'send messages to other processes', scope: 'none' },
  RECEIVE_MESSAGE: { display: 'receive messages from other processes', scope: 'none' },
  NETWORK_NAMESPACE: { display: 'manage network namespaces', scope: 'none' },
  MOUNT: { display: 'mount and unmount filesystems', scope: 'path' },
} as const satisfies Record<string, { display: string; scope: ScopeKind }>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

export const isCapability = (s: string): s is Capability => Object.hasOwn(CAPABILITIES, s);

/**
 * A grant gives (or, with deny, takes away) one capability over a scope.
 * Scope patterns: paths are globs over VFS paths (`/home/**`), hosts are names or
 * `*.example.com`, ports are numbers or `from-to`, commands are executable names.
 * An absent scope means "any".
 */
export interface Grant {
  cap: Capability;
  scope?: string[];
  deny?: boolean;
}
