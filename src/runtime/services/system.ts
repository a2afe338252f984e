import { z } from 'zod';
import { defineTool, type ToolDef } from '../tools/types.js';

/**
 * The system service: facts about the kernel and the clock, through sys.* and time.*.
 * `system.log` (writing a log line) is a runtime tool of its own; this reads the log back.
 */
interface LogLine {
  at: string;
  pid: number;
  level: string;
  message: string;
}

export const SYSTEM_SERVICE_TOOLS: ToolDef[] = [
  defineTool({
    id: 'system.info',
    doc: 'What the system is and runs on: version, platform, CPUs, memory, uptime, processes, mounts.',
    service: 'system',
    grants: () => [{ cap: 'SYSTEM_INFO' }],
    params: () => z.object({}),
    run: (ctx) => ctx.syscall('sys.info'),
  }),
  defineTool({
    id: 'system.time',
    doc: 'The current time: ms since 1970, ISO text, local text, time zone, and kernel uptime.',
    service: 'system',
    grants: () => [{ cap: 'TIME_ACCESS' }],
    params: () => z.object({}),
    async run(ctx) {
      const now = await ctx.syscall<{ ms: number; iso: string }>('time.now');
      const up = await ctx.syscall<{ seconds: number }>('time.uptime');
      return {
        ms: now.ms,
        iso: now.iso,
        local: new Date(now.ms).toLocaleString(),
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        uptime_s: Math.round(up.seconds),
      };
    },
  }),
  defineTool({
    id: 'system.getLogs',
    doc: 'Recent log lines: this app\'s own by default, every process\'s with all=true.',
    service: 'system',
    grants: () => [{ cap: 'SYSTEM_INFO' }],
    params: () => z.object({
      limit: z.number().int().min(1).max(1000).default(100).describe('how many lines, newest last'),
      level: z.enum(['debug', 'info', 'warn', 'error']).optional().describe('only this severity'),
      all: z.boolean().default(false).describe('every process\'s lines, not only this app\'s'),
    }),
    async run(ctx, p) {
      const lines = await ctx.syscall<LogLine[]>('sys.logs', { limit: p.all ? p.limit : 1000, ...(p.level ? { level: p.level } : {}) });
      return (p.all ? lines : lines.filter((l) => l.pid === ctx.pid)).slice(-p.limit);
    },
  }),
  defineTool({
    id: 'system.ping',
    doc: 'Check that the kernel answers: {pong, at}.',
    service: 'system',
    params: () => z.object({}),
    run: (ctx) => ctx.syscall('sys.ping'),
  }),
];
