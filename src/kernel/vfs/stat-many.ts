import { lstat, type Stats } from 'node:fs';

/** lstat calls in flight at once: enough to keep libuv's threads busy, few enough not to starve other I/O. */
const IN_FLIGHT = 64;

/**
 * lstat of many paths in one folder, undefined for those that are gone. The callback API
 * with a bounded number in flight: a promise per path (fs.promises) costs several times
 * the system call itself, which is what makes a 10,000-entry folder slow to list.
 */
export function lstatMany(dir: string, names: readonly string[]): Promise<(Stats | undefined)[]> {
  const out: (Stats | undefined)[] = new Array(names.length);
  if (!names.length) return Promise.resolve(out);
  return new Promise((resolve) => {
    let next = 0;
    let done = 0;
    const one = () => {
      const i = next++;
      if (i >= names.length) return;
      lstat(`${dir}/${names[i]}`, (err, st) => {
        out[i] = err ? undefined : st;
        if (++done === names.length) resolve(out);
        else one();
      });
    };
    for (let w = 0; w < Math.min(IN_FLIGHT, names.length); w++) one();
  });
}
