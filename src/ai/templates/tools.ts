import type { ToolBinding } from '../../blueprint/types.js';

/**
 * The tool calls generated apps make, in one place: every template speaks to the runtime
 * only through these, so the argument names of the runtime's tools live here and nowhere
 * else. Argument strings read state with `{{key}}` and the event with `{{event.value}}`.
 */
const b = (tool: string, args?: Record<string, unknown>): ToolBinding => {
  const clean = args && Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  return clean && Object.keys(clean).length ? { tool, args: clean } : { tool };
};

/** Read a state key (a component's value by its id) inside an argument. */
export const ref = (key: string) => `{{${key}}}`;
export const EVENT_VALUE = '{{event.value}}';
/** A field of the list item an event came from (a click on a list row). */
export const eventItem = (field: string) => `{{event.item.${field}}}`;

export const tool = {
  set: (key: string, value: unknown) => b('ui.set', { key, value }),
  /** Append text to a field (a calculator key). Without value, the button's own text. */
  append: (target: string, value?: string) => b('ui.append', { target, value }),
  /** Evaluate an expression (mathjs, reading state) into a key; without one, the key's own text. */
  compute: (target: string, expression?: string) => b('ui.compute', { target, expression }),
  clear: (target: string) => b('ui.clear', { target }),
  backspace: (target: string) => b('ui.backspace', { target }),
  toggle: (key: string) => b('ui.toggle', { key }),
  show: (target: string) => b('ui.show', { target }),
  hide: (target: string) => b('ui.hide', { target }),
  /** Add an item (text, or a record of texts, that may read state) to a list component. */
  listAdd: (list: string, item: string | Record<string, string>) => b('list.add', { list, item }),
  /** Remove the clicked item of a list. */
  listRemove: (list: string) => b('list.remove', { list, index: '{{event.index}}' }),
  listToggle: (list: string) => b('list.toggle', { list, index: '{{event.index}}' }),
  listClear: (list: string) => b('list.clear', { list }),
  /** Persist a state key under a storage key (the storage service). */
  save: (storageKey: string, stateKey = storageKey) => b('storage.set', { key: storageKey, value: ref(stateKey) }),
  /** Load a storage key into state (on mount). */
  load: (storageKey: string, into = storageKey) => b('storage.get', { key: storageKey, into }),
  /** Run tools every `ms` until stopped. */
  every: (id: string, ms: number, then: ToolBinding[]) => b('system.timer.interval', { id, ms, then }),
  /** Run tools once after `ms`. */
  after: (id: string, ms: number, then: ToolBinding[]) => b('system.timer.set', { id, ms, then }),
  stopTimer: (id: string) => b('system.timer.clear', { id }),
  notify: (message: string) => b('system.notify', { message }),
  copy: (key: string) => b('system.clipboard.copy', { text: ref(key) }),
  httpGet: (url: string, into: string) => b('http.get', { url, into }),
  tab: (tabs: string, tab: string) => b('tabs.switch', { tabs, tab }),
};

/** The storage tools an app that uses `save`/`load` must declare. */
export const STORAGE = { name: 'storage', tools: ['get', 'set'] };
