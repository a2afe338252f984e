import type { Blueprint } from '../blueprint/types.js';
import { KernelError } from '../kernel/errors.js';
import { CAPABILITIES, isCapability, type Capability, type Grant } from '../kernel/sandbox/capabilities.js';
import { grantsFor, isProfileName } from '../kernel/sandbox/profiles.js';
import { didYouMean } from '../util/suggest.js';
import type { ToolDef } from './tools/types.js';

/**
 * Where a capability named alone in `permissions` applies. A generated app is untrusted:
 * "READ_FILE" means the user's files and temp files (as in STANDARD), never the whole
 * tree; capabilities without a place (time, messages, network, programs) apply as named.
 */
const DEFAULT_SCOPES: Partial<Record<Capability, string[]>> = {
  READ_FILE: ['/home/**', '/tmp/**', '/apps/**'],
  LIST_DIRECTORY: ['/home/**', '/tmp/**', '/apps/**'],
  WRITE_FILE: ['/home/**', '/tmp/**'],
  CREATE_FILE: ['/home/**', '/tmp/**'],
  DELETE_FILE: ['/home/**', '/tmp/**'],
  MOUNT: [],
};

/**
 * Where no app's own grants reach, whatever its permissions say: the services' private
 * data (password hashes, every app's storage). Only the services' processes touch it
 * (service-procs.ts); a deny over a longer path wins over `/home/**` and over PRIVILEGED.
 */
export const PRIVATE_DATA = ['/home/.agentos/**'];
const PRIVATE_DENIES: Grant[] = (['READ_FILE', 'LIST_DIRECTORY', 'WRITE_FILE', 'CREATE_FILE', 'DELETE_FILE', 'MOUNT'] as Capability[]).map((cap) => ({ cap, scope: [...PRIVATE_DATA], deny: true }));

export interface AppGrants {
  grants: Grant[];
  /** What the process table shows: the profile, or "custom" for capability lists. */
  profile: string;
}

/**
 * The grants of an app's process: exactly what its Blueprint's `permissions` name (profiles
 * and/or capabilities; none at all means MINIMAL), plus what the tools of the services it
 * declares say they need (ToolDef.grants), and nothing else; never /home/.agentos.
 */
export function grantsForApp(bp: Blueprint, tools: Iterable<ToolDef>): AppGrants {
  const perms = bp.app.permissions ?? [];
  const grants: Grant[] = [];
  const profiles: string[] = [];
  for (const raw of perms) {
    const name = raw.toUpperCase();
    if (isProfileName(name)) {
      grants.push(...grantsFor(name));
      profiles.push(name);
    } else if (isCapability(name)) {
      const scope = DEFAULT_SCOPES[name];
      if (scope && scope.length === 0) continue; // never granted by name alone
      grants.push(scope ? { cap: name, scope: [...scope] } : { cap: name });
    } else {
      throw new KernelError('EINVAL', `app "${bp.app.id}": unknown permission "${raw}"${didYouMean(raw, [...Object.keys(CAPABILITIES), 'MINIMAL', 'STANDARD', 'PRIVILEGED'])}`);
    }
  }
  if (perms.length === 0) {
    grants.push(...grantsFor('MINIMAL'));
    profiles.push('MINIMAL');
  }
  const declared = new Map(bp.services.map((s) => [s.name, s]));
  for (const tool of tools) {
    if (!tool.service || !tool.grants) continue;
    const ref = declared.get(tool.service);
    if (!ref || !serviceAllows(ref.tools, tool)) continue;
    grants.push(...tool.grants({ appId: bp.app.id }));
  }
  const onlyProfile = profiles.length === 1 && grants.length === grantsFor(profiles[0] as 'MINIMAL').length;
  const profile = onlyProfile ? profiles[0]! : 'custom';
  return { grants: dedupe([...grants, ...PRIVATE_DENIES.map((g) => ({ ...g, scope: [...g.scope!] }))]), profile };
}

/** Whether a declared service's tool subset (absent: all) includes this tool. */
export function serviceAllows(subset: readonly string[] | undefined, tool: Pick<ToolDef, 'id' | 'service'>): boolean {
  if (!subset) return true;
  const verb = tool.service && tool.id.startsWith(tool.service + '.') ? tool.id.slice(tool.service.length + 1) : tool.id;
  return subset.includes(verb) || subset.includes(tool.id);
}

function dedupe(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.deny ? '-' : '+'}${g.cap}:${(g.scope ?? ['*']).join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
