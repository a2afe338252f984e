/**
 * Which tool ids exist and which service each needs. The runtime owns the tool table and
 * registers it here with setKnownTools; until it does, any well-formed `family.verb` id is
 * accepted and the services' tools are the ones the original documents.
 */

/** A tool as the validator sees it: its id and, for service tools, the service to declare. */
export interface KnownTool {
  id: string;
  /** The service an app must declare to call it; null: none (a built-in tool). */
  service?: string | null;
}

export type KnownToolsInput = Iterable<string | KnownTool>;

/** `family.verb`, possibly deeper (`ui.list.add`). */
export const TOOL_ID = /^[a-z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+$/;

/** The original's services and their tools. `system.log` is also a built-in tool, so it needs no service. */
export const SERVICE_TOOLS: Record<string, readonly string[]> = {
  storage: ['set', 'get', 'remove', 'list', 'clear'],
  filesystem: ['list', 'stat', 'read', 'write', 'create', 'mkdir', 'delete', 'move', 'copy', 'exists'],
  system: ['info', 'time', 'log', 'getLogs', 'ping'],
  auth: ['register', 'login', 'logout', 'verify', 'getUser'],
};
const BUILTIN_ALSO = new Set(['system.log']);

/** The service a tool needs by the original's convention (used when the runtime has not said). */
function conventionalService(id: string): string | null {
  if (BUILTIN_ALSO.has(id)) return null;
  const dot = id.indexOf('.');
  const family = id.slice(0, dot);
  if (family === 'system') return SERVICE_TOOLS.system!.includes(id.slice(dot + 1)) ? 'system' : null;
  return Object.hasOwn(SERVICE_TOOLS, family) ? family : null;
}

export class ToolCatalog {
  private readonly byId = new Map<string, string | null | undefined>();
  readonly services: ReadonlySet<string>;

  constructor(
    tools: KnownToolsInput | undefined,
    /** Whether unknown ids are errors (a list was given) or accepted (no list). */
    readonly closed = tools !== undefined,
  ) {
    const services = new Set(Object.keys(SERVICE_TOOLS));
    for (const t of tools ?? []) {
      // A bare id leaves its service to convention; an entry's `service` is authoritative.
      const service = typeof t === 'string' ? undefined : (t.service ?? null);
      this.byId.set(typeof t === 'string' ? t : t.id, service);
      if (service) services.add(service);
    }
    this.services = services;
  }

  has(id: string) {
    return !this.closed || this.byId.has(id);
  }

  ids() {
    return this.byId.keys();
  }

  /** The service an app must declare to call this tool, or null. */
  serviceOf(id: string): string | null {
    const s = this.byId.get(id);
    return s === undefined ? conventionalService(id) : s;
  }

  /** The verbs a service offers, when they can be known. */
  toolsOf(service: string): string[] | undefined {
    if (this.closed) {
      const verbs: string[] = [];
      for (const [id, s] of this.byId) if ((s === undefined ? conventionalService(id) : s) === service) verbs.push(verbOf(id, service));
      if (verbs.length) return verbs;
    }
    return SERVICE_TOOLS[service] ? [...SERVICE_TOOLS[service]] : undefined;
  }
}

/** `storage.get` -> `get` for the storage service; other ids stay whole. */
export const verbOf = (id: string, service: string) => (id.startsWith(service + '.') ? id.slice(service.length + 1) : id);

let registered: ToolCatalog = new ToolCatalog(undefined);

/**
 * The runtime calls this once with its tool table (ids, or `{id, service}` entries such as
 * its ToolDefs); from then on Blueprints naming other tools fail to load. `null` forgets it.
 */
export function setKnownTools(tools: KnownToolsInput | null) {
  registered = new ToolCatalog(tools ?? undefined);
}

export const knownTools = () => registered;
