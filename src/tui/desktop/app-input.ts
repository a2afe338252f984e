import type { Component } from '../../blueprint/types.js';
import { childrenOf, resolvedProps } from '../../runtime/components.js';
import type { AppInstance } from '../../runtime/types.js';
import { itemsOf } from '../components/list.js';
import { optionsOf } from '../components/select.js';
import { clampToStep, sliderRange } from '../components/slider.js';
import { num, optionOf, str } from '../components/util.js';
import { WEB_HINT } from '../components/media.js';
import type { KeyEvent } from '../input/events.js';
import { keyId } from '../input/key-id.js';
import { graphemes } from '../render/width.js';
import type { DesktopController } from './controller.js';
import { editText, pasteText } from './editing.js';
import { scrollWindow } from './keys.js';

/** A component of an app by id (the Blueprint's, or one added at run time). */
export function findComponent(app: AppInstance, id: string): Component | undefined {
  const walk = (list: readonly Component[]): Component | undefined => {
    for (const c of list) {
      if (c.id === id) return c;
      const found = walk(childrenOf(app.state, c));
      if (found) return found;
    }
    return undefined;
  };
  return walk(app.blueprint.ui.components);
}

const TEXT_TYPES = new Set(['input', 'textarea']);

/** Send an event to the app; failures show in the menu bar and on the app. */
export function send(ctl: DesktopController, appId: string, component: string, event: string, value?: unknown) {
  void ctl.rt.dispatchEvent(appId, value === undefined ? { component, event } : { component, event, value }).catch(ctl.report);
}

/** Tab moves focus in reading order; Shift+Tab back. */
export function moveFocus(ctl: DesktopController, app: AppInstance, dir: 1 | -1) {
  const order = ctl.focusOrderOf(app);
  if (!order.length) return;
  const cur = ctl.view(app.id).focus;
  const i = cur ? order.indexOf(cur) : -1;
  const next = i < 0 ? (dir === 1 ? order[0]! : order[order.length - 1]!) : order[(i + dir + order.length) % order.length]!;
  ctl.setView(app.id, { focus: next, open: null });
}

/**
 * Press / choose a component, as Enter, Space or a click does: buttons click, checkboxes
 * toggle, radios choose, selects open, shortcuts launch, media placeholders point at the web view.
 */
export function activate(ctl: DesktopController, app: AppInstance, c: Component) {
  const props = resolvedProps(app.state, c);
  if (props.disabled === true) return;
  switch (c.type) {
    case 'button':
      return send(ctl, app.id, c.id, 'click');
    case 'checkbox':
      return send(ctl, app.id, c.id, 'change', !(props.checked === true));
    case 'radio': {
      const name = typeof props.name === 'string' && props.name ? props.name : c.id;
      void ctl.rt
        .runTool(app.id, 'ui.set', { key: name, value: props.value ?? c.id })
        .then(() => ctl.rt.dispatchEvent(app.id, { component: c.id, event: 'change', value: props.value ?? c.id }))
        .catch(ctl.report);
      return;
    }
    case 'select': {
      const view = ctl.view(app.id);
      if (view.open === c.id) return pickOption(ctl, app, c, view.highlight[c.id] ?? 0);
      const options = optionsOf(props);
      const current = Math.max(0, options.findIndex((o) => String(o.value) === String(props.value)));
      return ctl.setView(app.id, { open: c.id, focus: c.id, highlight: { ...view.highlight, [c.id]: current } });
    }
    case 'app-shortcut': {
      if (c.on_event?.click?.length) return send(ctl, app.id, c.id, 'click');
      const target = str(props.app_id ?? props.appId);
      if (target) void ctl.launch(target);
      return;
    }
    case 'list': {
      const hi = ctl.view(app.id).highlight[c.id];
      const items = itemsOf(props);
      if (hi !== undefined && items[hi] !== undefined) send(ctl, app.id, c.id, 'select', optionOf(items[hi]).value);
      return;
    }
    case 'input':
      return send(ctl, app.id, c.id, 'submit', props.value ?? '');
    case 'video':
    case 'audio':
    case 'iframe':
      return ctl.hint(`${str(props.src)}: ${WEB_HINT}`);
    default:
      if (c.on_event?.click?.length) send(ctl, app.id, c.id, 'click');
  }
}

