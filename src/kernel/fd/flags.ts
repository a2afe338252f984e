import { KernelError } from '../errors.js';
import { didYouMean } from '../../util/suggest.js';

/** What an open file description allows and does. */
export interface OpenFlags {
  read: boolean;
  write: boolean;
  create: boolean;
  exclusive: boolean;
  truncate: boolean;
  append: boolean;
  nonblock: boolean;
  cloexec: boolean;
  nofollow: boolean;
}

const NONE: OpenFlags = { read: false, write: false, create: false, exclusive: false, truncate: false, append: false, nonblock: false, cloexec: false, nofollow: false };

/** The fopen-style modes, as Node and C spell them. */
const MODES: Record<string, Partial<OpenFlags>> = {
  r: { read: true },
  'r+': { read: true, write: true },
  w: { write: true, create: true, truncate: true },
  'w+': { read: true, write: true, create: true, truncate: true },
  wx: { write: true, create: true, truncate: true, exclusive: true },
  'wx+': { read: true, write: true, create: true, truncate: true, exclusive: true },
  a: { write: true, create: true, append: true },
  'a+': { read: true, write: true, create: true, append: true },
  ax: { write: true, create: true, append: true, exclusive: true },
  'ax+': { read: true, write: true, create: true, append: true, exclusive: true },
};

/** POSIX open(2) flag names. O_SYNC and O_DSYNC are accepted: every write reaches the backend at once. */
const NAMES: Record<string, Partial<OpenFlags>> = {
  O_RDONLY: { read: true },
  O_WRONLY: { write: true },
  O_RDWR: { read: true, write: true },
  O_CREAT: { create: true },
  O_EXCL: { exclusive: true },
  O_TRUNC: { truncate: true },
  O_APPEND: { append: true },
  O_NONBLOCK: { nonblock: true },
  O_CLOEXEC: { cloexec: true },
  O_NOFOLLOW: { nofollow: true },
  O_SYNC: {},
  O_DSYNC: {},
};

/** Flags fcntl(setfl) may change; the access mode and creation flags are fixed at open. */
export const SETTABLE = ['O_APPEND', 'O_NONBLOCK'] as const;

/** `"r+"`, `"a"`, or O_* names joined by `|`, `,` or spaces (`"O_RDWR|O_CREAT"`). */
export function parseFlags(text: string): OpenFlags {
  const t = text.trim();
  if (Object.hasOwn(MODES, t)) return { ...NONE, ...MODES[t] };
  const out = { ...NONE };
  const words = t.split(/[|,\s]+/).filter(Boolean).map((w) => w.toUpperCase());
  if (!words.length) throw new KernelError('EINVAL', 'flags are empty; use r, r+, w, w+, a, a+ or O_* names like O_RDWR|O_CREAT');
  for (const w of words) {
    const name = w.startsWith('O_') ? w : `O_${w}`;
    if (!Object.hasOwn(NAMES, name)) {
      throw new KernelError('EINVAL', `unknown open flag "${w}"${didYouMean(name, Object.keys(NAMES))}; use r, r+, w, w+, a, a+ or O_* names`);
    }
    Object.assign(out, NAMES[name]);
  }
  // O_RDONLY is 0 in C: a set of names without an access mode opens for reading.
  if (!out.read && !out.write) out.read = true;
  if (out.exclusive && !out.create) throw new KernelError('EINVAL', 'O_EXCL only makes sense with O_CREAT');
  return out;
}

/** Flags as O_* names, for fcntl(getfl) and fd listings. */
export function formatFlags(f: OpenFlags): string {
  const names = [f.read && f.write ? 'O_RDWR' : f.write ? 'O_WRONLY' : 'O_RDONLY'];
  if (f.append) names.push('O_APPEND');
  if (f.nonblock) names.push('O_NONBLOCK');
  return names.join('|');
}

/** fcntl(setfl): the names given become the settable flags; others are left as they were. */
export function setStatusFlags(f: OpenFlags, text: string) {
  const words = text.split(/[|,\s]+/).filter(Boolean).map((w) => (w.toUpperCase().startsWith('O_') ? w.toUpperCase() : `O_${w.toUpperCase()}`));
  for (const w of words) {
    if (!(SETTABLE as readonly string[]).includes(w) && !Object.hasOwn(NAMES, w)) throw new KernelError('EINVAL', `unknown flag "${w}"; setfl changes ${SETTABLE.join(' and ')}`);
  }
  f.append = words.includes('O_APPEND');
  f.nonblock = words.includes('O_NONBLOCK');
}
