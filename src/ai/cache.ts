import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Blueprint } from '../blueprint/types.js';
import type { ProviderName } from './events.js';
import { validate } from './validate.js';

/**
 * Generated apps, remembered: an in-memory LRU for this process and files under
 * /home/.agentos/cache/gen for later runs. Keyed on everything that changes the answer
 * (prompt, provider, model, format version); a file that no longer validates is a miss.
 */
export interface CacheEntry {
  blueprint: Blueprint;
  provider: ProviderName;
  model: string;
  kind?: string;
  reason?: string;
}

/** Where entries persist. The CLI gives one backed by fs syscalls, so the sandbox sees it. */
export interface DiskStore {
  read(name: string): Promise<string | undefined>;
  write(name: string, text: string): Promise<void>;
}

export function cacheKey(parts: { prompt: string; provider: string; model: string; version: string | number }): string {
  const prompt = parts.prompt.trim().replace(/\s+/g, ' ').toLowerCase();
  return createHash('sha256').update(JSON.stringify([parts.version, parts.provider, parts.model, prompt])).digest('hex').slice(0, 32);
}

export class GenCache {
  private readonly memory: LRUCache<string, CacheEntry>;

  constructor(max = 200) {
    this.memory = new LRUCache({ max });
  }

  /** The fast path: this process has seen the prompt. */
  peek(key: string): CacheEntry | undefined {
    return this.memory.get(key);
  }

  async get(key: string, disk?: DiskStore): Promise<CacheEntry | undefined> {
    const hit = this.memory.get(key);
    if (hit || !disk) return hit;
    const text = await disk.read(`${key}.json`).catch(() => undefined);
    if (!text) return undefined;
    try {
      const entry = JSON.parse(text) as CacheEntry;
      const v = validate(entry.blueprint);
      if (!v.ok) return undefined;
      const fresh = { ...entry, blueprint: v.blueprint };
      this.memory.set(key, fresh);
      return fresh;
    } catch {
      return undefined;
    }
  }

  async set(key: string, entry: CacheEntry, disk?: DiskStore): Promise<void> {
    this.memory.set(key, entry);
    // A cache that cannot be written is only slower next time: never fail a generation for it.
    if (disk) await disk.write(`${key}.json`, JSON.stringify(entry)).catch(() => {});
  }

  clear() {
    this.memory.clear();
  }
}

/** The process-wide cache `generate()` uses unless given another. */
export const sharedCache = new GenCache();

export const CACHE_DIR = '/home/.agentos/cache/gen';

type Syscall = (name: string, args: Record<string, unknown>) => Promise<unknown>;

/** A DiskStore on the VFS, through the kernel's fs syscalls. */
export function kernelDisk(syscall: Syscall, dir = CACHE_DIR): DiskStore {
  let made = false;
  return {
    async read(name) {
      try {
        return (await syscall('fs.read', { path: `${dir}/${name}` })) as string;
      } catch {
        return undefined;
      }
    },
    async write(name, text) {
      if (!made) {
        await syscall('fs.mkdir', { path: dir, recursive: true });
        made = true;
      }
      await syscall('fs.write', { path: `${dir}/${name}`, content: text });
    },
  };
}
