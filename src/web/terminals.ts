import type { Kernel } from '../kernel/kernel.js';
import type { Process } from '../kernel/proc/table.js';
import type { Runtime } from '../runtime/runtime.js';
import { KernelError } from '../kernel/errors.js';
import { isTerminalApp } from './terminal-app.js';

/**
 * Terminal windows in the browser: the same pty the terminal desktop draws. A terminal app's
 * pty is a child of the app's process; whoever opens the window first starts it. With a
 * terminal desktop running (`shell --web`) that is the desktop, and the browser attaches to
 * the pty it finds (live output through the kernel's pty listeners); alone (`serve`) the
 * web server starts it and reads it. Output is kept (the last BUFFER_CHARS) so a browser
 * that opens later sees the screen so far.
 */
const BUFFER_CHARS = 256 * 1024;

export interface TerminalListener {
  data(appId: string, data: string): void;
  info(appId: string, info: { status: 'running' | 'exited' | 'failed' | 'waiting'; cols?: number; rows?: number; message?: string; owner?: boolean }): void;
}

interface Term {
  appId: string;
  /** This hub is starting the pty: the process event it causes is not someone else's terminal. */
  starting: boolean;
  writes: Promise<void>;
  appPid: number;
  pty: number | null;
  owner: boolean;
  chunks: string[];
  size: number;
  cols: number;
  rows: number;
  status: 'running' | 'exited' | 'failed' | 'waiting';
  message?: string;
  listeners: Set<TerminalListener>;
  stop: (() => void)[];
}

type PtySizes = { sessions?: Map<number, { pty?: { cols?: number; rows?: number } }> };

export class TerminalHub {
  private readonly terms = new Map<string, Term>();
  private readonly offSpawn: () => void;
  private readonly offExit: () => void;

  constructor(
    private readonly kernel: Kernel,
    private readonly runtime: Runtime,
    /** Start ptys for terminal windows nobody else runs (false when the terminal desktop does). */
    private readonly spawn: boolean,
  ) {
    // A pty another view starts for a terminal window is followed from its first byte, so a
    // browser that opens the window later still sees the prompt and what came after.
    const onSpawn = (p: Process) => {
      if (p.kind !== 'pty') return;
      const known = [...this.terms.values()].find((t) => t.appPid === p.ppid);
      if (known) {
        if (known.pty === null && !known.starting) this.attach(known, p.pid, false);
        return;
      }
      const app = Object.values(this.runtime.getSnapshot().apps).find((a) => a.pid === p.ppid);
      if (app && isTerminalApp(app)) this.attach(this.track(app.id, app.pid, 80, 24), p.pid, false);
    };
    const onExit = (p: Process) => {
      for (const t of this.terms.values()) if (t.pty === p.pid) this.ended(t, p.exitCode ?? null);
    };
    // The kernel's event stream, not the process table's own emitter (its subsystems use that).
    kernel.events.on('process_created', onSpawn);
    kernel.events.on('process_terminated', onExit);
    this.offSpawn = () => kernel.events.off('process_created', onSpawn);
    this.offExit = () => kernel.events.off('process_terminated', onExit);
  }

  /** A browser opens a terminal window: it gets the output so far, then live output. */
  async open(appId: string, l: TerminalListener, cols = 80, rows = 24): Promise<void> {
    const app = this.runtime.getSnapshot().apps[appId];
    if (!isTerminalApp(app)) throw new KernelError('EINVAL', `"${appId}" is not a terminal window`);
    let t = this.terms.get(appId);
    if (!t || t.appPid !== app!.pid) {
      t = this.track(appId, app!.pid, cols, rows);
      const existing = this.kernel.procs.list().find((p) => p.kind === 'pty' && p.ppid === t!.appPid && p.state !== 'terminated');
      if (existing) this.attach(t, existing.pid, false);
      else if (this.spawn) await this.start(t);
    }
    t.listeners.add(l);
    const screen = t.chunks.join('');
    l.info(appId, this.infoOf(t));
    if (screen) l.data(appId, screen);
  }

  private track(appId: string, appPid: number, cols: number, rows: number): Term {
    const t: Term = { appId, starting: false, writes: Promise.resolve(), appPid, pty: null, owner: false, chunks: [], size: 0, cols, rows, status: 'waiting', listeners: new Set(), stop: [] };
    this.terms.set(appId, t);
    return t;
  }

  close(appId: string, l: TerminalListener) {
    this.terms.get(appId)?.listeners.delete(l);
  }

