/**
 * A list's `select` event. Views send the chosen item's value (its `value`, `id` or label,
 * as they draw it) or its index; bindings always see the index as `{{event.value}}` and the
 * item itself as `{{event.item}}`, whatever the view sent.
 */
export function itemValue(item: unknown): unknown {
  if (item && typeof item === 'object') {
    const r = item as Record<string, unknown>;
    return r.value ?? r.id ?? r.label ?? r.text ?? r.name ?? r.title;
  }
  return item;
}

/**
 * Which item a select event names: an item whose value equals the event's value (exactly,
 * then as text), else an index in range; undefined when neither (a list of child components).
 */
export function listSelection(items: unknown, sent: unknown): { index: number; item: unknown } | undefined {
  if (!Array.isArray(items)) return undefined;
  const values = items.map(itemValue);
  let index = values.findIndex((v) => v === sent);
  if (index < 0 && sent !== undefined && sent !== null) index = values.findIndex((v) => v !== undefined && v !== null && String(v) === String(sent));
  if (index < 0 && typeof sent === 'number' && Number.isInteger(sent) && sent >= 0 && sent < items.length) index = sent;
  return index < 0 ? undefined : { index, item: items[index] };
}
