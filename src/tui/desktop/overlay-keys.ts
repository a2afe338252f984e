import type { KeyEvent } from '../input/events.js';
import { helpRows } from '../keymap.js';
import type { DesktopController } from './controller.js';
import { runAction } from './keys.js';
import { spotlightResults, type SpotlightItem } from './spotlight.js';
import type { Overlay } from './state.js';

export const PERMISSION_CHOICES = ['Allow once', 'Always allow', 'Deny'] as const;

/** The spotlight's results for the current query (apps, windows, commands, generate). */
export function currentResults(ctl: DesktopController, query: string): SpotlightItem[] {
  const d = ctl.rt.getSnapshot();
  return spotlightResults(query, {
    apps: ctl.ui.apps.some((a) => a.id === 'terminal') ? ctl.ui.apps : [...ctl.ui.apps, { id: 'terminal', name: 'Terminal', icon: '>_', description: 'your shell in a window', source: 'built in' }],
    windows: ctl.visibleWindows(d).map((id) => ({ id, title: d.apps[id]!.title })).concat(
      d.stack.filter((id) => d.windows[id]?.minimized && d.apps[id]).map((id) => ({ id, title: d.apps[id]!.title })),
    ),
    // The runtime always answers a generate request: with the app, or with why it cannot.
    canGenerate: true,
  });
}

/** Run a spotlight result. */
export function choose(ctl: DesktopController, item: SpotlightItem | undefined) {
  ctl.set({ overlay: null });
  if (!item) return;
  const a = item.action;
  switch (a.kind) {
    case 'launch':
      return void ctl.launch(a.appId);
    case 'focus':
      return void ctl.rt.focus(a.windowId).catch(ctl.report);
    case 'generate':
      return void ctl.generate(a.prompt);
    case 'command':
      return runAction(ctl, a.command);
  }
}

/** Keys while an overlay or a dialog is open: they never reach the windows below. */
export function overlayKey(ctl: DesktopController, e: KeyEvent) {
  const dialog = ctl.rt.getSnapshot().dialogs[0];
  if (dialog && !ctl.ui.overlay) {
    if (e.name === 'escape' || e.name === 'n') return ctl.rt.answerDialog(dialog.id, false);
    if (e.name === 'enter' || e.name === 'y' || e.name === 'space') return ctl.rt.answerDialog(dialog.id, true);
    return;
  }
  const o = ctl.ui.overlay!;
  if (o.kind === 'spotlight') return spotlightKey(ctl, o, e);
  if (o.kind === 'help') {
    const rows = helpRows(ctl.deps.keymap).length;
    if (e.name === 'down' || e.name === 'j') return ctl.set({ overlay: { ...o, scroll: Math.min(rows, o.scroll + 1) } });
    if (e.name === 'up' || e.name === 'k') return ctl.set({ overlay: { ...o, scroll: Math.max(0, o.scroll - 1) } });
    if (e.name === 'pagedown' || e.name === 'space') return ctl.set({ overlay: { ...o, scroll: Math.min(rows, o.scroll + 10) } });
    if (e.name === 'pageup') return ctl.set({ overlay: { ...o, scroll: Math.max(0, o.scroll - 10) } });
    return ctl.set({ overlay: null });
  }
  if (o.kind === 'permission') {
    const n = PERMISSION_CHOICES.length;
    if (e.name === 'left' || (e.name === 'tab' && e.shift)) return ctl.set({ overlay: { ...o, choice: (o.choice + n - 1) % n } });
    if (e.name === 'right' || e.name === 'tab') return ctl.set({ overlay: { ...o, choice: (o.choice + 1) % n } });
    if (e.name === 'escape' || e.name === 'd') return answerPermission(ctl, o, 2);
    if (e.name === 'o') return answerPermission(ctl, o, 0);
    if (e.name === 'a') return answerPermission(ctl, o, 1);
    if (e.name === 'enter' || e.name === 'space') return answerPermission(ctl, o, o.choice);
  }
}

function spotlightKey(ctl: DesktopController, o: Extract<Overlay, { kind: 'spotlight' }>, e: KeyEvent) {
  const results = currentResults(ctl, o.query);
  if (e.name === 'escape') return ctl.set({ overlay: null });
  if (e.name === 'enter') return choose(ctl, results[o.selected] ?? results[0]);
  if (e.name === 'down' || (e.name === 'tab' && !e.shift) || (e.ctrl && e.name === 'n')) return ctl.set({ overlay: { ...o, selected: Math.min(results.length - 1, o.selected + 1) } });
  if (e.name === 'up' || (e.name === 'tab' && e.shift) || (e.ctrl && e.name === 'p')) return ctl.set({ overlay: { ...o, selected: Math.max(0, o.selected - 1) } });
  if (e.name === 'backspace') return ctl.set({ overlay: { ...o, query: [...o.query].slice(0, -1).join(''), selected: 0 } });
  if (e.ctrl && e.name === 'u') return ctl.set({ overlay: { ...o, query: '', selected: 0 } });
  if (e.text && !e.ctrl && !e.alt) ctl.set({ overlay: { ...o, query: o.query + e.text, selected: 0 } });
}

/** Allow once / always / deny: for a denial, grant the capability; for a generated app, start it or not. */
export function answerPermission(ctl: DesktopController, o: Extract<Overlay, { kind: 'permission' }>, choice: number) {
  ctl.set({ overlay: null });
  const allow = choice !== 2;
  if (o.blueprint) {
    if (!allow) return ctl.hint(`did not start ${o.blueprint.app.name}`);
    if (choice === 1) ctl.set({ trusted: [...ctl.ui.trusted, o.blueprint.app.id] });
    void ctl.rt.launch(o.blueprint).catch(ctl.report);
    return;
  }
  if (!allow) return ctl.hint(`kept ${o.cap ?? 'the permission'} denied`);
  if (o.pid !== undefined && o.cap && ctl.deps.grant) {
    ctl.deps.grant(o.pid, o.cap, o.target);
    if (choice === 1) ctl.set({ trusted: [...ctl.ui.trusted, o.appId] });
    ctl.hint(`allowed ${o.cap}: try again`);
  } else ctl.hint('this build cannot change an app\'s grants while it runs');
}
