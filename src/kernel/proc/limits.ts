import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a caller may cap for one OS child. Absent means the kernel's default (or none). */
export interface ChildLimits {
  memory_bytes?: number;
  cpu_seconds?: number;
  max_processes?: number;
  open_files?: number;
}

export type LimitName = keyof ChildLimits;
export type LimitHit = 'timeout' | 'output' | 'memory' | 'cpu';

/**
 * The files each cgroup version uses. v1 has one hierarchy per controller; v2 one
 * hierarchy with all controllers. memsw caps memory plus swap, so a hog cannot swap out.
 */
const CGROUP_FILES = {
  v1: { memory: ['memory.limit_in_bytes', 'memory.memsw.limit_in_bytes'], pids: ['pids.max'], usage: 'memory.usage_in_bytes', failures: 'memory.oom_control' },
  v2: { memory: ['memory.max', 'memory.swap.max'], pids: ['pids.max'], usage: 'memory.current', failures: 'memory.events' },
} as const;

/** How prlimit spells each limit; memory is the address space (RLIMIT_AS). */
const PRLIMIT_FLAGS: Record<LimitName, string> = {
  memory_bytes: '--as',
  cpu_seconds: '--cpu',
  max_processes: '--nproc',
  open_files: '--nofile',
};

type Controller = 'pids' | 'memory';

export interface LimitSupport {
  cgroup: 'v1' | 'v2' | null;
  /** The folder new groups are made in, per controller (one folder for v2). */
  parents: Partial<Record<Controller, string>>;
  /** Our own group per controller, when we may move back into it (see Jail.hold). */
  home: Partial<Record<Controller, string>>;
  prlimit: string | null;
  mechanism: string;
  detail: string;
}

let detected: LimitSupport | undefined;

/** Probe once per host process: which mechanisms can bind a child here. Cheap: a few stats. */
export function limitSupport(): LimitSupport {
  if (detected) return detected;
  const prlimit = findOnPath('prlimit');
  const v2 = probeV2();
  const v1 = v2 ? undefined : probeV1();
  const cg = v2 ?? v1;
  const parts: string[] = [];
  if (cg) parts.push(`cgroup ${cg.version} (${Object.keys(cg.parents).join(', ')})`);
  if (prlimit) parts.push(`prlimit (${cg ? 'cpu time, open files' : 'memory, cpu time, processes, open files'})`);
  const mechanism = parts.length ? parts.join(' + ') : 'timeouts and output caps';
  const detail = cg
    ? `groups under ${Object.values(cg.parents).join(', ')}`
    : prlimit
      ? 'no writable cgroup: prlimit sets rlimits (RLIMIT_NPROC does not bind root); timeouts and output caps always apply'
      : 'no cgroup and no prlimit: only timeouts and output caps apply';
  detected = { cgroup: cg?.version ?? null, parents: cg?.parents ?? {}, home: cg?.home ?? {}, prlimit, mechanism, detail };
  return detected;
}

/** Replace the probe's answer (tests that simulate a host without cgroups); undefined probes again. */
export function overrideLimitSupport(s: LimitSupport | undefined) {
  detected = s;
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    if (!dir.startsWith('/')) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** Our own cgroup per hierarchy, from /proc/self/cgroup (`id:controllers:/path`). */
function ownCgroups(): Map<string, string> {
  const map = new Map<string, string>();
  try {
    for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
      const m = /^\d+:([^:]*):(.*)$/.exec(line);
      if (!m) continue;
      if (m[1] === '') map.set('', m[2]!);
      for (const c of m[1]!.split(',')) if (c) map.set(c, m[2]!);
    }
  } catch {}
  return map;
}

