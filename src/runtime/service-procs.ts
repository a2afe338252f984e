import { KernelError } from '../kernel/errors.js';
import type { Capability, Grant } from '../kernel/sandbox/capabilities.js';
import type { AppRecord, Core } from './core.js';
import { serviceAllows } from './permissions.js';
import { SERVICE_DIR } from './services/json-file.js';

/**
 * Services whose data is private (password hashes, every app's storage): no app's grants
 * reach /home/.agentos, so their files are touched only by the service's own kernel process,
 * on behalf of an app that declared the tool. Each process may reach only its own folder.
 */
export const PRIVATE_SERVICES: readonly string[] = ['storage', 'auth'];

const FILE_CAPS: Capability[] = ['READ_FILE', 'LIST_DIRECTORY', 'WRITE_FILE', 'CREATE_FILE', 'DELETE_FILE'];

/** What a service's process holds: the file capabilities over /home/.agentos/<service>/** only. */
export const serviceGrants = (service: string): Grant[] => FILE_CAPS.map((cap) => ({ cap, scope: [`${SERVICE_DIR}/${service}/**`] }));

/** The service's process, started on first use (again if something ended it) under the desktop. */
function servicePid(core: Core, service: string): number {
  const known = core.servicePids.get(service);
  if (known !== undefined && core.kernel.procs.get(known)) return known;
  const proc = core.kernel.spawnProcess({ name: `${service}-service`, kind: 'service', grants: serviceGrants(service), profile: 'custom', ppid: core.deskPid, cwd: SERVICE_DIR });
  core.servicePids.set(service, proc.pid);
  return proc.pid;
}

/**
 * A syscall of service tool `tool` (`storage.set`) for app `rec`, made by the service's
 * process, after checking the app declared that service and that tool of it.
 */
export function serviceSyscall<R>(core: Core, rec: AppRecord, tool: string, name: string, args: Record<string, unknown> = {}): Promise<R> {
  const service = tool.slice(0, Math.max(0, tool.indexOf('.')));
  if (!PRIVATE_SERVICES.includes(service)) return Promise.reject(new KernelError('EINVAL', `${tool} is not a tool of a service with private data (${PRIVATE_SERVICES.join(', ')})`));
  const ref = rec.services.get(service);
  if (!ref) return Promise.reject(new KernelError('EACCES', `${tool} needs the "${service}" service, which app "${rec.appId}" does not declare`));
  if (!serviceAllows(ref.tools, { id: tool, service })) {
    return Promise.reject(new KernelError('EACCES', `app "${rec.appId}" declared only ${ref.tools!.map((t) => `${service}.${t}`).join(', ')} of the "${service}" service, not ${tool}`));
  }
  return core.kernel.syscall<R>(servicePid(core, service), name, args);
}
