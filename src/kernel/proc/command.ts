import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { KernelError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import type { Process } from './table.js';
import type { Grant } from '../sandbox/capabilities.js';
import { decide, denied, type CheckResult } from '../sandbox/policy.js';
import { specificity } from '../sandbox/glob.js';
import { LocalFS } from '../vfs/localfs.js';

/**
 * The program a spawn names, made canonical: found on PATH when it is a bare name, and
 * every symlink resolved. The check and the spawn both use this path, so a link retargeted
 * after the check cannot change what runs.
 */
export function resolveExecutable(command: string, pathEnv: string, hostCwd: string): string {
  if (command.startsWith('-')) throw new KernelError('EINVAL', `command "${command}" starts with "-"; name a program, and pass options in args`);
  const candidates = command.includes('/')
    ? [path.resolve(hostCwd, command)]
    : pathEnv.split(':').filter((d) => d.startsWith('/')).map((d) => path.join(d, command));
  for (const file of candidates) {
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return realpathSync(file);
    } catch {}
  }
  throw new KernelError('ENOENT', command.includes('/') ? `${command} is not an executable file` : `program "${command}" was not found on PATH`);
}

/** How specific the rule a decision used is for this target (-1: no rule matched). */
function rankOf(r: CheckResult, target: string): number {
  if (!r.rule) return -1;
  if (!r.rule.scope) return 0;
  return Math.max(-1, ...r.rule.scope.filter((p) => p === '*' || p === target).map(specificity));
}

/**
 * SPAWN_PROCESS is scoped by program: a grant names the canonical path (`/usr/bin/ls`) or
 * its basename (`ls`). Both spellings are decided and the more specific rule wins; at a
 * tie, a deny. So `allow ls, deny *` runs ls and nothing else.
 */
export function decideSpawn(grants: readonly Grant[], executable: string): CheckResult {
  const targets = [executable, path.basename(executable)];
  let best: CheckResult | undefined;
  let bestRank = -2;
  for (const t of targets) {
    const r = decide(grants, 'SPAWN_PROCESS', t);
    // A bare name allows only the system's program of that name: a file the app wrote and
    // called `echo` (or found through a PATH it chose) must be granted by its own path.
    if (t !== executable && r.allowed && !inSystemDir(executable)) continue;
    const rank = rankOf(r, t);
    if (rank > bestRank || (rank === bestRank && r.rule?.deny && !best?.rule?.deny)) {
      best = r;
      bestRank = rank;
    }
  }
  return best!;
}

/** The host's program folders (canonical), where a basename grant means what it says. */
const SYSTEM_BIN_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
let systemDirs: Set<string> | undefined;
function inSystemDir(executable: string): boolean {
  systemDirs ??= new Set(SYSTEM_BIN_DIRS.flatMap((d) => {
    try {
      return [realpathSync(d)];
    } catch {
      return [];
    }
  }));
  return systemDirs.has(path.dirname(executable));
}

export function checkSpawn(proc: Process, executable: string): void {
  const r = decideSpawn(proc.grants, executable);
  if (!r.allowed) throw denied('SPAWN_PROCESS', r, executable);
}

/**
 * A child's working directory: a VFS folder on a host-backed mount (LocalFS), turned into
 * its host path. MemFS folders exist only inside the kernel, so no child can start there.
 */
export async function hostCwd(kernel: Kernel, proc: Process, vfsCwd: string | undefined): Promise<{ vfs: string; host: string }> {
  const r = await kernel.resolve(proc, vfsCwd ?? '/home');
  // A chosen folder is one the caller may list; otherwise cwd would probe paths it may not see.
  if (vfsCwd !== undefined) kernel.check(proc, 'LIST_DIRECTORY', r.path);
  const backend = r.mount.backend;
  if (!(backend instanceof LocalFS)) {
    throw new KernelError('EINVAL', `cwd ${r.path} is on ${backend.kind}, which only the kernel sees; use a folder under a host mount such as /home`);
  }
  const host = r.rel ? path.join(backend.root, r.rel) : backend.root;
  let isDir = false;
  try {
    isDir = statSync(host).isDirectory();
  } catch {
    throw new KernelError('ENOENT', `cwd ${r.path} does not exist`);
  }
  if (!isDir) throw new KernelError('ENOTDIR', `cwd ${r.path} is not a directory`);
  return { vfs: r.path, host };
}
