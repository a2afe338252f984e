import path from 'node:path';
import type { IPty } from 'node-pty';
import { KernelError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import { applyNice, type SpawnOptions } from './executor.js';
import type { SignalName } from './signals.js';
import type { Process } from './table.js';

type NodePty = { spawn: typeof import('node-pty').spawn };

/** The same program, place and environment as any child; a pty adds its size. */
export interface PtySpawnOptions extends Pick<SpawnOptions, 'parent' | 'executable' | 'argv0' | 'args' | 'cwd' | 'env' | 'priority'> {
  cols: number;
  rows: number;
}

interface Session {
  entry: Process;
  pty: IPty;
  chunks: string[];
  size: number;
  /** Characters dropped because nobody read them in time. */
  dropped: number;
  exited?: { exit_code: number; signal: number | null };
  wake: Set<() => void>;
  listeners: Set<(data: string) => void>;
  timers: NodeJS.Timeout[];
}

export const PTY_MISSING =
  'terminals need the optional package node-pty, which did not build or load here; run `npm rebuild node-pty` (it needs python3, make and g++; on Debian set npm_config_nodedir=/usr) and start agentos again';

/**
 * Pseudo-terminals with node-pty: a real shell whose output is buffered until read (and
 * fed to live listeners, e.g. a terminal window). node-pty loads on first use; when it
 * is missing the pty syscalls fail with ENOSYS naming the fix, and nothing else breaks.
 */
export class PtyManager {
  /** Unread output kept per terminal; older output is dropped past it. */
  bufferLimit = 1 << 20;
  reapAfterMs = 30_000;
  /** How node-pty is loaded: replaceable to simulate a host where it failed to build. */
  loader: () => Promise<NodePty> = async () => {
    const m = (await import('node-pty')) as unknown as Partial<NodePty> & { default?: NodePty };
    return m.spawn ? (m as NodePty) : m.default!;
  };
  private mod?: Promise<NodePty | null>;
  private readonly sessions = new Map<number, Session>();

  constructor(private readonly kernel: Kernel) {
    kernel.procs.on('exit', (p) => {
      const s = this.sessions.get(p.pid);
      if (!s) return;
      this.sessions.delete(p.pid);
      for (const t of s.timers) clearTimeout(t);
      if (!s.exited) this.hangUp(s);
      for (const w of s.wake) w();
    });
  }

  private async load(): Promise<NodePty> {
    this.mod ??= this.loader().catch(() => null);
    const m = await this.mod;
    if (!m) throw new KernelError('ENOSYS', PTY_MISSING);
    return m;
  }

  async spawn(o: PtySpawnOptions): Promise<Process> {
    const ptyMod = await this.load();
    let pty: IPty;
    try {
      pty = ptyMod.spawn(o.executable, o.args, { name: 'xterm-256color', cols: o.cols, rows: o.rows, cwd: o.cwd.host, env: o.env });
    } catch (e) {
      throw new KernelError('EIO', `could not start ${o.argv0} in a terminal: ${(e as Error).message}`);
    }
    this.kernel.exec.adopt(pty.pid);
    let entry: Process;
    try {
      entry = this.kernel.spawnProcess({
        name: path.basename(o.argv0),
        kind: 'pty',
        ppid: o.parent.pid,
        grants: [],
        profile: 'os',
        priority: o.priority,
        cwd: o.cwd.vfs,
        command: o.executable,
        args: o.args,
        osPid: pty.pid,
      });
    } catch (e) {
      pty.kill('SIGKILL');
      throw e;
    }
    if (o.priority !== 5) applyNice(pty.pid, o.priority);
    const s: Session = { entry, pty, chunks: [], size: 0, dropped: 0, wake: new Set(), listeners: new Set(), timers: [] };
    this.sessions.set(entry.pid, s);
    pty.onData((data) => {
      s.chunks.push(data);
      s.size += data.length;
      while (s.size > this.bufferLimit && s.chunks.length > 1) {
        const old = s.chunks.shift()!;
        s.size -= old.length;
        s.dropped += old.length;
      }
      this.kernel.mem.observe(entry.pid, 'output', s.size);
      for (const l of s.listeners) l(data);
      this.wakeReaders(s);
    });
    pty.onExit(({ exitCode, signal }) => {
      s.exited = { exit_code: exitCode, signal: signal || null };
      if (this.sessions.get(entry.pid) === s) {
        entry.state = 'zombie';
        entry.exitCode = exitCode;
        this.kernel.signals.childChanged(entry);
        s.timers.push(setTimeout(() => this.kernel.procs.exit(entry.pid, exitCode), this.reapAfterMs).unref());
      }
      this.wakeReaders(s);
    });
    return entry;
  }

  private wakeReaders(s: Session) {
    const waiting = [...s.wake];
    s.wake.clear();
    for (const w of waiting) w();
  }

  private session(pid: number): Session {
    const s = this.sessions.get(pid);
    if (!s) throw new KernelError('ESRCH', `process ${pid} is not a terminal (see proc.list for kind pty)`);
    return s;
  }

  write(pid: number, data: string): number {
    const s = this.session(pid);
    if (s.exited) throw new KernelError('EPIPE', `the program in terminal ${pid} has exited; nothing reads what is written`);
    s.pty.write(data);
    return Buffer.byteLength(data);
  }

  /**
   * Output since the last read, up to maxChars. When there is none yet, wait up to
   * timeoutMs for some (or for the program to exit).
   */
  async read(pid: number, maxChars: number, timeoutMs: number) {
    const s = this.session(pid);
    if (!s.size && !s.exited && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          s.wake.delete(done);
          resolve();
        }
        s.wake.add(done);
      });
    }
    let data = s.chunks.join('');
    s.chunks = [];
    if (data.length > maxChars) {
      s.chunks = [data.slice(maxChars)];
      data = data.slice(0, maxChars);
    }
    s.size = s.chunks[0]?.length ?? 0;
    const dropped = s.dropped;
    s.dropped = 0;
    this.kernel.mem.observe(pid, 'output', s.size);
    return { pid, data, more: s.size > 0, dropped, exited: !!s.exited, exit_code: s.exited?.exit_code ?? null };
  }

  resize(pid: number, cols: number, rows: number) {
    const s = this.session(pid);
    if (!s.exited) s.pty.resize(cols, rows);
    return { pid, cols, rows };
  }

  /** Hang up and take the terminal out of the table. */
  close(pid: number) {
    const s = this.session(pid);
    const exit = s.exited?.exit_code ?? 129;
    this.kernel.procs.exit(pid, exit);
    return { pid, closed: true };
  }

  signal(pid: number, signal: SignalName): boolean {
    const s = this.sessions.get(pid);
    if (!s || s.exited) return false;
    // The shell leads its own session and process group: reach the whole group.
    for (const target of [-s.pty.pid, s.pty.pid]) {
      try {
        process.kill(target, `SIG${signal}` as NodeJS.Signals);
        return true;
      } catch {}
    }
    return false;
  }

  /** Live output of a terminal, for views that draw it; returns the unsubscribe. */
  onData(pid: number, cb: (data: string) => void): () => void {
    const s = this.session(pid);
    s.listeners.add(cb);
    return () => s.listeners.delete(cb);
  }

  /** HUP to the terminal's process group, as when a terminal closes; SIGKILL if it stays. */
  private hangUp(s: Session) {
    const pid = s.pty.pid;
    const send = (sig: NodeJS.Signals) => {
      try {
        process.kill(-pid, sig);
      } catch {}
    };
    send('SIGHUP');
    setTimeout(() => !s.exited && send('SIGKILL'), 1000).unref();
  }

  shutdown() {
    for (const s of this.sessions.values()) {
      if (!s.exited) {
        try {
          process.kill(-s.pty.pid, 'SIGKILL');
        } catch {}
      }
    }
  }
}
