import { BlueprintError, formatIssue, parseBlueprint, validateBlueprint, type KnownToolsInput } from '../../blueprint/index.js';
import { knownTools, type ToolCatalog } from '../../blueprint/known-tools.js';
import type { Blueprint } from '../../blueprint/types.js';
import { isKernelError, KernelError } from '../../kernel/errors.js';
import { didYouMean } from '../../util/suggest.js';
import type { AppCatalog } from '../catalog.js';
import type { AppSource, RegistryEntry, RegistryProblem, Syscaller } from './types.js';

/**
 * The app registry: every app the desktop can launch, by id. It implements the runtime's
 * AppCatalog, so `runtime.launchApp(id)`, app.spawn and the launcher find apps here.
 *
 * - Shipped apps: every `.bp` / `.aiapp` under /apps (the package's apps/ folder, read-only),
 *   by category folder. Read once at `seed()`.
 * - Saved apps: /home/apps/<id>.bp; generated apps: /home/apps/generated/<id>.bp. Re-read
 *   when their folder listing changes (size or time), so files written by another process
 *   (a one-shot `agentos apps import`) appear without a restart.
 * - A saved or generated app with the id of a shipped one wins; removing it brings the
 *   shipped one back. A saved app wins over a generated one of the same id.
 *
 * Everything goes through syscalls (fs.list, fs.read, fs.write, fs.delete), so the sandbox
 * and the metrics see it; writes on /home are atomic. Parsed Blueprints are cached: a
 * launch from the registry does no I/O.
 *
 * A file that does not parse is reported (`problems`, one line each with file:line:col)
 * and skipped; it never stops the others.
 */
export interface RegistryOptions {
  /** Shipped apps (default /apps). */
  shippedRoot?: string;
  /** Saved apps (default /home/apps); generated ones go to `<userRoot>/generated`. */
  userRoot?: string;
  /** Validate against exactly these tools (default: the runtime's registered tools, or any well-formed id). */
  knownTools?: KnownToolsInput;
  /** How often at most `load` looks for changed user files (ms; default 500). */
  recheckMs?: number;
}

interface Record_ {
  entry: RegistryEntry;
  blueprint: Blueprint;
  /** size and time of the file when it was read. */
  stamp: string;
  /** The file's text, to check it again when the runtime registers its tools. */
  text: string;
}

interface Listed {
  name: string;
  type: string;
  size: number;
  modified?: string;
}

const APP_FILE = /\.(bp|aiapp)$/;
const isAppFile = (name: string) => APP_FILE.test(name) && !name.startsWith('.');
const stampOf = (e: Listed) => `${e.size}:${e.modified ?? ''}`;
/** Categories are folders of the shipped apps; deeper folders are not looked into. */
const MAX_DEPTH = 2;
/** The temp file of an atomic write on /home; one older than STALE_TEMP_MS was left by a crash. */
const TEMP_FILE = /^\..*\.tmp-\d+-[0-9a-f]{8}$/;
const STALE_TEMP_MS = 10 * 60 * 1000;
const READS_IN_FLIGHT = 8;
const isStaleTemp = (e: Listed, now: number) => e.type === 'file' && TEMP_FILE.test(e.name) && !!e.modified && now - Date.parse(e.modified) > STALE_TEMP_MS;

export class AppRegistry implements AppCatalog {
  readonly shippedRoot: string;
  readonly userRoot: string;
  readonly generatedRoot: string;
  private readonly shipped = new Map<string, Record_>();
  /** Saved and generated apps by id (saved wins when both exist). */
  private readonly user = new Map<string, Record_>();
  /** The problems of the last scan, by file. */
  private readonly broken = new Map<string, RegistryProblem>();
  private userStamps = new Map<string, string>();
  private lastCheck = 0;
  private seeded: Promise<RegistryProblem[]> | undefined;
  /** The tool catalog the cached Blueprints were checked against (when none was given). */
  private checkedWith: ToolCatalog | undefined;

  constructor(
    private readonly io: Syscaller,
    private readonly opts: RegistryOptions = {},
  ) {
    this.shippedRoot = opts.shippedRoot ?? '/apps';
    this.userRoot = opts.userRoot ?? '/home/apps';
    this.generatedRoot = `${this.userRoot}/generated`;
  }

