import { parseBlueprint } from '../blueprint/parse.js';
import type { Blueprint } from '../blueprint/types.js';
import { KernelError } from '../kernel/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import { didYouMean } from '../util/suggest.js';

/** One launchable app, as a launcher lists it. */
export interface CatalogEntry {
  id: string;
  name: string;
  description?: string;
  icon?: string;
  category?: string;
  /** Where it comes from (a VFS path, or "registry"). */
  source: string;
}

/**
 * Where apps come from by id. The registry implements this (saved and generated apps);
 * `folderCatalog` is the default: the shipped `.bp` files under /apps.
 */
export interface AppCatalog {
  list(): Promise<CatalogEntry[]>;
  /** The app's Blueprint; ENOENT (with a did-you-mean) when there is none. */
  load(id: string): Promise<Blueprint>;
}

/** Turns Blueprint source into the canonical form (blueprint/parse.ts); throws BlueprintError. */
export type BlueprintParser = (source: string, file: string) => Blueprint;

export const APP_EXTENSIONS = ['.bp', '.aiapp'];
const isAppFile = (name: string) => APP_EXTENSIONS.some((e) => name.endsWith(e));

interface ListEntry {
  name: string;
  type: string;
}

/**
 * The `.bp` / `.aiapp` files of a VFS folder and its category subfolders, read through
 * syscalls as `pid`. An app is found by file name (`<id>.bp`) first, then by `app.id`.
 * A file that fails to parse is left out of `list` and reported by `load`.
 */
export function folderCatalog(kernel: Kernel, pid: number, root = '/apps', parse: BlueprintParser = parseBlueprint): AppCatalog {
  const files = async (): Promise<string[]> => {
    const out: string[] = [];
    const walk = async (dir: string, depth: number) => {
      let entries: ListEntry[];
      try {
        entries = await kernel.syscall<ListEntry[]>(pid, 'fs.list', { path: dir });
      } catch (e) {
        if (e instanceof KernelError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return;
        throw e;
      }
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const full = `${dir.replace(/\/$/, '')}/${e.name}`;
        if (e.type === 'dir' && depth < 2 && !e.name.startsWith('.')) await walk(full, depth + 1);
        else if (e.type === 'file' && isAppFile(e.name)) out.push(full);
      }
    };
    await walk(root, 0);
    return out;
  };
  const read = async (file: string) => parse(await kernel.syscall<string>(pid, 'fs.read', { path: file }), file);
  const entryOf = (bp: Blueprint, source: string): CatalogEntry => ({
    id: bp.app.id,
    name: bp.app.name,
    description: bp.app.description,
    icon: bp.app.icon,
    category: bp.app.category,
    source,
  });

  return {
    async list() {
      const out: CatalogEntry[] = [];
      const seen = new Set<string>();
      for (const f of await files()) {
        try {
          const bp = await read(f);
          if (seen.has(bp.app.id)) continue;
          seen.add(bp.app.id);
          out.push(entryOf(bp, f));
        } catch {
          // A broken file is reported when someone launches it, not by hiding every app.
        }
      }
      return out;
    },
    async load(id) {
      const all = await files();
      const base = (f: string) => f.slice(f.lastIndexOf('/') + 1).replace(/\.(bp|aiapp)$/, '');
      const byName = all.find((f) => base(f) === id);
      if (byName) return read(byName);
      const ids: string[] = [];
      for (const f of all) {
        try {
          const bp = await read(f);
          if (bp.app.id === id) return bp;
          ids.push(bp.app.id);
        } catch {
          ids.push(base(f));
        }
      }
      throw new KernelError('ENOENT', `no app "${id}" in ${root}${didYouMean(id, ids)}`);
    },
  };
}

/** Several catalogs as one: the first that has an id wins (the registry before the shipped apps). */
export function combinedCatalog(...catalogs: AppCatalog[]): AppCatalog {
  return {
    async list() {
      const seen = new Set<string>();
      const out: CatalogEntry[] = [];
      for (const c of catalogs) for (const e of await c.list()) if (!seen.has(e.id) && seen.add(e.id)) out.push(e);
      return out;
    },
    async load(id) {
      let last: unknown;
      for (const c of catalogs) {
        try {
          return await c.load(id);
        } catch (e) {
          if (!(e instanceof KernelError && e.code === 'ENOENT')) throw e;
          last = e;
        }
      }
      throw last ?? new KernelError('ENOENT', `no app "${id}"`);
    },
  };
}

/** A catalog of Blueprints held in memory (tests, generated apps not yet saved). */
export function memoryCatalog(blueprints: Blueprint[]): AppCatalog {
  const byId = new Map(blueprints.map((b) => [b.app.id, b]));
  return {
    list: async () => [...byId.values()].map((bp) => ({ id: bp.app.id, name: bp.app.name, description: bp.app.description, icon: bp.app.icon, category: bp.app.category, source: 'memory' })),
    load: async (id) => {
      const bp = byId.get(id);
      if (!bp) throw new KernelError('ENOENT', `no app "${id}"${didYouMean(id, byId.keys())}`);
      return bp;
    },
  };
}
