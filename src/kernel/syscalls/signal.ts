import { z } from 'zod';
import { parseSignal, SIGNALS, SIGNAL_NAMES } from '../proc/signals.js';
import { defineSyscall } from '../syscall.js';
import { pidArg, signalArg } from './proc.js';

export const signalSyscalls = [
  defineSyscall({
    name: 'signal.send',
    doc: 'Send a signal. OS children and terminals get the real signal (their whole process group); app processes take the default action (TERM/KILL/INT/HUP end, STOP/CONT pause and resume, USR1/USR2/CHLD ignored) unless they handle it. Yours and your descendants, or any with KILL_PROCESS.',
    args: () => z.object({ pid: pidArg, signal: signalArg }),
    caps: [],
    returns: '{pid, signal, outcome: queued|exited|stopped|continued|ignored|sent}',
    run(ctx, a) {
      const target = ctx.kernel.procs.require(a.pid);
      ctx.kernel.signals.mayControl(ctx.proc, target, 'signal');
      return ctx.kernel.signals.send(ctx.proc.pid, target, parseSignal(a.signal));
    },
  }),
  defineSyscall({
    name: 'signal.handle',
    doc: 'Handle a signal yourself (or stop handling it): it is then queued for you (signal.pending) instead of its default action. KILL and STOP cannot be handled.',
    args: () => z.object({ signal: signalArg, handle: z.boolean().default(true).describe('false: back to the default action') }),
    caps: [],
    returns: '{pid, handled[]}',
    run(ctx, a) {
      return { pid: ctx.proc.pid, handled: ctx.kernel.signals.handle(ctx.proc.pid, parseSignal(a.signal), a.handle) };
    },
  }),
  defineSyscall({
    name: 'signal.pending',
    doc: 'The signals delivered to you that you handle, oldest first; reading takes them off the queue.',
    args: () => z.object({ keep: z.boolean().default(false).describe('leave them queued') }),
    caps: [],
    returns: '[{signal, from, at}]',
    run(ctx, a) {
      return ctx.kernel.signals.takePending(ctx.proc.pid, a.keep).map((d) => ({ ...d, at: new Date(d.at).toISOString() }));
    },
  }),
  defineSyscall({
    name: 'signal.list',
    doc: 'The signals: number, default action, whether they can be handled, meaning.',
    args: () => z.object({}),
    caps: [],
    returns: '[{signal, number, action, catchable, meaning}]',
    run: () => SIGNAL_NAMES.map((name) => ({ signal: name, ...SIGNALS[name] })),
  }),
];