  /** Files that could not be registered, one line each. */
  get problems(): RegistryProblem[] {
    return [...this.broken.values()];
  }

  /** Read every shipped, saved and generated app (once; later calls return the same report). */
  seed(): Promise<RegistryProblem[]> {
    return (this.seeded ??= (async () => {
      this.checkedWith = knownTools();
      await this.scanShipped();
      await this.scanUser(true);
      return this.problems;
    })());
  }

  /** Re-read saved and generated apps whose files changed; returns the current problems. */
  async refresh(force = false): Promise<RegistryProblem[]> {
    await this.seed();
    this.recheckIfToolsChanged();
    return this.scanUser(force);
  }

  /**
   * A registry seeded before the runtime registered its tools checked tool ids loosely (any
   * well-formed id). Once the runtime has registered them, every cached app is checked
   * again against them, and one naming a tool that does not exist moves to `problems`.
   */
  private recheckIfToolsChanged() {
    if (this.opts.knownTools || knownTools() === this.checkedWith) return;
    this.checkedWith = knownTools();
    for (const map of [this.shipped, this.user]) {
      for (const [id, rec] of map) {
        const again = this.parse(rec.text, rec.entry.file);
        if (again) rec.blueprint = again;
        else map.delete(id);
      }
    }
    this.markOverrides();
  }

  /** The canonical Blueprint, or undefined after recording the file's first problem. */
  private parse(text: string, file: string): Blueprint | undefined {
    try {
      return Object.freeze(parseBlueprint(text, file, this.opts.knownTools ? { knownTools: this.opts.knownTools } : {}));
    } catch (e) {
      if (!(e instanceof BlueprintError)) throw e;
      const first = e.issues[0]!;
      const more = e.issues.length > 1 ? ` (and ${e.issues.length - 1} more)` : '';
      this.broken.set(file, { file, line: first.line, col: first.col, message: `${first.path}: ${first.message}${more}`, text: `${formatIssue(first)}${more}` });
      return undefined;
    }
  }

  private async scanUser(force: boolean): Promise<RegistryProblem[]> {
    const stamps = new Map<string, string>();
    const files: { file: string; source: AppSource; stamp: string }[] = [];
    const stale: string[] = [];
    const now = Date.now();
    // Generated first, so a saved app of the same id replaces it below.
    for (const [dir, source] of [[this.generatedRoot, 'generated'], [this.userRoot, 'saved']] as const) {
      for (const e of await this.listDir(dir)) {
        if (isStaleTemp(e, now)) stale.push(`${dir}/${e.name}`);
        if (e.type !== 'file' || !isAppFile(e.name)) continue;
        const file = `${dir}/${e.name}`;
        stamps.set(file, stampOf(e));
        files.push({ file, source, stamp: stampOf(e) });
      }
    }
    this.lastCheck = Date.now();
    // A save killed mid-write leaves its temp file (hidden, never loaded): clear the old ones.
    if (force) for (const file of stale) await this.deleteQuietly(file).catch(() => undefined);
    if (!force && sameStamps(stamps, this.userStamps)) return this.problems;
    const previous = new Map([...this.user.values()].map((r) => [r.entry.file, r]));
    const unchanged = (file: string, stamp: string) => {
      const known = previous.get(file);
      return known && known.stamp === stamp ? known : undefined;
    };
    // Every read first: the maps below are rebuilt without an await, so no caller sees them half done.
    const texts = await this.readAll(files.filter((f) => !unchanged(f.file, f.stamp)).map((f) => f.file));
    this.user.clear();
    for (const f of [...this.broken.keys()]) if (!f.startsWith(this.shippedRoot + '/')) this.broken.delete(f);
    for (const { file, source, stamp } of files) {
      const rec = unchanged(file, stamp) ?? this.record(file, source, stamp, texts.get(file)!);
      if (!rec) continue;
      const id = rec.blueprint.app.id;
      const other = this.user.get(id);
      if (other && other.entry.source === source) {
        this.report(file, 1, 1, `app id "${id}" is also used by ${other.entry.file}; skipped`);
        continue;
      }
      this.user.set(id, rec);
    }
    this.userStamps = stamps;
    this.markOverrides();
    return this.problems;
  }

