import { z } from 'zod';
import { isKernelError } from '../../../kernel/errors.js';
import { defineTool, type ToolContext, type ToolDef } from '../types.js';
import { col, humanBytes, isUserFacing, itemsIn, pickItem, pickParams, problem, selectItem, type Item } from './common.js';

/**
 * The task manager: the kernel's process table (proc.list, proc.stats) as the app's own
 * process sees it, and proc.kill with the app's grants. CPU % is the CPU time a process
 * used between two refreshes over the wall time between them.
 *
 * State: `processes` (list items {label, value: pid, ...}), `summary`, `selected` (a pid),
 * `status`; `tasks:cpu` keeps the last sample.
 */
interface Proc {
  pid: number;
  ppid: number;
  name: string;
  kind: string;
  state: string;
  memory_bytes: number;
  command: string;
}

interface ProcItem extends Item {
  value: number;
  name: string;
  kind: string;
  state: string;
  cpu: number;
  memory: number;
}

type Sample = Record<string, [cpuMs: number, at: number]>;

/** The kernel's own processes and the desktop's services: ending them would end the desktop, so the app refuses. */
const PROTECTED_KINDS = new Set(['kernel', 'user', 'service']);

/** Two spaces first: list rows are drawn after a two-column marker ("› " in the terminal). */
export const HEADER = `  ${col('PID', 6, true)}  ${col('NAME', 22)} ${col('KIND', 8)} ${col('STATE', 9)} ${col('CPU%', 6, true)} ${col('MEMORY', 9, true)}`;

async function cpuOf(ctx: ToolContext, pid: number): Promise<number> {
  try {
    const s = await ctx.syscall<{ cpu_ms?: number }>('proc.stats', { pid });
    return typeof s.cpu_ms === 'number' ? s.cpu_ms : 0;
  } catch (e) {
    // A process that ended between the list and this call has no figures: that is fine.
    if (isKernelError(e) && e.code === 'ESRCH') return 0;
    throw e;
  }
}

async function refresh(ctx: ToolContext): Promise<ProcItem[]> {
  const procs = await ctx.syscall<Proc[]>('proc.list');
  const now = Date.now();
  const before = (ctx.state.get('tasks:cpu') as Sample | undefined) ?? {};
  const sample: Sample = {};
  const items: ProcItem[] = [];
  for (const p of procs) {
    if (p.state === 'zombie') continue;
    const cpuMs = await cpuOf(ctx, p.pid);
    sample[p.pid] = [cpuMs, now];
    const prev = before[p.pid];
    const cpu = prev && now > prev[1] ? Math.max(0, Math.min(100 * 64, ((cpuMs - prev[0]) / (now - prev[1])) * 100)) : 0;
    const name = p.command && p.command !== p.name ? `${p.name} (${p.command})` : p.name;
    items.push({
      label: `${col(String(p.pid), 6, true)}  ${col(name, 22)} ${col(p.kind, 8)} ${col(p.state, 9)} ${col(cpu.toFixed(1), 6, true)} ${col(p.memory_bytes ? humanBytes(p.memory_bytes) : '-', 9, true)}`,
      value: p.pid,
      name: p.name,
      kind: p.kind,
      state: p.state,
      cpu: Math.round(cpu * 10) / 10,
      memory: p.memory_bytes,
    });
  }
  ctx.state.set('tasks:cpu', sample);
  ctx.state.set('processes', items);
  ctx.state.set('processes-header', HEADER);
  const apps = items.filter((i) => i.kind === 'app').length;
  const memory = items.reduce((n, i) => n + (i.memory || 0), 0);
  ctx.state.set('summary', `${items.length} processes, ${apps} ${apps === 1 ? 'app' : 'apps'}, ${humanBytes(memory)} charged`);
  return items;
}

export const TASK_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'tasks.refresh',
    doc: 'Read the process table into `processes` (pid, name, kind, state, CPU %, memory).',
    params: () => z.object({}),
    async run(ctx) {
      return (await refresh(ctx)).length;
    },
  }),
  defineTool({
    id: 'tasks.select',
    doc: 'Select a process (by index or pid; default: the picked item).',
    params: () => z.object(pickParams),
    run(ctx, p) {
      const item = selectItem(ctx, itemsIn<ProcItem>(ctx, 'processes'), p);
      ctx.state.set('status', item ? `Selected ${item.name} (pid ${item.value})` : 'Nothing selected');
      return item?.value ?? null;
    },
  }),
  defineTool({
    id: 'tasks.kill',
    doc: 'End the selected process (or `value`, a pid) and its children, then refresh.',
    params: () => z.object({ ...pickParams, signal: z.enum(['TERM', 'KILL', 'INT', 'HUP']).default('TERM').describe('the signal') }),
    async run(ctx, p) {
      const item = pickItem(ctx, itemsIn<ProcItem>(ctx, 'processes'), p);
      if (!item) {
        ctx.state.set('status', 'Select a process to end first');
        return false;
      }
      if (PROTECTED_KINDS.has(item.kind) || item.value === ctx.pid) {
        ctx.state.set('status', `Refusing to end ${item.name} (pid ${item.value}): the desktop needs it`);
        return false;
      }
      try {
        await ctx.syscall('proc.kill', { pid: item.value, signal: p.signal });
        ctx.state.set('status', `Ended ${item.name} (pid ${item.value})`);
      } catch (e) {
        if (!isUserFacing(e)) throw e;
        ctx.state.set('status', problem(e));
      }
      ctx.state.set('selected', '');
      await refresh(ctx);
      return true;
    },
  }),
];
