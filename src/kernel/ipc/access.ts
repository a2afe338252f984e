import { KernelError, refusal } from '../errors.js';

/** Who may use an IPC object: its owner, and the pids the owner named. */
export interface Owned {
  id: number;
  owner: number;
}

/** The object, or ENOENT naming the kind ("no pipe 7"). */
export function lookup<T>(map: Map<number, T>, kind: string, id: number): T {
  const obj = map.get(id);
  if (!obj) throw new KernelError('ENOENT', `no ${kind} ${id} (it was never made, or has been destroyed)`);
  return obj;
}

export function refuse(kind: string, id: number, pid: number, why = 'it belongs to other processes'): KernelError {
  return refusal('EACCES', `process ${pid} may not use ${kind} ${id}: ${why}`, `${kind} ${id}`);
}

export function requireOwner(obj: Owned, kind: string, pid: number) {
  if (obj.owner !== pid) throw refuse(kind, obj.id, pid, `only its owner (process ${obj.owner}) may do that`);
}

/** Sizes in messages people read: 64 MB, 0.5 MB. */
export const mb = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MB`;
