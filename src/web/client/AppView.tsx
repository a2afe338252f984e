import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { AppInstance } from '../../runtime/types.js';
import { AppContext, AppStateContext, type AppCtx } from './app-context.js';
import { Node } from './components/node.js';
import { useConnection } from './context.js';
import { inTextField, keyName } from './keys.js';

/** An app's components in its window; keys typed outside fields go to its `ui.keys`. */
export function AppView({ app, focused }: { app: AppInstance; focused: boolean }) {
  const conn = useConnection();
  const body = useRef<HTMLDivElement>(null);
  // A window that gets the focus (a click, Alt+`, a launch) takes the keyboard, unless
  // something else on the page has it (the spotlight, the chat, a field).
  useEffect(() => {
    if (focused && (!document.activeElement || document.activeElement === document.body)) body.current?.focus({ preventScroll: true });
  }, [focused]);
  const id = app.id;
  const ctx = useMemo<AppCtx>(
    () => ({
      id,
      send: (component, event, value) => conn.send(value === undefined ? { type: 'event', app_id: id, component, event } : { type: 'event', app_id: id, component, event, value }),
      tool: (tool, args) => conn.request({ type: 'tool', app_id: id, tool, args }),
      launch: (appId) => conn.send({ type: 'launch', app_id: appId }),
    }),
    [id, conn],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || inTextField(e.target)) return;
    const el = e.target as HTMLElement;
    const tag = el.tagName;
    // Form controls (sliders, checkboxes, selects) and tab bars use their own keys; a
    // read-only field (a calculator's display) does not, so typing there reaches the app.
    const control = tag === 'SELECT' || el.getAttribute('role') === 'tab' || (tag === 'INPUT' && ['range', 'checkbox', 'radio'].includes((el as HTMLInputElement).type));
    if (control) return;
    if ((tag === 'BUTTON' || tag === 'A') && (e.key === 'Enter' || e.key === ' ')) return;
    if (e.key === 'Tab') return;
    const key = keyName(e);
    if (!key || (e.ctrlKey && key === 'C-k')) return;
    // Plain keys belong to the app; browser shortcuts (Ctrl+R...) keep working too.
    if (!e.ctrlKey && !e.metaKey && !e.altKey) e.preventDefault();
    // The runtime runs the app's binding for it, or presses the button labelled with it.
    conn.send({ type: 'key', app_id: app.id, key });
  };

  // A click on something that takes no focus (text, a disabled field like a calculator's
  // display) would leave the keyboard with the page: the window takes it instead.
  const onPointerUp = () => {
    const active = document.activeElement;
    if (!active || active === document.body || !body.current?.contains(active)) body.current?.focus({ preventScroll: true });
  };

  const bp = app.blueprint;
  return (
    <AppContext.Provider value={ctx}>
      <AppStateContext.Provider value={app.state}>
      <div ref={body} className={`app-body layout-${bp.ui.layout === 'horizontal' ? 'horizontal' : 'vertical'}`} tabIndex={-1} onKeyDown={onKeyDown} onPointerUp={onPointerUp}>
        {bp.ui.components.map((c) => (
          <Node key={c.id} c={c} />
        ))}
      </div>
      </AppStateContext.Provider>
    </AppContext.Provider>
  );
}
