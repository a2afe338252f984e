import { KernelError } from '../errors.js';

export const MAX_PATH = 4096;

/**
 * Turn what a caller wrote into an absolute, normalized VFS path. `..` cannot climb above
 * `/`; NUL bytes and over-long paths are refused; `/proc/self` becomes the caller's pid.
 * Nothing is decoded: `%2e%2e` is a file name like any other.
 */
export function normalizePath(input: string, cwd = '/', pid?: number): string {
  if (typeof input !== 'string') throw new KernelError('EINVAL', 'path must be a string');
  if (input.length === 0) throw new KernelError('EINVAL', 'path is empty');
  if (input.includes('\0')) throw new KernelError('EINVAL', 'path contains a NUL byte');
  if (input.length > MAX_PATH) throw new KernelError('ENAMETOOLONG', `path is longer than ${MAX_PATH} characters`);
  const raw = input.startsWith('/') ? input : `${cwd}/${input}`;
  const out: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  if (pid !== undefined && out[0] === 'proc' && out[1] === 'self') out[1] = String(pid);
  return '/' + out.join('/');
}

export const joinPath = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Is `p` the folder `dir` or below it? */
export const isWithin = (p: string, dir: string) => dir === '/' || p === dir || p.startsWith(dir + '/');
