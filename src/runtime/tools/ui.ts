import { z } from 'zod';
import { KernelError } from '../../kernel/errors.js';
import { disabledKey, hiddenKey } from '../components.js';
import { computeDisplay, evaluate, loadMath, mathLoaded } from '../expr.js';
import { keyOf, keyParams, text } from './common.js';
import { defineTool, type ToolContext, type ToolDef } from './types.js';

/** Calculator-like text: a number, an expression of numbers, or "Error". */
const CALCULATOR_TEXT = /^(?:[\d.\s+\-*/×÷−()%^eE]*|Error)$/;
const DIGITS = /^\d+$/;
const valueArg = z.unknown().optional().describe('the value (default: the event\'s value)');
const valueOf = (p: { value?: unknown }, ctx: ToolContext) => (p.value !== undefined ? p.value : ctx.event.value);

/** What a cleared or emptied field goes back to: "0" for a calculator display, else "". */
const emptyFor = (current: unknown) => (typeof current === 'string' && current !== '' && CALCULATOR_TEXT.test(current) ? '0' : '');

function compute(ctx: ToolContext, p: { key?: string; target?: string; id?: string; expression?: string }) {
  const key = p.key ?? p.target ?? p.id ?? 'display';
  const result = computeDisplay(p.expression ?? text(ctx.state.get(key)));
  ctx.state.set(key, result);
  return result;
}

