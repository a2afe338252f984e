import { isKernelError, KernelError } from '../../kernel/errors.js';
import { didYouMean } from '../../util/suggest.js';
import type { Syscaller } from '../registry/types.js';
import { decodeSession, encodeSession, SESSION_NAME, SessionFormatError, type Session } from './format.js';

/** A session as `agentos sessions list` shows it. */
export interface SessionInfo {
  name: string;
  description?: string;
  created_at: string;
  updated_at: string;
  apps: number;
  file: string;
  bytes: number;
}

/** A session file that could not be read: what is wrong, and where the file went. */
export interface SessionProblem {
  name: string;
  file: string;
  message: string;
  /** Where a damaged file was moved (kept for the user; never deleted). */
  set_aside?: string;
}

interface Listed {
  name: string;
  type: string;
  size: number;
}

const EXT = '.json';
const LAST = '.last';
/** Temp files of atomic writes older than this were left by a crash. */
const STALE_TEMP_MS = 10 * 60 * 1000;
const TEMP = /^\..*\.tmp-\d+-[0-9a-f]{8}$/;

/** `20261124T101530` */
const stamp = (d = new Date()) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');

export function checkSessionName(name: string): string {
  if (!SESSION_NAME.test(name)) throw new KernelError('EINVAL', `"${name}" is not a session name: use 1-64 letters, digits, ".", "-" or "_", starting with a letter or digit`);
  return name;
}

/**
 * Saved sessions: one JSON file each under /home/sessions, read and written with syscalls
 * (atomic writes on /home: a crash leaves the old file or the new one, never half of one).
 * A damaged file is renamed to `<name>.json.corrupt-<time>` and reported, never dropped;
 * a file from a newer AgentOS is left alone and refused with a message that says so.
 */
export class SessionStore {
  constructor(
    private readonly io: Syscaller,
    readonly dir = '/home/sessions',
  ) {}

  fileOf(name: string) {
    return `${this.dir}/${checkSessionName(name)}${EXT}`;
  }

  /** Every session, newest first; damaged ones are set aside and returned as problems. */
  async list(): Promise<{ sessions: SessionInfo[]; problems: SessionProblem[] }> {
    const sessions: SessionInfo[] = [];
    const problems: SessionProblem[] = [];
    for (const e of await this.entries()) {
      if (e.type !== 'file' || !e.name.endsWith(EXT) || e.name.startsWith('.')) continue;
      const name = e.name.slice(0, -EXT.length);
      if (!SESSION_NAME.test(name)) continue;
      try {
        const s = await this.read(name);
        sessions.push({ name, ...(s.description ? { description: s.description } : {}), created_at: s.created_at, updated_at: s.updated_at, apps: s.workspace.apps.length, file: this.fileOf(name), bytes: e.size });
      } catch (err) {
        problems.push(problemOf(name, this.fileOf(name), err));
      }
    }
    await this.sweepTemps();
    return { sessions: sessions.sort((a, b) => b.updated_at.localeCompare(a.updated_at) || a.name.localeCompare(b.name)), problems };
  }

  async exists(name: string): Promise<boolean> {
    return this.io.syscall<boolean>('fs.exists', { path: this.fileOf(name) });
  }

  /**
   * A session in the current format (older formats migrated). ENOENT when there is none;
   * EIO when it is damaged (after setting it aside); EINVAL when a newer AgentOS wrote it.
   */
  async read(name: string): Promise<Session> {
    const file = this.fileOf(name);
    let text: string;
    try {
      text = await this.io.syscall<string>('fs.read', { path: file });
    } catch (e) {
      if (isKernelError(e) && e.code === 'ENOENT') throw await this.missing(name);
      throw e;
    }
    try {
      return decodeSession(text, name);
    } catch (e) {
      if (!(e instanceof SessionFormatError)) throw e;
      if (!e.damaged) throw new KernelError('EINVAL', `session "${name}" cannot be opened: ${e.message}`);
      const aside = await this.setAside(file);
      throw Object.assign(new KernelError('EIO', `session "${name}" is damaged (${e.message}); it was set aside as ${aside}`), { setAside: aside });
    }
  }

  /** Write a session (atomically) and remember it as the last one. */
  async write(s: Session): Promise<{ file: string; bytes: number }> {
    const file = this.fileOf(s.name);
    const content = encodeSession(s);
    await this.io.syscall('fs.mkdir', { path: this.dir, recursive: true });
    const r = await this.io.syscall<{ bytes: number }>('fs.write', { path: file, content });
    await this.setLast(s.name);
    return { file, bytes: r.bytes };
  }

  async remove(name: string): Promise<{ name: string; file: string }> {
    const file = this.fileOf(name);
    try {
      await this.io.syscall('fs.delete', { path: file });
    } catch (e) {
      if (isKernelError(e) && e.code === 'ENOENT') throw await this.missing(name);
      throw e;
    }
    if ((await this.last()) === name) await this.io.syscall('fs.delete', { path: `${this.dir}/${LAST}` }).catch(() => undefined);
    return { name, file };
  }

  /** The session the desktop restores on start: the last one saved or restored. */
  async last(): Promise<string | null> {
    try {
      const v: unknown = JSON.parse(await this.io.syscall<string>('fs.read', { path: `${this.dir}/${LAST}` }));
      const name = (v as { name?: unknown } | null)?.name;
      return typeof name === 'string' && SESSION_NAME.test(name) ? name : null;
    } catch {
      return null;
    }
  }

  async setLast(name: string): Promise<void> {
    await this.io.syscall('fs.mkdir', { path: this.dir, recursive: true });
    await this.io.syscall('fs.write', { path: `${this.dir}/${LAST}`, content: JSON.stringify({ name: checkSessionName(name) }) + '\n' });
  }

  /** Rename a damaged file out of the way (kept, with the time it was found). */
  private async setAside(file: string): Promise<string> {
    let aside = `${file}.corrupt-${stamp()}`;
    for (let n = 2; await this.io.syscall<boolean>('fs.exists', { path: aside }); n++) aside = `${file}.corrupt-${stamp()}-${n}`;
    await this.io.syscall('fs.move', { from: file, to: aside });
    return aside;
  }

  private async missing(name: string): Promise<KernelError> {
    const names = (await this.entries()).filter((e) => e.name.endsWith(EXT) && !e.name.startsWith('.')).map((e) => e.name.slice(0, -EXT.length));
    return new KernelError('ENOENT', `no session "${name}"${didYouMean(name, names)}; see \`agentos sessions list\``);
  }

  private async entries(): Promise<Listed[]> {
    try {
      return await this.io.syscall<Listed[]>('fs.list', { path: this.dir });
    } catch (e) {
      if (isKernelError(e) && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return [];
      throw e;
    }
  }

  /** Remove temp files that a crash during a write left behind. */
  private async sweepTemps() {
    for (const e of await this.entries()) {
      if (e.type !== 'file' || !TEMP.test(e.name)) continue;
      const path = `${this.dir}/${e.name}`;
      try {
        const st = await this.io.syscall<{ modified: string }>('fs.stat', { path });
        if (Date.now() - Date.parse(st.modified) > STALE_TEMP_MS) await this.io.syscall('fs.delete', { path });
      } catch {
        // Gone already, or not ours to remove: leave it.
      }
    }
  }
}

function problemOf(name: string, file: string, err: unknown): SessionProblem {
  const message = err instanceof Error ? err.message : String(err);
  const aside = (err as { setAside?: string }).setAside;
  return { name, file, message, ...(aside ? { set_aside: aside } : {}) };
}
