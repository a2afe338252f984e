export type NodeType = 'file' | 'dir' | 'symlink';

export interface Stat {
  type: NodeType;
  size: number;
  mode: number;
  mtimeMs: number;
  ctimeMs: number;
  birthtimeMs: number;
}

export interface DirEntry {
  name: string;
  type: NodeType;
}

/** A folder entry with what `fs.list` shows of it (no mtime when it could not be read). */
export interface ListedEntry extends DirEntry {
  size: number;
  mtimeMs?: number;
}

/** Where a backend's own symlink walk ended: inside it, or at a path of another mount. */
export type Lookup = { rel: string } | { redirect: string };

export interface WriteOptions {
  append?: boolean;
  /** Fail with EEXIST when the file is there already. */
  exclusive?: boolean;
  mode?: number;
}

/**
 * A filesystem behind a mount point. Paths are relative to the mount ("" is its root,
 * "a/b" below it) and already canonical: the VFS has normalized them and the backend's
 * own `lookup` has resolved symlinks. A backend never lets a path out of its root.
 */
export interface Backend {
  readonly kind: 'memfs' | 'localfs' | 'procfs';
  readonly readOnly: boolean;
  /** Describes the backing store for /proc/mounts (a host folder, "memory", "kernel"). */
  readonly source: string;
  lookup(rel: string, followLast: boolean): Promise<Lookup>;
  stat(rel: string): Promise<Stat>;
  lstat(rel: string): Promise<Stat>;
  read(rel: string): Promise<Buffer>;
  write(rel: string, data: Buffer, opts?: WriteOptions): Promise<void>;
  list(rel: string): Promise<DirEntry[]>;
  /** `list` with each entry's size and mtime, for backends that do better than one `lstat` call each. */
  listStats?(rel: string): Promise<ListedEntry[]>;
  mkdir(rel: string, recursive: boolean): Promise<void>;
  rmdir(rel: string, recursive: boolean): Promise<void>;
  unlink(rel: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  truncate(rel: string, length: number): Promise<void>;
  symlink(target: string, rel: string): Promise<void>;
  readlink(rel: string): Promise<string>;
  chmod(rel: string, mode: number): Promise<void>;
  /** Bytes in use and the limit, when the backend has one. */
  usage?(): { used: number; limit: number };
  /** Changes made outside the kernel (a host folder edited by another program). */
  watchHost?(rel: string, onChange: (rel: string) => void): () => void;
}