  /** Every launchable app, sorted by category then name (saved and generated ones re-checked first). */
  async list(): Promise<RegistryEntry[]> {
    await this.refresh();
    return this.entries();
  }

  /** What the registry holds now, without looking at the disk. */
  entries(): RegistryEntry[] {
    const out = new Map<string, RegistryEntry>();
    for (const [id, r] of this.shipped) out.set(id, r.entry);
    for (const [id, r] of this.user) out.set(id, r.entry);
    return [...out.values()].sort((a, b) => (a.category ?? '~').localeCompare(b.category ?? '~') || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** One app's entry, or undefined. */
  get(id: string): RegistryEntry | undefined {
    return (this.user.get(id) ?? this.shipped.get(id))?.entry;
  }

  /** The cached Blueprint of an app (no I/O): what a launch uses. */
  cached(id: string): Blueprint | undefined {
    return (this.user.get(id) ?? this.shipped.get(id))?.blueprint;
  }

  /** The app's Blueprint; ENOENT with a did-you-mean when there is none. */
  async load(id: string): Promise<Blueprint> {
    await this.seed();
    this.recheckIfToolsChanged();
    if (Date.now() - this.lastCheck > (this.opts.recheckMs ?? 500)) await this.refresh();
    const hit = this.cached(id);
    if (hit) return hit;
    await this.refresh();
    const again = this.cached(id);
    if (again) return again;
    throw this.missing(id);
  }

  /** The text of an app's Blueprint file, as stored (for `apps export`). */
  async source(id: string): Promise<{ entry: RegistryEntry; text: string }> {
    await this.refresh();
    const entry = this.get(id);
    if (!entry) throw this.missing(id);
    return { entry, text: await this.io.syscall<string>('fs.read', { path: entry.file }) };
  }

  /**
   * Validate and store an app as saved (or generated). Text is stored as given once it
   * parses (its shorthand and comments-free layout kept); a Blueprint object is stored as
   * indented JSON. Saving an app replaces an earlier saved or generated app of its id.
   */
  async save(input: string | Blueprint, opts: { source?: Exclude<AppSource, 'shipped'>; file?: string } = {}): Promise<RegistryEntry> {
    await this.seed();
    const source = opts.source ?? 'saved';
    const label = opts.file ?? '<input>';
    const parseOpts = this.opts.knownTools ? { knownTools: this.opts.knownTools } : {};
    const bp = typeof input === 'string' ? parseBlueprint(input, label, parseOpts) : validateBlueprint(input, label, parseOpts);
    const text = typeof input === 'string' ? (input.endsWith('\n') ? input : input + '\n') : JSON.stringify(input, null, 2) + '\n';
    const id = bp.app.id;
    const dir = source === 'generated' ? this.generatedRoot : this.userRoot;
    await this.refresh();
    const existing = this.user.get(id);
    const file = existing && existing.entry.source === source ? existing.entry.file : `${dir}/${id}.bp`;
    await this.io.syscall('fs.mkdir', { path: dir, recursive: true });
    await this.io.syscall('fs.write', { path: file, content: text });
    // An app saved by the user is no longer only "generated": one file per id.
    if (existing && existing.entry.file !== file && source === 'saved') await this.deleteQuietly(existing.entry.file);
    await this.refresh(true);
    return this.get(id)!;
  }

  /**
   * Remove a saved or generated app. Returns what was removed and whether a shipped app of
   * the same id is back. A shipped app alone cannot be removed (EPERM).
   */
  async remove(id: string): Promise<{ id: string; removed: AppSource; file: string; restored: 'shipped' | null }> {
    await this.refresh(true);
    const rec = this.user.get(id);
    if (!rec) {
      const shipped = this.shipped.get(id);
      if (shipped) throw new KernelError('EPERM', `app "${id}" is shipped with AgentOS (${shipped.entry.file}) and cannot be removed; only saved and generated apps can`);
      throw this.missing(id);
    }
    // Both a saved and a generated file may hold this id: remove every user copy.
    for (const dir of [this.userRoot, this.generatedRoot]) {
      for (const e of await this.listDir(dir)) {
        if (e.type !== 'file' || !isAppFile(e.name)) continue;
        const file = `${dir}/${e.name}`;
        if (file === rec.entry.file || (await this.idOf(file)) === id) await this.deleteQuietly(file);
      }
    }
    await this.refresh(true);
    return { id, removed: rec.entry.source, file: rec.entry.file, restored: this.shipped.has(id) ? 'shipped' : null };
  }

  private missing(id: string) {
    const ids = [...new Set([...this.shipped.keys(), ...this.user.keys()])];
    return new KernelError('ENOENT', `no app "${id}"${didYouMean(id, ids)}; see \`agentos apps list\``);
  }

  private async scanShipped() {
    const files: string[] = [];
    const walk = async (dir: string, depth: number) => {
      for (const e of await this.listDir(dir)) {
        const full = `${dir}/${e.name}`;
        if (e.type === 'dir' && depth < MAX_DEPTH && !e.name.startsWith('.')) await walk(full, depth + 1);
        else if (e.type === 'file' && isAppFile(e.name)) files.push(full);
      }
    };
    await walk(this.shippedRoot, 1);
    const texts = await this.readAll(files.sort());
    for (const file of files) {
      const rec = this.record(file, 'shipped', '', texts.get(file)!);
      if (!rec) continue;
      const id = rec.blueprint.app.id;
      const other = this.shipped.get(id);
      if (other) {
        this.report(file, 1, 1, `app id "${id}" is also used by ${other.entry.file}; skipped`);
        continue;
      }
      this.shipped.set(id, rec);
    }
  }

  /**
   * Read files a few at a time (the kernel's file I/O overlaps): a folder of thousands of
   * apps opens in about half the time of one read after another. A file that cannot be
   * read maps to its error.
   */
  private async readAll(files: string[]): Promise<Map<string, string | KernelError>> {
    const out = new Map<string, string | KernelError>();
    let next = 0;
    const reader = async () => {
      while (next < files.length) {
        const file = files[next++]!;
        try {
          out.set(file, await this.io.syscall<string>('fs.read', { path: file }));
        } catch (e) {
          if (!isKernelError(e)) throw e;
          out.set(file, e);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, files.length) }, reader));
    return out;
  }

  /** A file's record from its text, or undefined after recording its problem. */
  private record(file: string, source: AppSource, stamp: string, text: string | KernelError): Record_ | undefined {
    if (isKernelError(text)) {
      this.report(file, 1, 1, `cannot read: ${text.code}: ${text.message}`);
      return undefined;
    }
    const blueprint = this.parse(text, file);
    if (!blueprint) return undefined;
    const a = blueprint.app;
    const entry: RegistryEntry = {
      id: a.id,
      name: a.name,
      ...(a.description ? { description: a.description } : {}),
      ...(a.icon ? { icon: a.icon } : {}),
      ...(a.category ? { category: a.category } : {}),
      ...(a.version ? { version: a.version } : {}),
      ...(a.tags?.length ? { tags: a.tags } : {}),
      source,
      file,
    };
    return { entry, blueprint, stamp, text };
  }

  private report(file: string, line: number, col: number, message: string) {
    this.broken.set(file, { file, line, col, message, text: `${file}:${line}:${col} ${message}` });
  }

  private markOverrides() {
    for (const r of this.user.values()) {
      const { overrides: _o, ...rest } = r.entry;
      r.entry = this.shipped.has(r.entry.id) ? { ...rest, overrides: 'shipped' } : rest;
    }
  }

  private async idOf(file: string): Promise<string | undefined> {
    for (const r of this.user.values()) if (r.entry.file === file) return r.entry.id;
    try {
      const value: unknown = JSON.parse(await this.io.syscall<string>('fs.read', { path: file }));
      const app = (value as { app?: { id?: unknown } } | null)?.app;
      return typeof app?.id === 'string' ? app.id : undefined;
    } catch {
      return undefined;
    }
  }

  private async deleteQuietly(file: string) {
    try {
      await this.io.syscall('fs.delete', { path: file });
    } catch (e) {
      if (!(isKernelError(e) && e.code === 'ENOENT')) throw e;
    }
  }

  private async listDir(dir: string): Promise<Listed[]> {
    try {
      return await this.io.syscall<Listed[]>('fs.list', { path: dir });
    } catch (e) {
      if (isKernelError(e) && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return [];
      throw e;
    }
  }
}

function sameStamps(a: Map<string, string>, b: Map<string, string>) {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