  /** A browser went away: it stops listening everywhere. */
  detach(l: TerminalListener) {
    for (const t of this.terms.values()) t.listeners.delete(l);
  }

  /** Keys in order: each write waits for the one before (fast typing must not reorder). */
  input(appId: string, data: string): Promise<void> {
    const t = this.terms.get(appId);
    if (!t || t.pty === null || t.status !== 'running') return Promise.resolve();
    const pid = t.pty;
    t.writes = t.writes.then(() => this.kernel.syscall(t.appPid, 'pty.write', { pid, data })).then(
      () => undefined,
      () => undefined,
    );
    return t.writes;
  }

  /** Only the terminal's owner sizes it; a browser attached to the desktop's terminal follows. */
  async resize(appId: string, cols: number, rows: number): Promise<void> {
    const t = this.terms.get(appId);
    if (!t || !t.owner || t.pty === null || t.status !== 'running') return;
    if (cols === t.cols && rows === t.rows) return;
    t.cols = cols;
    t.rows = rows;
    await this.kernel.syscall(t.appPid, 'pty.resize', { pid: t.pty, cols, rows });
  }

  /** Forget terminals whose apps closed. */
  prune() {
    const apps = this.runtime.getSnapshot().apps;
    for (const [id, t] of this.terms) {
      if (apps[id]?.pid === t.appPid) continue;
      for (const s of t.stop) s();
      this.terms.delete(id);
    }
  }

  shutdown() {
    this.offSpawn();
    this.offExit();
    for (const t of this.terms.values()) for (const s of t.stop) s();
    this.terms.clear();
  }

  private infoOf(t: Term) {
    return { status: t.status, cols: t.cols, rows: t.rows, message: t.message, owner: t.owner };
  }

  private async start(t: Term) {
    t.starting = true;
    try {
      const r = await this.kernel.syscall<{ pid: number }>(t.appPid, 'pty.spawn', { cols: t.cols, rows: t.rows });
      t.starting = false;
      this.attach(t, r.pid, true);
    } catch (e) {
      t.starting = false;
      t.status = 'failed';
      t.message = (e as Error).message;
      for (const l of t.listeners) l.info(t.appId, this.infoOf(t));
    }
  }

  private attach(t: Term, pid: number, owner: boolean) {
    if (t.pty !== null) return;
    t.pty = pid;
    t.owner = owner;
    t.status = 'running';
    if (!owner) this.followSize(t);
    const deliver = (data: string) => {
      if (!data) return;
      t.chunks.push(data);
      t.size += data.length;
      while (t.size > BUFFER_CHARS && t.chunks.length > 1) t.size -= t.chunks.shift()!.length;
      if (!owner && this.followSize(t)) for (const l of t.listeners) l.info(t.appId, this.infoOf(t));
      for (const l of t.listeners) l.data(t.appId, data);
    };
    if (owner) void this.pump(t, pid, deliver);
    else {
      // The process is announced before its terminal is registered: listen once it is.
      setImmediate(() => {
        if (t.pty !== pid || t.status !== 'running') return;
        try {
          t.stop.push(this.kernel.ptys.onData(pid, deliver));
        } catch {
          // Gone between finding and listening: the exit event tells the browsers.
        }
      });
    }
    for (const l of t.listeners) l.info(t.appId, this.infoOf(t));
  }

  /** As the owner, read the pty (so its kernel buffer never fills) until it ends. */
  private async pump(t: Term, pid: number, deliver: (d: string) => void) {
    let stopped = false;
    t.stop.push(() => (stopped = true));
    while (!stopped && t.pty === pid) {
      try {
        const r = await this.kernel.syscall<{ data: string; exited: boolean; exit_code: number | null }>(t.appPid, 'pty.read', { pid, timeout_ms: 1000 });
        deliver(r.data);
        if (r.exited) return this.ended(t, r.exit_code);
      } catch {
        return;
      }
    }
  }

  /** The size the terminal desktop gave the pty; true when it changed. */
  private followSize(t: Term): boolean {
    const s = (this.kernel.ptys as unknown as PtySizes).sessions?.get(t.pty ?? -1)?.pty;
    if (!s?.cols || !s.rows || (s.cols === t.cols && s.rows === t.rows)) return false;
    t.cols = s.cols;
    t.rows = s.rows;
    return true;
  }

  private ended(t: Term, code: number | null) {
    if (t.status === 'exited') return;
    t.status = 'exited';
    t.message = `exited${code === null ? '' : ` with status ${code}`}`;
    for (const l of t.listeners) l.info(t.appId, this.infoOf(t));
  }
}
