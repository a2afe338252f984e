import { isKernelError } from '../../kernel/errors.js';
import { SESSION_FORMAT, SESSION_VERSION } from '../../runtime/sessions/format.js';
import { checkSessionName, SessionStore } from '../../runtime/sessions/store.js';
import { stripControls } from '../../util/sanitize.js';
import { openKernel, type KernelClient } from '../boot.js';
import { ExitError } from '../errors.js';
import { outFor, print, table } from '../output.js';

interface Opts {
  json?: boolean;
  local?: boolean;
  description?: string;
}

/**
 * `agentos sessions ...`: saved workspaces. Save and restore act on the live desktop through
 * its control socket when one runs; otherwise they work on the files (save keeps the last
 * desktop's session under a new name, restore picks the session the next desktop opens).
 */
async function withStore<T>(opts: Opts, fn: (store: SessionStore, kernel: KernelClient) => Promise<T>): Promise<T> {
  const kernel = await openKernel({ local: opts.local });
  try {
    return await fn(new SessionStore({ syscall: (name, args) => kernel.syscall(name, args) }), kernel);
  } finally {
    await kernel.close();
  }
}

/** A desktop method, or undefined when the live kernel has no desktop (or none runs). */
async function onDesktop<R>(kernel: KernelClient, method: string, params: unknown): Promise<R | undefined> {
  if (!kernel.live) return undefined;
  try {
    return await kernel.call<R>(method, params);
  } catch (e) {
    if (isKernelError(e) && e.code === 'ENOSYS' && /unknown method/.test(e.message)) return undefined;
    throw e;
  }
}

const when = (iso: string) => iso.slice(0, 19).replace('T', ' ');

export async function list(opts: Opts): Promise<number> {
  const out = outFor(opts);
  return withStore(opts, async (store) => {
    const { sessions, problems } = await store.list();
    const last = await store.last();
    for (const p of problems) process.stderr.write(`agentos: ${stripControls(p.message, false)}\n`);
    if (out.json) print(sessions.map((s) => ({ ...s, last: s.name === last })), out);
    else if (!sessions.length) process.stdout.write('no saved sessions (the desktop saves one as it runs; `agentos sessions save NAME`)\n');
    else process.stdout.write(table(sessions.map((s) => ({ name: s.name === last ? `${s.name} *` : s.name, apps: s.apps, updated: when(s.updated_at), description: s.description ? stripControls(s.description, false) : '' })), ['name', 'apps', 'updated', 'description']) + '\n* the session `agentos shell` opens next\n');
    return 0;
  });
}

export async function save(name: string, opts: Opts): Promise<number> {
  checkSessionName(name);
  const out = outFor(opts);
  return withStore(opts, async (store, kernel) => {
    const live = await onDesktop<{ name: string; file: string; apps: number; bytes: number }>(kernel, 'sessions.save', { name, ...(opts.description ? { description: opts.description } : {}) });
    if (live) {
      if (out.json) print({ ...live, from: 'desktop' }, out);
      else process.stdout.write(`saved the desktop as session ${name} (${live.apps} apps, ${live.file})\n`);
      return 0;
    }
    const last = await store.last();
    if (!last) throw new ExitError('no desktop is running and none has saved a session yet: start one with `agentos shell`', 1);
    const s = await store.read(last);
    const now = new Date().toISOString();
    const copy = { ...s, format: SESSION_FORMAT, version: SESSION_VERSION, name, created_at: now, updated_at: now, ...(opts.description ? { description: opts.description } : {}) } as typeof s;
    const w = await store.write(copy);
    if (out.json) print({ name, file: w.file, apps: s.workspace.apps.length, bytes: w.bytes, from: last }, out);
    else process.stdout.write(`no desktop is running: saved its last session (${last}, ${when(s.updated_at)}) as ${name} (${s.workspace.apps.length} apps)\n`);
    return 0;
  });
}

export async function restore(name: string, opts: Opts): Promise<number> {
  checkSessionName(name);
  const out = outFor(opts);
  return withStore(opts, async (store, kernel) => {
    const live = await onDesktop<{ name: string; apps: number; skipped: { id: string; reason: string }[] }>(kernel, 'sessions.restore', { name });
    if (live) {
      for (const s of live.skipped) process.stderr.write(`agentos: app ${s.id} was not restored: ${stripControls(s.reason, false)}\n`);
      if (out.json) print({ ...live, to: 'desktop' }, out);
      else process.stdout.write(`restored session ${name} on the desktop (${live.apps} apps)\n`);
      return live.skipped.length ? 1 : 0;
    }
    // Read it now, so a damaged or newer session is reported here rather than at the next start.
    const s = await store.read(name);
    await store.setLast(name);
    if (out.json) print({ name, apps: s.workspace.apps.length, to: 'next start' }, out);
    else process.stdout.write(`no desktop is running: \`agentos shell\` will open session ${name} (${s.workspace.apps.length} apps)\n`);
    return 0;
  });
}

export async function rm(name: string, opts: Opts): Promise<number> {
  checkSessionName(name);
  const out = outFor(opts);
  return withStore(opts, async (store) => {
    const r = await store.remove(name);
    if (out.json) print({ ...r, removed: true }, out);
    else process.stdout.write(`removed session ${name} (${r.file})\n`);
    return 0;
  });
}
