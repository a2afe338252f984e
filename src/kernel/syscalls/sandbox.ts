import { z } from 'zod';
import { KernelError } from '../errors.js';
import { CAPABILITIES, CAPABILITY_NAMES, type Capability } from '../sandbox/capabilities.js';
import { decide, dropGrant } from '../sandbox/policy.js';
import { PROFILES } from '../sandbox/profiles.js';
import { defineSyscall } from '../syscall.js';
import { normalizePath } from '../vfs/path.js';

const cap = z.enum(CAPABILITY_NAMES as [Capability, ...Capability[]]).describe('a capability name, e.g. READ_FILE');

export const sandboxSyscalls = [
  defineSyscall({
    name: 'sandbox.grants',
    doc: 'The capability grants of a process (yours by default).',
    args: () => z.object({ pid: z.number().int().positive().optional().describe('another process (needs SYSTEM_INFO)') }),
    caps: (a) => (a.pid ? [{ cap: 'SYSTEM_INFO' }] : []),
    returns: '{pid, profile, grants[]}',
    run(ctx, a) {
      const p = a.pid ? ctx.kernel.procs.require(a.pid) : ctx.proc;
      return { pid: p.pid, profile: p.profile, grants: p.grants.map((g) => ({ ...g, display: CAPABILITIES[g.cap].display })) };
    },
  }),
  defineSyscall({
    name: 'sandbox.check',
    doc: 'Would this process be allowed a capability over a target? Nothing is done.',
    args: () => z.object({ cap, target: z.string().max(4096).optional().describe('a path, host, port or command') }),
    caps: [],
    returns: '{allowed, reason, target}',
    async run(ctx, a) {
      let target = a.target;
      if (target !== undefined && CAPABILITIES[a.cap].scope === 'path') {
        try {
          target = (await ctx.kernel.resolve(ctx.proc, target)).path;
        } catch (e) {
          target = normalizePath(target, ctx.proc.cwd, ctx.proc.pid);
          if (e instanceof KernelError && e.code === 'EACCES') return { allowed: false, reason: e.message, target };
        }
      }
      const r = decide(ctx.proc.grants, a.cap, target);
      return { allowed: r.allowed, reason: r.reason, target: target ?? null };
    },
  }),
  defineSyscall({
    name: 'sandbox.drop',
    doc: 'Give up a capability (or part of its scope) for good; grants never grow back.',
    args: () => z.object({ cap, scope: z.array(z.string().min(1)).optional().describe('only these scope patterns') }),
    caps: [],
    returns: '{pid, grants[]}',
    run(ctx, a) {
      ctx.proc.grants = dropGrant(ctx.proc.grants, a.cap, a.scope);
      return { pid: ctx.proc.pid, grants: ctx.proc.grants };
    },
  }),
  defineSyscall({
    name: 'sandbox.profiles',
    doc: 'The preset profiles and the grants each gives.',
    args: () => z.object({}),
    caps: [],
    returns: '{MINIMAL, STANDARD, PRIVILEGED}',
    run: () => PROFILES,
  }),
];
