import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Kernel } from '../../src/kernel/kernel.js';

/** Runs per property: small in `npm test`, large under `npm run fuzz` (FUZZ_RUNS). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 600;

/** The host folder behind a kernel's /home. */
export const homeOf = (k: Kernel) => (k.vfs.mountFor('/home').mount.backend as unknown as { root: string }).root;

/** Every entry under a host folder: type, mode, and content hash or link target. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const rel = path.relative(root, full);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(full)}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${st.mode.toString(8)}`;
        walk(full);
      } else out[rel] = `file ${st.mode.toString(8)} ${createHash('sha1').update(readFileSync(full)).digest('hex')}`;
    }
  };
  walk(root);
  return out;
}

/** A promise that must settle within `ms`; a hang fails the test with what was called. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, hang]).finally(() => clearTimeout(timer));
}