export const UI_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'ui.set',
    doc: 'Set a state key to a value (default: the event\'s value), or to the result of a math expression over state and event.',
    params: () => z.object({ ...keyParams, value: valueArg, expression: z.string().optional().describe('a mathjs expression, e.g. "state.price * state.qty"') }),
    async run(ctx, p) {
      const key = keyOf(p);
      if (p.expression !== undefined && !mathLoaded()) await loadMath();
      const value = p.expression !== undefined ? evaluate(p.expression, { state: ctx.state.all(), event: ctx.event, props: ctx.event.props ?? {} }) : valueOf(p, ctx);
      ctx.state.set(key, value);
      return value;
    },
  }),
  defineTool({
    id: 'ui.get',
    doc: 'Read a state key.',
    params: () => z.object({ ...keyParams }),
    run: (ctx, p) => ctx.state.get(keyOf(p)),
  }),
  defineTool({
    id: 'ui.set_multiple',
    doc: 'Set several state keys at once.',
    params: () => z.object({ values: z.record(z.string(), z.unknown()).describe('key -> value') }),
    run(ctx, p) {
      for (const [k, v] of Object.entries(p.values)) ctx.state.set(k, v);
      return p.values;
    },
  }),
  defineTool({
    id: 'ui.append',
    doc: 'Append the event\'s value (a button\'s text) to a field, "display" by default; a digit replaces a lone "0".',
    params: () => z.object({ ...keyParams, value: valueArg }),
    run(ctx, p) {
      // The target is never the clicking component: a button appends to the display, not to itself.
      const key = p.key ?? p.target ?? p.id ?? 'display';
      const add = text(valueOf(p, ctx));
      const current = text(ctx.state.get(key));
      const next = (current === '0' || current === 'Error') && DIGITS.test(add) ? add : current + add;
      ctx.state.set(key, next);
      return next;
    },
  }),
  defineTool({
    id: 'ui.clear',
    doc: 'Clear a field ("display" by default): to "0" for a calculator display, else empty, or to `value`.',
    params: () => z.object({ ...keyParams, value: z.unknown().optional().describe('what to clear to'), default: z.unknown().optional().describe('same as value') }),
    run(ctx, p) {
      const key = p.key ?? p.target ?? p.id ?? 'display';
      const next = p.value ?? p.default ?? emptyFor(ctx.state.get(key));
      ctx.state.set(key, next);
      return next;
    },
  }),
  defineTool({
    id: 'ui.compute',
    doc: 'Evaluate the arithmetic in a field ("display" by default, or `expression`) and put the result there; "Error" when it cannot.',
    params: () => z.object({ ...keyParams, expression: z.string().optional().describe('the expression (default: the field\'s text)') }),
    run(ctx, p) {
      // Synchronous once mathjs is loaded: this is the calculator's hot path.
      if (!mathLoaded()) return loadMath().then(() => compute(ctx, p));
      return compute(ctx, p);
    },
  }),
  defineTool({
    id: 'ui.toggle',
    doc: 'Flip a boolean state key.',
    params: () => z.object({ ...keyParams }),
    run(ctx, p) {
      const key = keyOf(p);
      const next = !ctx.state.get(key);
      ctx.state.set(key, next);
      return next;
    },
  }),
  defineTool({
    id: 'ui.backspace',
    doc: 'Remove the last character of a field ("display" by default).',
    params: () => z.object({ ...keyParams }),
    run(ctx, p) {
      const key = p.key ?? p.target ?? p.id ?? 'display';
      const current = text(ctx.state.get(key));
      const next = current === 'Error' ? '0' : current.length > 1 ? current.slice(0, -1) : emptyFor(current);
      ctx.state.set(key, next);
      return next;
    },
  }),
  ...(
    [
      ['ui.show', 'Show a component.', hiddenKey, false],
      ['ui.hide', 'Hide a component.', hiddenKey, true],
      ['ui.enable', 'Enable a component.', disabledKey, false],
      ['ui.disable', 'Disable a component (it ignores input).', disabledKey, true],
    ] as const
  ).map(([id, doc, keyFor, value]) =>
    defineTool({
      id,
      doc,
      params: () => z.object({ ...keyParams }),
      run(ctx, p) {
        const target = keyOf(p);
        ctx.state.set(keyFor(target), value);
        return value;
      },
    }),
  ),
  defineTool({
    id: 'ui.add_item',
    doc: 'Add an item to a list held in state: `item`, or the text of field `from` (then cleared).',
    params: () => z.object({ ...keyParams, item: z.unknown().optional().describe('the item'), from: z.string().optional().describe('take the item from this state key and clear it') }),
    run(ctx, p) {
      const key = keyOf(p);
      let item = p.item;
      if (item === undefined && p.from) {
        item = ctx.state.get(p.from);
        if (typeof item === 'string') item = item.trim();
        ctx.state.set(p.from, '');
      }
      if (item === undefined) item = ctx.event.value;
      if (item === undefined || item === '') return listOf(ctx, key);
      const next = [...listOf(ctx, key), item];
      ctx.state.set(key, next);
      return next;
    },
  }),
  defineTool({
    id: 'ui.remove_item',
    doc: 'Remove an item from a list held in state, by `index`, by item `item_id` (its `id` field) or by equal `value`.',
    params: () => z.object({
      ...keyParams,
      index: z.number().int().optional().describe('position (negative counts from the end)'),
      item_id: z.unknown().optional().describe('the item\'s id field'),
      value: z.unknown().optional().describe('an item equal to this'),
    }),
    run(ctx, p) {
      const key = keyOf(p);
      const next = removeFrom(listOf(ctx, key), p);
      ctx.state.set(key, next);
      return next;
    },
  }),
];

export function listOf(ctx: ToolContext, key: string): unknown[] {
  const v = ctx.state.get(key);
  if (v === undefined || v === null || v === '') return [];
  if (!Array.isArray(v)) throw new KernelError('EINVAL', `state "${key}" is not a list`);
  return v;
}

export function removeFrom(list: unknown[], p: { index?: number; item_id?: unknown; value?: unknown }): unknown[] {
  if (p.index !== undefined) {
    const i = p.index < 0 ? list.length + p.index : p.index;
    return list.filter((_, j) => j !== i);
  }
  if (p.item_id !== undefined) return list.filter((it) => !(it && typeof it === 'object' && (it as { id?: unknown }).id === p.item_id));
  if (p.value !== undefined) {
    const i = list.findIndex((it) => it === p.value || (typeof it === 'object' && JSON.stringify(it) === JSON.stringify(p.value)));
    return i < 0 ? list : list.filter((_, j) => j !== i);
  }
  throw new KernelError('EINVAL', 'which item? give "index", "item_id" or "value"');
}
