import { z } from 'zod';
import { POLICY_NAMES } from '../../kernel/sched/policies.js';
import { defineRoute } from '../route.js';

/** The original's policy names (RoundRobin, Priority, Fair) and ours. */
const POLICY_ALIASES: Record<string, (typeof POLICY_NAMES)[number]> = { roundrobin: 'round_robin', round_robin: 'round_robin', 'round-robin': 'round_robin', priority: 'priority', fair: 'fair' };

const Policy = z
  .string()
  .transform((s, ctx) => {
    const p = POLICY_ALIASES[s.toLowerCase()];
    if (!p) ctx.addIssue({ code: 'custom', message: `unknown policy "${s}"; use ${POLICY_NAMES.join(', ')}` });
    return p ?? 'round_robin';
  });

export const kernelRoutes = [
  defineRoute({
    method: 'GET',
    path: '/kernel/scheduler/stats',
    doc: 'Scheduler figures: policy, quantum, tasks scheduled, context switches, preemptions, per process.',
    handler: ({ web }) => web.kernel.syscall(web.pid, 'sched.stats', {}),
  }),
  defineRoute({
    method: 'PUT',
    path: '/kernel/scheduler/policy',
    doc: 'Choose the scheduling policy: {policy: round_robin|priority|fair (or RoundRobin|Priority|Fair), quantum_ms?, slots?}.',
    body: z.object({ policy: Policy, quantum_ms: z.number().min(0.1).max(10_000).optional(), slots: z.number().int().min(1).max(64).optional() }).strict(),
    handler: ({ web, body }) => web.kernel.syscall(web.pid, 'sched.set_policy', Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))),
  }),
  defineRoute({
    method: 'POST',
    path: '/kernel/schedule-next',
    doc: 'Which process the policy runs next (nothing is run).',
    handler: ({ web }) => web.kernel.syscall(web.pid, 'sched.next', {}),
  }),
  defineRoute({
    method: 'GET',
    path: '/kernel/schedule-next',
    doc: 'The same, as a read.',
    handler: ({ web }) => web.kernel.syscall(web.pid, 'sched.next', {}),
  }),
];
