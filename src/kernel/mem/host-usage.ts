import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux we run on. */
const TICKS_PER_SECOND = 100;

export interface HostUsage {
  /** User plus system CPU time, in milliseconds. */
  cpu_ms: number;
  rss_bytes: number;
  threads: number;
  /** The kernel's one-letter state: R running, S sleeping, T stopped, Z zombie... */
  state: string;
}

/**
 * What the host kernel says about one of our OS children, read from /proc. Undefined
 * when the process is gone or this is not Linux.
 */
export function hostUsage(osPid: number): HostUsage | undefined {
  let stat: string;
  let status: string;
  try {
    stat = readFileSync(`/proc/${osPid}/stat`, 'utf8');
    status = readFileSync(`/proc/${osPid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name in parentheses may hold spaces and parentheses: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
  return {
    cpu_ms: Math.round(((utime + stime) * 1000) / TICKS_PER_SECOND),
    rss_bytes: rssKb * 1024,
    threads,
    state: fields[0] ?? '?',
  };
}