export function pickOption(ctl: DesktopController, app: AppInstance, c: Component, index: number) {
  const options = optionsOf(resolvedProps(app.state, c));
  const o = options[index];
  ctl.setView(app.id, { open: null });
  if (o) send(ctl, app.id, c.id, 'change', o.value);
}

export function switchTab(ctl: DesktopController, app: AppInstance, tabs: Component, tabId: string) {
  void ctl.rt
    .runTool(app.id, 'tabs.switch', { tabs_id: tabs.id, tab_id: tabId })
    .then(() => ctl.rt.dispatchEvent(app.id, { component: tabs.id, event: 'change', value: tabId }))
    .catch(ctl.report);
}

export function setSlider(ctl: DesktopController, app: AppInstance, c: Component, value: number) {
  const props = resolvedProps(app.state, c);
  const v = clampToStep(value, sliderRange(props));
  if (v !== num(props.value, NaN)) send(ctl, app.id, c.id, 'change', v);
}

/** Keys inside an app window. */
export function appKey(ctl: DesktopController, appId: string, e: KeyEvent) {
  const app = ctl.rt.getSnapshot().apps[appId];
  if (!app) return;
  if (app.errors.length) ctl.rt.clearErrors(appId);
  const view = ctl.view(appId);
  const focused = view.focus ? findComponent(app, view.focus) : undefined;
  const id = keyId(e);
  const windowAction = ctl.deps.keymap.window.get(id);

  if (focused && handleFocusedKey(ctl, app, focused, e)) return;
  if (windowAction === 'control-next') return moveFocus(ctl, app, 1);
  if (windowAction === 'control-prev') return moveFocus(ctl, app, -1);
  if (windowAction === 'page-up') return scrollWindow(ctl, appId, -1);
  if (windowAction === 'page-down') return scrollWindow(ctl, appId, 1);
  if (windowAction === 'dismiss') {
    if (view.open) return ctl.setView(appId, { open: null });
    const modal = openModal(app);
    if (modal) return void ctl.rt.runTool(appId, 'modal.close', { modal_id: modal }).catch(ctl.report);
    if (view.focus) return ctl.setView(appId, { focus: null });
  }
  if (focused && windowAction === 'activate') return activate(ctl, app, focused);
  // The app's own bindings apply when no text field has the focus.
  void ctl.rt
    .pressKey(appId, id)
    .then((bound) => {
      if (!bound) pressByLabel(ctl, appId, e);
    })
    .catch(() => pressByLabel(ctl, appId, e));
}

/**
 * A typed character with no binding presses the visible button labelled with it (a
 * calculator's digits, a dialog's Y/N): every app gets a keyboard without declaring one.
 */
function pressByLabel(ctl: DesktopController, appId: string, e: KeyEvent) {
  const app = ctl.rt.getSnapshot().apps[appId];
  if (!app) return;
  const want = e.name === 'enter' ? ['=', 'enter', 'ok'] : e.name === 'backspace' ? ['⌫', '←', 'del', 'backspace'] : e.text ? [e.text.toLowerCase(), e.text === '*' ? '×' : e.text === '/' ? '÷' : e.text === '-' ? '−' : ''] : [];
  if (!want.length) return;
  const order = ctl.focusOrderOf(app);
  for (const label of want) {
    if (!label) continue;
    for (const cid of order) {
      const c = findComponent(app, cid);
      if (c?.type !== 'button') continue;
      const text = str(resolvedProps(app.state, c).text).trim().toLowerCase();
      if (text === label) return send(ctl, appId, c.id, 'click');
    }
  }
}

function openModal(app: AppInstance): string | null {
  let found: string | null = null;
  const walk = (list: readonly Component[]) => {
    for (const c of list) {
      if (c.type === 'modal' && resolvedProps(app.state, c).open === true) found = c.id;
      walk(childrenOf(app.state, c));
    }
  };
  walk(app.blueprint.ui.components);
  return found;
}

