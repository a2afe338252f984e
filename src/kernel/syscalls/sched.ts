import { z } from 'zod';
import { POLICY_NAMES } from '../sched/policies.js';
import { defineSyscall } from '../syscall.js';

export const schedSyscalls = [
  defineSyscall({
    name: 'sched.set_policy',
    doc: 'Choose how queued kernel work is ordered: round_robin (in turn), priority (highest first), fair (by virtual runtime, shares follow priority). Needs KILL_PROCESS: it affects every process.',
    args: () => z.object({
      policy: z.enum(POLICY_NAMES).describe('round_robin, priority or fair'),
      quantum_ms: z.number().min(0.1).max(10_000).optional().describe('the time slice a process keeps before others get a turn'),
      slots: z.number().int().min(1).max(64).optional().describe('how many processes may run work at once'),
    }),
    caps: [{ cap: 'KILL_PROCESS' }],
    returns: '{policy, quantum_ms, slots}',
    run: (ctx, a) => ctx.kernel.sched.configure(a),
  }),
  defineSyscall({
    name: 'sched.stats',
    doc: 'Scheduler figures: policy, quantum, tasks scheduled, context switches, preemptions, and per process the wait and turnaround times.',
    args: () => z.object({}),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: '{policy, quantum_ms, slots, total_scheduled, context_switches, preemptions, active_processes, queued, processes[]}',
    run: (ctx) => ctx.kernel.sched.stats(),
  }),
  defineSyscall({
    name: 'sched.yield',
    doc: 'Give up the rest of your time slice: the next turn goes to another process with work.',
    args: () => z.object({}),
    caps: [],
    returns: '{pid, yielded, next}',
    run: (ctx) => ctx.kernel.sched.yield(ctx.proc.pid),
  }),
  defineSyscall({
    name: 'sched.next',
    doc: 'Which process the policy would run next (null when no work is queued); nothing is run.',
    args: () => z.object({}),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: '{pid, name, queued, policy} or {pid: null}',
    run(ctx) {
      const k = ctx.kernel;
      const e = k.sched.peek();
      return e ? { pid: e.pid, name: k.procs.get(e.pid)?.name ?? '', queued: e.queue.length, policy: k.sched.policy } : { pid: null, policy: k.sched.policy };
    },
  }),
  defineSyscall({
    name: 'sched.current',
    doc: 'The process scheduled last, the one holding the time slice, and those running work now.',
    args: () => z.object({}),
    caps: [{ cap: 'SYSTEM_INFO' }],
    returns: '{pid, holder, running[], slice_used_ms, quantum_ms}',
    run: (ctx) => ctx.kernel.sched.current(),
  }),
];
