import { z } from 'zod';
import { defineSyscall } from '../syscall.js';

export const timeSyscalls = [
  defineSyscall({
    name: 'time.now',
    doc: 'The current time.',
    args: () => z.object({}),
    caps: [{ cap: 'TIME_ACCESS' }],
    returns: '{ms, iso}',
    run() {
      const ms = Date.now();
      return { ms, iso: new Date(ms).toISOString() };
    },
  }),
  defineSyscall({
    name: 'time.sleep',
    doc: 'Wait a number of milliseconds (at most an hour).',
    args: () => z.object({ ms: z.number().int().min(0).max(3_600_000).describe('milliseconds') }),
    caps: [{ cap: 'TIME_ACCESS' }],
    returns: '{slept_ms}',
    run: (_ctx, a) => new Promise((resolve) => setTimeout(() => resolve({ slept_ms: a.ms }), a.ms)),
  }),
  defineSyscall({
    name: 'time.uptime',
    doc: 'How long this kernel has been running.',
    args: () => z.object({}),
    caps: [{ cap: 'TIME_ACCESS' }],
    returns: '{seconds, booted}',
    run: (ctx) => ({ seconds: (Date.now() - ctx.kernel.bootTime) / 1000, booted: new Date(ctx.kernel.bootTime).toISOString() }),
  }),
];
