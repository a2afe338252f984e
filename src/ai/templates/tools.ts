import type { ToolBinding } from '../../blueprint/types.js';

/**
 * The tool calls generated apps make, in one place: every template speaks to the runtime
 * only through these, so the runtime's argument names live here and nowhere else.
 *
 * Templates write state reads as `{{key}}`. Expressions go to ui.set's mathjs `expression`,
 * where `{{key}}` becomes `state["key"]`, read when the tool runs: results keep their type
 * (numbers stay numbers, text stays text) and work inside timers, whose arguments are
 * resolved once when the timer starts (an interpolated `{{state.x}}` there would freeze).
 * Elsewhere `{{key}}` becomes `{{state.key}}`, interpolated when the event fires.
 */
const b = (tool: string, args?: Record<string, unknown>): ToolBinding => {
  const clean = args && Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  return clean && Object.keys(clean).length ? { tool, args: clean } : { tool };
};

const SHORT = /\{\{\s*([A-Za-z0-9_][\w-]*)\s*\}\}/g;

/** `{{key}}` -> `{{state.key}}` in text (and in the values of a record). */
function bindState<T>(v: T): T {
  if (typeof v === 'string') return v.replace(SHORT, (_, k: string) => `{{state.${k}}}`) as T;
  if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bindState(x)])) as T;
  return v;
}

/** `{{key}}` (or `{{state.key}}`) -> `state["key"]`: the expression reads state when it runs. */
const scoped = (expression: string) => expression.replace(SHORT, (_, k: string) => `state["${k}"]`).replace(/\{\{\s*state\.([\w-]+)\s*\}\}/g, (_, k: string) => `state["${k}"]`);

/** Read a state key (a component's value, by its id) inside an argument or prop. */
export const ref = (key: string) => `{{state.${key}}}`;
export const EVENT_VALUE = '{{event.value}}';
/** In an `expr`: the list item an event came from (a list sends the item's index). */
export const clickedItem = (list: string) => `{{${list}}}[event.value + 1]`;

/** In an `expr`: whether a field holds only "0" or "Error" (a calculator that starts over). */
export const isFresh = (key: string) => `(equalText(string({{${key}}}), "0") or equalText(string({{${key}}}), "Error"))`;

export const tool = {
  set: (key: string, value: unknown) => b('ui.set', { key, value: bindState(value) }),
  /** A mathjs expression over state (and `event`), evaluated when the tool runs. */
  expr: (key: string, expression: string) => b('ui.set', { key, expression: scoped(expression) }),
  /** A calculation into a key (same as expr; reads as arithmetic in the templates). */
  compute: (key: string, expression: string) => b('ui.set', { key, expression: scoped(expression) }),
  /** A calculator display evaluates its own text ("Error" when it cannot). */
  evaluate: (key: string) => b('ui.compute', { key }),
  /** Append text to a field (a calculator key). Without value, the button's own text. */
  append: (key: string, value?: string) => b('ui.append', { key, value }),
  /** Empty a field. */
  clear: (key: string) => b('ui.clear', { key, value: '' }),
  /** A calculator display back to "0". */
  resetDisplay: (key: string) => b('ui.clear', { key }),
  backspace: (key: string) => b('ui.backspace', { key }),
  show: (key: string) => b('ui.show', { key }),
  hide: (key: string) => b('ui.hide', { key }),
  /** Add an item (text, or a record with a `text` to show) to a list. */
  listAdd: (list: string, item: string | Record<string, string>) => b('list.add', { list_id: list, item: bindState(item) }),
  /** Remove or check off the clicked item of a list. */
  listRemove: (list: string) => b('list.remove', { list_id: list, index: EVENT_VALUE }),
  listToggle: (list: string) => b('list.toggle', { list_id: list, index: EVENT_VALUE }),
  listClear: (list: string) => b('list.clear', { list_id: list }),
  /** Keep the app's state for its next launch, and bring it back. */
  persist: () => b('app.save_state'),
  restore: () => b('app.load_state'),
  /** Run tools every `ms` until stopped; the timer's id is kept in state `key`. */
  every: (key: string, ms: number, action: ToolBinding[]) => b('system.timer.interval', { interval_ms: ms, action, key }),
  after: (key: string, ms: number, action: ToolBinding[]) => b('system.timer.set', { delay_ms: ms, action, key }),
  stopTimer: (key: string) => b('system.timer.clear', { key }),
  notify: (message: string) => b('system.notify', { message: bindState(message) }),
  copy: (key: string) => b('system.clipboard.copy', { key }),
  httpGet: (url: string, key: string) => b('http.get', { url: bindState(url), key }),
  tab: (tabs: string, tab: string) => b('tabs.switch', { tabs_id: tabs, tab_id: tab }),
};

/** What a timer's state key starts as, so stopping a timer that never started is harmless. */
export const NO_TIMER = 0;
