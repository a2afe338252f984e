import { z } from 'zod';
import { defineTool, type ToolContext, type ToolDef } from '../types.js';
import { callService, itemsIn, pickItem, pickParams, selectItem, textIn, type Item } from './common.js';

/**
 * The todo app: `todos` holds the items ({label, value: id, text, done}); every change is
 * saved to storage under `todos`, and `todo.load` brings them back on the next launch.
 * The label carries the tick, so any view shows done items as done.
 */
interface Todo extends Item {
  value: number;
  text: string;
  done: boolean;
}

const KEY = 'todos';
const labelOf = (text: string, done: boolean) => `${done ? '[x]' : '[ ]'} ${text}`;
const make = (id: number, text: string, done: boolean): Todo => ({ label: labelOf(text, done), value: id, text, done });

function fromStored(v: unknown): Todo[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((t): t is { value: unknown; text: unknown; done: unknown } => !!t && typeof t === 'object')
    .map((t, i) => make(Number.isInteger(t.value) ? (t.value as number) : i + 1, String(t.text ?? ''), t.done === true));
}

async function commit(ctx: ToolContext, todos: Todo[]) {
  ctx.state.set(KEY, todos);
  const left = todos.filter((t) => !t.done).length;
  ctx.state.set('todo-count', todos.length ? `${left} of ${todos.length} left` : 'Nothing to do');
  await callService(ctx, 'storage.set', { key: KEY, value: todos.map(({ value, text, done }) => ({ value, text, done })) });
}

const nextId = (todos: readonly Todo[]) => todos.reduce((m, t) => Math.max(m, t.value), 0) + 1;

export const TODO_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'todo.load',
    doc: 'Load the saved items into `todos`.',
    service: 'storage',
    params: () => z.object({}),
    async run(ctx) {
      const todos = fromStored(await callService(ctx, 'storage.get', { key: KEY, default: [] }));
      ctx.state.set(KEY, todos);
      const left = todos.filter((t) => !t.done).length;
      ctx.state.set('todo-count', todos.length ? `${left} of ${todos.length} left` : 'Nothing to do');
      return todos.length;
    },
  }),
  defineTool({
    id: 'todo.add',
    doc: 'Add an item: `text`, or what is typed in new-todo (which is then cleared).',
    service: 'storage',
    params: () => z.object({ text: z.string().max(2000).optional().describe('the item (default: the new-todo field)') }),
    async run(ctx, p) {
      const text = (p.text ?? textIn(ctx, 'new-todo')).trim();
      if (!text) return false;
      const todos = itemsIn<Todo>(ctx, KEY);
      await commit(ctx, [...todos, make(nextId(todos), text, false)]);
      if (p.text === undefined) ctx.state.set('new-todo', '');
      return true;
    },
  }),
  defineTool({
    id: 'todo.select',
    doc: 'Select an item (by index or id; default: the picked item) for the buttons that act on it.',
    service: 'storage',
    params: () => z.object(pickParams),
    run: (ctx, p) => selectItem(ctx, itemsIn<Todo>(ctx, KEY), p)?.value ?? null,
  }),
  defineTool({
    id: 'todo.toggle',
    doc: 'Mark an item done or not done (by index or id; default: the picked item).',
    service: 'storage',
    params: () => z.object(pickParams),
    async run(ctx, p) {
      const todos = itemsIn<Todo>(ctx, KEY);
      const item = pickItem(ctx, todos, p);
      if (!item) return false;
      await commit(ctx, todos.map((t) => (t === item ? make(t.value, t.text, !t.done) : t)));
      return !item.done;
    },
  }),
  defineTool({
    id: 'todo.remove',
    doc: 'Remove an item (by index or id; default: the picked item).',
    service: 'storage',
    params: () => z.object(pickParams),
    async run(ctx, p) {
      const todos = itemsIn<Todo>(ctx, KEY);
      const item = pickItem(ctx, todos, p);
      if (!item) return false;
      await commit(ctx, todos.filter((t) => t !== item));
      return true;
    },
  }),
  defineTool({
    id: 'todo.clear_done',
    doc: 'Remove every item marked done.',
    service: 'storage',
    params: () => z.object({}),
    async run(ctx) {
      const todos = itemsIn<Todo>(ctx, KEY);
      const left = todos.filter((t) => !t.done);
      await commit(ctx, left);
      return todos.length - left.length;
    },
  }),
];
