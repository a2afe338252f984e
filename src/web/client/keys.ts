/** Browser keys as the names `ui.keys` uses (blueprint/keys.ts): `7`, `+`, `Enter`, `C-s`, `S-Tab`. */
const NAMED: Record<string, string> = {
  Enter: 'Enter',
  Escape: 'Escape',
  Backspace: 'Backspace',
  Tab: 'Tab',
  ' ': 'Space',
  Delete: 'Delete',
  Insert: 'Insert',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
};

export function keyName(e: KeyboardEvent | React.KeyboardEvent): string | null {
  const named = NAMED[e.key] ?? (/^F([1-9]|1[0-2])$/.test(e.key) ? e.key : undefined);
  const single = !named && [...e.key].length === 1 ? e.key : undefined;
  const base = named ?? single;
  if (!base) return null;
  let prefix = '';
  if (e.ctrlKey) prefix += 'C-';
  if (e.altKey || e.metaKey) prefix += 'M-';
  // A typed character already says whether Shift was down ("A", "+").
  if (e.shiftKey && named) prefix += 'S-';
  return prefix + base;
}

/** Whether a key press belongs to a text field (it types there, not into the app's bindings). */
export function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'range', 'submit'].includes(type) && !(el as HTMLInputElement).readOnly;
}