/** Keys a focused control uses itself; false lets them through (Tab, the app's bindings). */
function handleFocusedKey(ctl: DesktopController, app: AppInstance, c: Component, e: KeyEvent): boolean {
  const view = ctl.view(app.id);
  const props = resolvedProps(app.state, c);
  if (TEXT_TYPES.has(c.type)) {
    if (e.name === 'tab' || e.name === 'escape' || e.name === 'pageup' || e.name === 'pagedown') return false;
    const multiline = c.type === 'textarea';
    const value = str(props.value, true);
    const cursor = view.cursor[c.id] ?? graphemes(value).length;
    const next = editText(value, cursor, e, multiline);
    if (!next) {
      if (e.name === 'enter' && !multiline) {
        send(ctl, app.id, c.id, 'submit', value);
        return true;
      }
      return false;
    }
    if (props.disabled === true || props.readonly === true) return true;
    ctl.setView(app.id, { cursor: { ...view.cursor, [c.id]: next.cursor } });
    if (next.value !== value) send(ctl, app.id, c.id, 'change', next.value);
    return true;
  }
  switch (c.type) {
    case 'select': {
      const options = optionsOf(props);
      const open = view.open === c.id;
      const cur = open ? (view.highlight[c.id] ?? 0) : Math.max(0, options.findIndex((o) => String(o.value) === String(props.value)));
      if (e.name === 'up' || e.name === 'down') {
        const next = Math.max(0, Math.min(options.length - 1, cur + (e.name === 'up' ? -1 : 1)));
        if (open) ctl.setView(app.id, { highlight: { ...view.highlight, [c.id]: next } });
        else pickOption(ctl, app, c, next);
        return true;
      }
      if (open && e.name === 'escape') {
        ctl.setView(app.id, { open: null });
        return true;
      }
      return false;
    }
    case 'slider': {
      const r = sliderRange(props);
      const v = num(props.value, r.min);
      const moves: Record<string, number> = { left: -r.step, down: -r.step, right: r.step, up: r.step, pagedown: -10 * r.step, pageup: 10 * r.step };
      if (e.name in moves) {
        setSlider(ctl, app, c, v + moves[e.name]!);
        return true;
      }
      if (e.name === 'home' || e.name === 'end') {
        setSlider(ctl, app, c, e.name === 'home' ? r.min : r.max);
        return true;
      }
      return false;
    }
    case 'tabs': {
      if (e.name !== 'left' && e.name !== 'right') return false;
      const kids = childrenOf(app.state, c);
      const i = Math.max(0, kids.findIndex((k) => k.id === props.active));
      const next = kids[(i + (e.name === 'left' ? -1 : 1) + kids.length) % kids.length];
      if (next) switchTab(ctl, app, c, next.id);
      return true;
    }
    case 'list': {
      const items = itemsOf(props);
      const moves: Record<string, number> = { up: -1, down: 1, pageup: -10, pagedown: 10 };
      if (e.name in moves || e.name === 'home' || e.name === 'end') {
        const cur = view.highlight[c.id] ?? -1;
        const next = e.name === 'home' ? 0 : e.name === 'end' ? items.length - 1 : Math.max(0, Math.min(items.length - 1, cur + moves[e.name]!));
        ctl.setView(app.id, { highlight: { ...view.highlight, [c.id]: next } });
        return true;
      }
      return false;
    }
    case 'checkbox':
    case 'radio':
    case 'button':
      return false;
    default:
      return false;
  }
}

/** Pasted text goes into the focused input or textarea. */
export function appPaste(ctl: DesktopController, appId: string, text: string) {
  const app = ctl.rt.getSnapshot().apps[appId];
  const view = ctl.view(appId);
  const c = app && view.focus ? findComponent(app, view.focus) : undefined;
  if (!app || !c || !TEXT_TYPES.has(c.type)) return;
  const props = resolvedProps(app.state, c);
  if (props.disabled === true || props.readonly === true) return;
  const value = str(props.value, true);
  const next = pasteText(value, view.cursor[c.id] ?? graphemes(value).length, text, c.type === 'textarea');
  ctl.setView(appId, { cursor: { ...view.cursor, [c.id]: next.cursor } });
  send(ctl, appId, c.id, 'change', next.value);
}
