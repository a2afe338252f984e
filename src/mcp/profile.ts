import { readSettings } from '../config/config.js';
import { places } from '../config/paths.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Process } from '../kernel/proc/table.js';
import { grantsFor, isProfileName, PROFILE_NAMES, type ProfileName } from '../kernel/sandbox/profiles.js';

/** The lower of two profiles: MCP clients never get more than the user they act for. */
const lower = (a: ProfileName, b: ProfileName): ProfileName => (PROFILE_NAMES.indexOf(a) <= PROFILE_NAMES.indexOf(b) ? a : b);

/** `mcp.profile` from `agentos config`, capped by the user's own profile. */
export function mcpProfile(kernel: Kernel): ProfileName {
  const wanted = readSettings(places().config)['mcp.profile'];
  const user = kernel.procs.get(kernel.userPid)?.profile ?? 'MINIMAL';
  const asked: ProfileName = typeof wanted === 'string' && isProfileName(wanted) ? wanted : 'STANDARD';
  return lower(asked, isProfileName(user) ? user : 'MINIMAL');
}

/** The process MCP clients' syscalls run as: kind `mcp`, a child of the user, shown by `agentos ps`. */
export function spawnMcpProcess(kernel: Kernel): Process {
  const profile = mcpProfile(kernel);
  return kernel.spawnProcess({ name: 'mcp', kind: 'mcp', grants: grantsFor(profile), profile, ppid: kernel.userPid, cwd: '/home' });
}
