import type { Component, ToolBinding } from '../../blueprint/types.js';
import { slug, titleCase } from './sentence.js';
import { tool, ref } from './tools.js';
import { button, caption, col, field, input, list, row, select, textarea } from './ui.js';

/**
 * Forms from field names: the control each name calls for (an email input for "email", a
 * number for "price", a choice for "priority"), and the form → list → storage app that
 * several kinds and the composed fallback share.
 */
const CONTROLS: [RegExp, (id: string, label: string) => Component][] = [
  [/\b(e-?mail)\b/, (id, l) => input(id, { type: 'email', placeholder: l })],
  [/\b(phone|tel|mobile|cell)\b/, (id, l) => input(id, { type: 'tel', placeholder: l })],
  [/\b(url|link|website|site|homepage)\b/, (id) => input(id, { type: 'url', placeholder: 'https://…' })],
  [/\b(date|day|birthday|deadline|due|when)\b/, (id) => input(id, { placeholder: 'YYYY-MM-DD' })],
  [/\b(amount|price|cost|weight|age|count|quantity|qty|number|hours|minutes|calories|distance|budget|total|salary|score|pages|servings|reps|sets|km|miles|steps)\b/, (id, l) => input(id, { type: 'number', placeholder: l })],
  [/\b(priority|importance|urgency)\b/, (id) => select(id, ['low', 'medium', 'high'], 'medium')],
  [/\b(status|state|stage)\b/, (id) => select(id, ['to do', 'in progress', 'done'])],
  [/\b(mood|feeling)\b/, (id) => select(id, ['😀 great', '🙂 good', '😐 okay', '🙁 bad', '😢 awful'], '🙂 good')],
  [/\b(rating|stars)\b/, (id) => select(id, ['1', '2', '3', '4', '5'], '3')],
  [/\b(notes?|description|body|comments?|details|content|ingredients|instructions|steps|summary|review|text|entry|thoughts|message)\b/, (id, l) => textarea(id, { placeholder: l, rows: 4 })],
];

export interface FormField {
  id: string;
  label: string;
  control: Component;
}

export function formField(name: string, prefix = ''): FormField {
  const id = `${prefix}${slug(name)}`;
  const label = titleCase(name);
  const make = CONTROLS.find(([re]) => re.test(name))?.[1] ?? ((i: string, l: string) => input(i, { placeholder: l }));
  return { id, label, control: make(id, label) };
}

/** How one saved record reads in the list: "Ada · ada@example.com · 555-0101". */
export const recordText = (fields: FormField[]) => fields.map((f) => ref(f.id)).join(' · ');

export interface RecordAppOptions {
  fields: string[];
  /** The list's id: its items are the saved records. */
  listId: string;
  addLabel?: string;
  /** Extra tools after adding (totals...). */
  afterAdd?: ToolBinding[];
}

/** Inputs for the fields, an Add button, and the list of what was added, kept for the next launch. */
export function recordApp(o: RecordAppOptions) {
  const reserved = new Set(['form', 'form-actions', 'add', 'clear-all', 'hint', o.listId]);
  const fields = o.fields.map((f) => formField(f)).map((f) => (reserved.has(f.id) ? formField(f.label, 'f-') : f));
  const item = Object.fromEntries(fields.map((f) => [f.id, ref(f.id)]));
  const add: ToolBinding[] = [tool.listAdd(o.listId, fields.length === 1 ? ref(fields[0]!.id) : { ...item, text: recordText(fields) }), ...(o.afterAdd ?? []), ...fields.map((f) => tool.clear(f.id)), tool.persist()];
  const components: Component[] = [
    col('form', [...fields.map((f) => field(f.id, f.label, f.control)), row('form-actions', [button('add', o.addLabel ?? 'Add', add, { variant: 'primary' }), button('clear-all', 'Clear all', [tool.listClear(o.listId), tool.persist()], { variant: 'ghost' })])]),
    list(o.listId, { variant: 'striped' }, [tool.listRemove(o.listId), tool.persist()]),
    caption('hint', 'Kept for next time. Click an entry to delete it.'),
  ];
  return { components, lifecycle: { on_mount: [tool.restore()] }, add, fields };
}
