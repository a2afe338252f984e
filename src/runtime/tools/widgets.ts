import { z } from 'zod';
import { TWO_WAY_PROPS } from '../../blueprint/bindings.js';
import { KernelError } from '../../kernel/errors.js';
import { stateKeyOf } from '../components.js';
import { desk } from './common.js';
import { listOf, removeFrom } from './ui.js';
import { defineTool, type ToolContext, type ToolDef } from './types.js';

/**
 * list.*, form.*, tabs.switch and modal.open/close, with the original's argument names
 * (list_id, form_id, tabs_id, tab_id, modal_id) and its state keys (`<form>_errors`,
 * `<form>_valid`, `<form>_data`), so its apps keep working.
 */
const listId = z.string().min(1).optional().describe('the list\'s state key (default "list")');
const itemRef = {
  item_id: z.unknown().optional().describe('the item\'s id field'),
  index: z.number().int().optional().describe('the item\'s position'),
};

/** The next free numeric id in a list: deterministic, so headless runs print the same state. */
function freeId(list: unknown[]): number {
  let max = 0;
  for (const it of list) {
    const id = it && typeof it === 'object' ? Number((it as { id?: unknown }).id) : NaN;
    if (Number.isInteger(id) && id > max) max = id;
  }
  return max + 1;
}

function formFields(ctx: ToolContext, formId: string, given?: string[]): string[] {
  if (given?.length) return given;
  const d = desk(ctx);
  if (!d.component(formId)) throw new KernelError('EINVAL', `no form "${formId}": give form_id (a container id) or fields`);
  return d
    .descendants(formId)
    .map((id) => d.component(id)!)
    .filter((c) => TWO_WAY_PROPS[c.type])
    .map((c) => stateKeyOf(c));
}

function requiredFields(ctx: ToolContext, fields: string[], given?: string[]): string[] {
  if (given) return given;
  const d = desk(ctx);
  // A field is required when its component says so; with no such marks, all fields are.
  const marked = fields.filter((f) => d.component(f)?.props.required === true);
  return marked.length ? marked : fields;
}

function validate(ctx: ToolContext, formId: string, fields: string[], required: string[]) {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) data[f] = ctx.state.get(f);
  for (const f of required) {
    const v = ctx.state.get(f);
    if (v === undefined || v === null || v === false || (typeof v === 'string' && v.trim() === '')) errors[f] = 'This field is required';
  }
  const valid = Object.keys(errors).length === 0;
  ctx.state.set(`${formId}_data`, data);
  ctx.state.set(`${formId}_errors`, errors);
  ctx.state.set(`${formId}_valid`, valid);
  return { valid, data, errors };
}

const formParams = z.object({
  form_id: z.string().min(1).optional().describe('the form: a container whose inputs are its fields (default "form")'),
  fields: z.array(z.string()).optional().describe('the fields\' state keys (default: the inputs inside the form)'),
  required: z.array(z.string()).optional().describe('fields that must not be empty (default: those marked required, else all)'),
});

export const WIDGET_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'list.add',
    doc: 'Add an item to a list; text items become {id, text, done}.',
    params: () => z.object({ list_id: listId, item: z.unknown().optional().describe('the item (default: the event\'s value)') }),
    run(ctx, p) {
      const key = p.list_id ?? 'list';
      let item = p.item ?? ctx.event.value;
      const list = listOf(ctx, key);
      if (item === undefined || item === '') return list;
      if (typeof item !== 'object' || item === null) item = { id: freeId(list), text: String(item), done: false };
      const next = [...list, item];
      ctx.state.set(key, next);
      return next;
    },
  }),
  defineTool({
    id: 'list.remove',
    doc: 'Remove an item from a list by item_id or index.',
    params: () => z.object({ list_id: listId, ...itemRef }),
    run(ctx, p) {
      const key = p.list_id ?? 'list';
      const next = removeFrom(listOf(ctx, key), p);
      ctx.state.set(key, next);
      return next;
    },
  }),
  defineTool({
    id: 'list.toggle',
    doc: 'Flip an item\'s `done` by item_id or index.',
    params: () => z.object({ list_id: listId, ...itemRef }),
    run(ctx, p) {
      const key = p.list_id ?? 'list';
      const list = listOf(ctx, key);
      const at = p.index ?? list.findIndex((it) => it && typeof it === 'object' && (it as { id?: unknown }).id === p.item_id);
      if (at < 0 || at >= list.length) throw new KernelError('EINVAL', `no such item in list "${key}"`);
      const next = list.map((it, i) => (i === at && it && typeof it === 'object' ? { ...it, done: !(it as { done?: boolean }).done } : it));
      ctx.state.set(key, next);
      return next;
    },
  }),
  defineTool({
    id: 'list.clear',
    doc: 'Empty a list.',
    params: () => z.object({ list_id: listId }),
    run(ctx, p) {
      ctx.state.set(p.list_id ?? 'list', []);
      return [];
    },
  }),
  defineTool({
    id: 'form.validate',
    doc: 'Check a form\'s required fields; sets <form>_valid, <form>_errors and <form>_data.',
    params: formParams,
    run(ctx, p) {
      const formId = p.form_id ?? 'form';
      const fields = formFields(ctx, formId, p.fields);
      return validate(ctx, formId, fields, requiredFields(ctx, fields, p.required)).valid;
    },
  }),
  defineTool({
    id: 'form.submit',
    doc: 'Validate a form and, when valid, put its values in <form>_submitted; returns the values or null.',
    params: formParams,
    run(ctx, p) {
      const formId = p.form_id ?? 'form';
      const fields = formFields(ctx, formId, p.fields);
      const r = validate(ctx, formId, fields, requiredFields(ctx, fields, p.required));
      if (!r.valid) return null;
      ctx.state.set(`${formId}_submitted`, r.data);
      return r.data;
    },
  }),
  defineTool({
    id: 'form.reset',
    doc: 'Put a form\'s fields back to their initial values and clear its errors.',
    params: formParams.pick({ form_id: true, fields: true }),
    run(ctx, p) {
      const formId = p.form_id ?? 'form';
      const d = desk(ctx);
      const fields = formFields(ctx, formId, p.fields);
      for (const f of fields) ctx.state.set(f, d.initialValue(f));
      ctx.state.set(`${formId}_data`, {});
      ctx.state.set(`${formId}_errors`, {});
      ctx.state.set(`${formId}_valid`, false);
      ctx.state.delete(`${formId}_submitted`);
      return true;
    },
  }),
  defineTool({
    id: 'tabs.switch',
    doc: 'Show a tab: sets the tabs component\'s active tab.',
    params: () => z.object({
      tabs_id: z.string().min(1).optional().describe('the tabs component (default "tabs")'),
      tab_id: z.string().min(1).optional().describe('the tab to show (default: the event\'s value)'),
    }),
    run(ctx, p) {
      const tab = p.tab_id ?? (typeof ctx.event.value === 'string' ? ctx.event.value : undefined);
      if (!tab) throw new KernelError('EINVAL', 'which tab? give "tab_id"');
      ctx.state.set(p.tabs_id ?? 'tabs', tab);
      return tab;
    },
  }),
  ...(['open', 'close'] as const).map((verb) =>
    defineTool({
      id: `modal.${verb}`,
      doc: verb === 'open' ? 'Open a modal.' : 'Close a modal.',
      params: () => z.object({ modal_id: z.string().min(1).optional().describe('the modal component (default "modal")') }),
      run(ctx, p) {
        ctx.state.set(p.modal_id ?? 'modal', verb === 'open');
        return verb === 'open';
      },
    }),
  ),
];
