import { z } from 'zod';
import { KernelError } from '../../kernel/errors.js';
import { bindingsParam, desk, text, toBindings } from './common.js';
import { defineTool, type ToolDef } from './types.js';

const message = z.string().max(4000).describe('the text');
const title = z.string().max(200).optional().describe('a title');
const delay = z.number().int().min(0).max(86_400_000);

/** Desktop-side system tools. system.info/time/ping/getLogs belong to the system service. */
export const SYSTEM_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'system.alert',
    doc: 'Show a message the user dismisses.',
    params: () => z.object({ message, title }),
    run(ctx, p) {
      desk(ctx).alert(p.message, p.title);
      return true;
    },
  }),
  defineTool({
    id: 'system.confirm',
    doc: 'Ask the user yes or no; the answer goes to `key` and runs on_yes or on_no. Returns the dialog id.',
    params: () => z.object({
      message,
      title,
      key: z.string().min(1).optional().describe('state key for the answer (true/false)'),
      on_yes: bindingsParam.optional(),
      on_no: bindingsParam.optional(),
    }),
    run(ctx, p) {
      // The answer comes later; waiting here would keep the app busy while the user thinks.
      return desk(ctx).confirm(p.message, { title: p.title, key: p.key, yes: toBindings(p.on_yes), no: toBindings(p.on_no) });
    },
  }),
  defineTool({
    id: 'system.notify',
    doc: 'Show a notification on the desktop.',
    params: () => z.object({ message, title, level: z.enum(['info', 'success', 'warning', 'error']).default('info').describe('how it looks') }),
    run(ctx, p) {
      desk(ctx).notify({ message: p.message, title: p.title, level: p.level });
      return true;
    },
  }),
  defineTool({
    id: 'system.log',
    doc: 'Write a line to the kernel log (as this app\'s process).',
    params: () => z.object({ message: z.unknown().optional().describe('what to log (default: the event\'s value)'), level: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('severity') }),
    async run(ctx, p) {
      await ctx.syscall('sys.log', { message: text(p.message ?? ctx.event.value).slice(0, 4000), level: p.level });
      return true;
    },
  }),
  defineTool({
    id: 'system.clipboard.copy',
    doc: 'Copy text (or a state key\'s value) to the desktop clipboard.',
    params: () => z.object({ text: z.unknown().optional().describe('the text (default: the event\'s value)'), key: z.string().optional().describe('copy this state key instead') }),
    run(ctx, p) {
      const value = text(p.key ? ctx.state.get(p.key) : (p.text ?? ctx.event.value));
      desk(ctx).clipboard.copy(value);
      return value;
    },
  }),
  defineTool({
    id: 'system.clipboard.paste',
    doc: 'Put the clipboard\'s text into a state key ("display" by default).',
    params: () => z.object({ key: z.string().min(1).optional().describe('where to paste'), append: z.boolean().default(false).describe('append instead of replacing') }),
    run(ctx, p) {
      const key = p.key ?? 'display';
      const clip = desk(ctx).clipboard.paste();
      const next = p.append ? text(ctx.state.get(key)) + clip : clip;
      ctx.state.set(key, next);
      return next;
    },
  }),
  defineTool({
    id: 'system.timer.set',
    doc: 'Run tools once after a delay; returns the timer id (stored in `key` if given).',
    params: () => z.object({ delay_ms: delay.optional().describe('milliseconds'), delay: delay.optional().describe('same as delay_ms'), action: bindingsParam, key: z.string().optional().describe('state key for the timer id') }),
    run(ctx, p) {
      const ms = p.delay_ms ?? p.delay;
      if (ms === undefined) throw new KernelError('EINVAL', 'how long? give "delay_ms"');
      const id = desk(ctx).timers.set(ms, toBindings(p.action));
      if (p.key) ctx.state.set(p.key, id);
      return id;
    },
  }),
  defineTool({
    id: 'system.timer.interval',
    doc: 'Run tools every interval (at least 50 ms) until cleared or the app closes; returns the timer id.',
    params: () => z.object({ interval_ms: delay.optional().describe('milliseconds'), interval: delay.optional().describe('same as interval_ms'), action: bindingsParam, key: z.string().optional().describe('state key for the timer id') }),
    run(ctx, p) {
      const ms = p.interval_ms ?? p.interval;
      if (ms === undefined) throw new KernelError('EINVAL', 'how often? give "interval_ms"');
      const id = desk(ctx).timers.interval(ms, toBindings(p.action));
      if (p.key) ctx.state.set(p.key, id);
      return id;
    },
  }),
  defineTool({
    id: 'system.timer.clear',
    doc: 'Stop a timer by id (or the id stored in `key`).',
    params: () => z.object({ timer_id: z.number().int().optional().describe('the timer id'), key: z.string().optional().describe('state key holding the id') }),
    run(ctx, p) {
      const id = p.timer_id ?? Number(p.key ? ctx.state.get(p.key) : NaN);
      if (!Number.isInteger(id)) throw new KernelError('EINVAL', 'which timer? give "timer_id" or "key"');
      return desk(ctx).timers.clear(id);
    },
  }),
  defineTool({
    id: 'system.undo',
    doc: 'Undo the app\'s last state change.',
    params: () => z.object({}),
    run: (ctx) => desk(ctx).history.undo(),
  }),
  defineTool({
    id: 'system.redo',
    doc: 'Redo what undo took back.',
    params: () => z.object({}),
    run: (ctx) => desk(ctx).history.redo(),
  }),
];