const writable = (dir: string) => {
  try {
    accessSync(dir, constants.W_OK);
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

type Probe = { version: 'v1' | 'v2'; parents: Partial<Record<Controller, string>>; home: Partial<Record<Controller, string>> };

function probeV1(): Probe | undefined {
  const own = ownCgroups();
  const parents: Partial<Record<Controller, string>> = {};
  const home: Partial<Record<Controller, string>> = {};
  for (const c of ['pids', 'memory'] as const) {
    const mount = `/sys/fs/cgroup/${c}`;
    if (!existsSync(`${mount}/cgroup.procs`)) continue;
    const inOwn = path.join(mount, own.get(c) ?? '/');
    if (writable(inOwn)) parents[c] = home[c] = inOwn;
    else if (writable(mount)) parents[c] = mount;
  }
  return Object.keys(parents).length ? { version: 'v1', parents, home } : undefined;
}

/** v2 binds only where pids and memory are already delegated to our group's children. */
function probeV2(): Probe | undefined {
  const root = '/sys/fs/cgroup';
  if (!existsSync(`${root}/cgroup.controllers`)) return undefined;
  const own = path.join(root, ownCgroups().get('') ?? '/');
  try {
    const delegated = readFileSync(`${own}/cgroup.subtree_control`, 'utf8').split(/\s+/);
    if (!delegated.includes('pids') || !delegated.includes('memory') || !writable(own)) return undefined;
  } catch {
    return undefined;
  }
  return { version: 'v2', parents: { pids: own, memory: own }, home: {} };
}

/**
 * The kernel's groups: one folder `agentos-<host pid>` per controller, holding a group
 * per limited child. Children without explicit limits join the kernel's own group, which
 * caps all of them together (one write per spawn, no mkdir).
 */
export class CgroupJails {
  private readonly base: Partial<Record<Controller, string>> = {};
  private ready = false;

  constructor(
    private readonly support: LimitSupport,
    private readonly defaults: { memory_bytes: number; max_processes: number },
  ) {}

  /** Make the kernel's groups on first use; stale ones of dead kernels are removed. */
  private setUp(): boolean {
    if (this.ready) return Object.keys(this.base).length > 0;
    this.ready = true;
    for (const [c, parent] of Object.entries(this.support.parents) as [Controller, string][]) {
      removeStaleGroups(parent);
      const dir = path.join(parent, `agentos-${process.pid}`);
      try {
        mkdirSync(dir, { recursive: true });
        if (this.support.cgroup === 'v2') writeFileSync(`${dir}/cgroup.subtree_control`, '+pids +memory');
        this.base[c] = dir;
      } catch {}
    }
    if (!Object.keys(this.base).length) return false;
    // The shared group: where unlimited children go, capped by the kernel-wide defaults.
    this.makeGroup('shared', this.defaults);
    return true;
  }

  get available(): Controller[] {
    this.setUp();
    return Object.keys(this.base) as Controller[];
  }

  /** A child's own group with its limits; returns what it could bind. */
  create(name: string, limits: ChildLimits): Jail | undefined {
    if (!this.setUp()) return undefined;
    return this.makeGroup(name, limits);
  }

  shared(): Jail | undefined {
    if (!this.setUp()) return undefined;
    return new Jail(this.support.cgroup!, this.groupDirs('shared'), {}, false, this.support.home.pids);
  }

  private groupDirs(name: string): Partial<Record<Controller, string>> {
    const dirs: Partial<Record<Controller, string>> = {};
    for (const [c, base] of Object.entries(this.base) as [Controller, string][]) dirs[c] = path.join(base, name);
    return dirs;
  }

  private makeGroup(name: string, limits: ChildLimits): Jail | undefined {
    const version = this.support.cgroup!;
    const files = CGROUP_FILES[version];
    const dirs: Partial<Record<Controller, string>> = {};
    const bound: ChildLimits = {};
    for (const [c, dir] of Object.entries(this.groupDirs(name)) as [Controller, string][]) {
      try {
        mkdirSync(dir, { recursive: true });
        dirs[c] = dir;
      } catch {
        continue;
      }
      if (c === 'pids' && limits.max_processes) {
        if (writeFirst(dir, files.pids, String(limits.max_processes))) bound.max_processes = limits.max_processes;
      }
      if (c === 'memory' && limits.memory_bytes) {
        // memsw must stay ≥ the memory limit, so memory goes first; v2's swap.max is "0 more".
        const [mem, swap] = files.memory;
        if (writeFirst(dir, [mem], String(limits.memory_bytes))) {
          bound.memory_bytes = limits.memory_bytes;
          writeFirst(dir, [swap], version === 'v1' ? String(limits.memory_bytes) : '0');
        }
      }
    }
    return Object.keys(dirs).length ? new Jail(version, dirs, bound, name !== 'shared', this.support.home.pids) : undefined;
  }

  /** Remove the kernel's groups (after its children are gone). */
  removeAll() {
    for (const base of Object.values(this.base)) removeTree(base);
  }
}

/** One group a child lives in: attach, read usage, tell an OOM kill, remove. */
export class Jail {
  constructor(
    readonly version: 'v1' | 'v2',
    readonly dirs: Partial<Record<Controller, string>>,
    /** The limits the group really binds. */
    readonly bound: ChildLimits,
    private readonly owned: boolean,
    /** Our own pids group, to move the spawning thread back to. */
    private readonly home?: string,
  ) {}

  /**
   * Put the kernel's spawning thread (only that thread: v1 groups hold threads) into the
   * group's pids controller for the length of a spawn, so the fork lands inside and not one
   * descendant can be forked outside the cap. Returns the way back. The thread adds one
   * task while inside, so the cap is raised by one meanwhile.
   */
  hold(): (() => void) | undefined {
    const dir = this.dirs.pids;
    if (this.version !== 'v1' || !dir || !this.home) return undefined;
    const max = this.bound.max_processes;
    try {
      if (max) writeFileSync(`${dir}/pids.max`, String(max + 1));
      writeFileSync(`${dir}/tasks`, String(process.pid));
    } catch {
      return undefined;
    }
    return () => {
      // Should this fail, the thread stays counted here; members() never lists the kernel.
      writeFirst(this.home!, ['tasks'], String(process.pid));
      if (max) writeFirst(dir, ['pids.max'], String(max));
    };
  }

  /** Move a process in (right after spawn for controllers `hold` did not cover). */
  attach(pid: number): boolean {
    let ok = false;
    for (const dir of Object.values(this.dirs)) {
      try {
        writeFileSync(`${dir}/cgroup.procs`, String(pid));
        ok = true;
      } catch {}
    }
    return ok;
  }

  /** Host pids still inside (descendants that changed process group are found this way). */
  members(): number[] {
    const dir = this.dirs.pids ?? this.dirs.memory;
    if (!dir) return [];
    try {
      // Never the kernel itself, whatever happened to its threads.
      return readFileSync(`${dir}/cgroup.procs`, 'utf8').split('\n').filter(Boolean).map(Number).filter((pid) => pid !== process.pid);
    } catch {
      return [];
    }
  }

  memoryUsage(): number | undefined {
    const dir = this.dirs.memory;
    if (!dir) return undefined;
    const n = Number(readOr(`${dir}/${CGROUP_FILES[this.version].usage}`, ''));
    return Number.isFinite(n) && n > 0 ? n : undefined;
  }

  setMemoryLimit(bytes: number): boolean {
    const dir = this.dirs.memory;
    if (!dir || !this.owned) return false;
    const ok = writeFirst(dir, [CGROUP_FILES[this.version].memory[0]], String(bytes));
    if (ok) this.bound.memory_bytes = bytes;
    return ok;
  }

  /** Whether the group's memory limit made the host's OOM killer act inside it. */
  hitMemoryLimit(): boolean {
    const dir = this.dirs.memory;
    if (!dir || !this.bound.memory_bytes) return false;
    return /\boom_kill [1-9]/.test(readOr(`${dir}/${CGROUP_FILES[this.version].failures}`, ''));
  }

  remove() {
    if (!this.owned) return;
    for (const dir of Object.values(this.dirs)) {
      try {
        rmdirSync(dir);
      } catch {}
    }
  }
}

function writeFirst(dir: string, names: readonly string[], value: string): boolean {
  for (const name of names) {
    try {
      writeFileSync(`${dir}/${name}`, value);
      return true;
    } catch {}
  }
  return false;
}

const readOr = (file: string, fallback: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
};

/** cgroups are removed leaf first; a group with live members stays (and is retried later). */
function removeTree(dir: string) {
  try {
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) removeTree(path.join(dir, e.name));
    rmdirSync(dir);
  } catch {}
}

/** Groups of kernels that died without cleaning up (a crash, SIGKILL). */
function removeStaleGroups(parent: string) {
  try {
    for (const name of readdirSync(parent)) {
      const m = /^agentos-(\d+)$/.exec(name);
      if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
      removeTree(path.join(parent, name));
    }
  } catch {}
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * How one child is limited: which limits its cgroup binds and, for the rest, a prlimit
 * prefix (`prlimit --cpu=N --nofile=N -- program args…`, still no shell).
 */
export interface LimitPlan {
  jail?: Jail;
  prefix: string[];
  applied: ChildLimits;
  /** Asked for but nothing here can bind it. */
  unenforced: LimitName[];
}

export function planLimits(support: LimitSupport, jails: CgroupJails, name: string, limits: ChildLimits): LimitPlan {
  const wanted = Object.entries(limits).filter(([, v]) => v !== undefined && v > 0) as [LimitName, number][];
  const jail = wanted.length ? jails.create(name, limits) : jails.shared();
  const applied: ChildLimits = { ...jail?.bound };
  const rest = wanted.filter(([k]) => applied[k] === undefined);
  const prefix: string[] = [];
  const unenforced: LimitName[] = [];
  if (rest.length && support.prlimit) {
    prefix.push(support.prlimit, ...rest.map(([k, v]) => `${PRLIMIT_FLAGS[k]}=${prlimitValue(k, Math.floor(v))}`), '--');
    for (const [k, v] of rest) applied[k] = v;
  } else unenforced.push(...rest.map(([k]) => k));
  return { jail, prefix, applied, unenforced };
}

/** CPU time: soft then hard a second later, so the child gets SIGXCPU (a clear cause) before SIGKILL. */
const prlimitValue = (k: LimitName, v: number) => (k === 'cpu_seconds' ? `${v}:${v + 1}` : String(v));

/** Kernel-wide caps on all OS children together (the shared group). */
export function defaultLimits() {
  return { memory_bytes: Math.floor(os.totalmem() / 2), max_processes: 4096 };
}
