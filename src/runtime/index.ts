/**
 * The runtime: the renderer-free heart of the desktop. Views (the Ink desktop, the web
 * server, MCP) read its snapshots and send it events; they never own app state.
 *
 *   const rt = createRuntime({ kernel, catalog: folderCatalog(kernel, kernel.userPid), generator });
 *   const id = await rt.launch(parseBlueprint(src, file));   // or rt.launchApp('calculator')
 *   rt.subscribe((desktop, prev) => redraw(desktop));         // after every change
 *   await rt.dispatchEvent(id, { component: 'btn-7', event: 'click' });
 *   rt.getSnapshot().apps[id].state.display                   // "7"
 *
 * State. `getSnapshot()` returns the whole Desktop (types.ts): apps (instances with their
 * Blueprint, state, errors, parent, pid, per-app `version`), windows (fractions of the
 * desktop, see windows.ts), the stack (bottom to top), focus, notifications, dialogs, chat,
 * clipboard. Snapshots are immutable and structurally shared; `version` grows by one per
 * change, so a view compares references or versions (React: useSyncExternalStore(subscribe,
 * getSnapshot)).
 *
 * Drawing a component: `resolvedProps(app.state, component)` (or `rt.props(id, componentId)`)
 * gives its props with bindings and state applied, including `hidden`/`disabled`;
 * `childrenOf(app.state, component)` its children (run-time ones when a tool set them).
 *
 * Input. `dispatchEvent(id, {component, event, value?})` — click, change (value-holding
 * components take `value` into state first), submit, ...; unknown components reject with
 * EINVAL. `pressKey(id, key)` runs the app's `ui.keys` binding. Window commands are in
 * `rt.windows` (move, resize, place, snap, minimize, maximize, restore, fullscreen, raise,
 * lower, tile, untile, cycle); `focus`, `close` (children close too), dialogs, notifications,
 * chat and clipboard have their own methods.
 *
 * Tools. Each tool run is a transaction: its state writes commit together with its desktop
 * effects (notifications, dialogs, clipboard) or not at all; a failure (a tool that throws,
 * a denied syscall, a service the app did not declare) is appended to that app's `errors`
 * and never escapes. Every effect is a syscall made with the app's pid. A tool reads the
 * state when its app's scheduler turn comes (turns run in order), so events that arrive
 * together each see the one before; a field's newer change supersedes an older change's
 * chain still running (its later writes are dropped).
 *
 * Extension points: `AppCatalog` (the registry implements it; `folderCatalog` lists the
 * shipped apps under /apps), `AppGenerator` (the AI fills it in), extra `tools`.
 */
export { createRuntime, type Runtime } from './runtime.js';
export type { RuntimeOptions, AppGenerator } from './core.js';
export type { AppEvent } from './exec.js';
export type { LaunchOptions } from './lifecycle.js';
export type { WindowCommands } from './window-commands.js';
export type { AppInstance, AppError, ChatMessage, Desktop, Dialog, Notification } from './types.js';
export type { Listener } from './store.js';
export { folderCatalog, combinedCatalog, memoryCatalog, type AppCatalog, type CatalogEntry, type BlueprintParser } from './catalog.js';
export { resolvedProps, childrenOf, stateKeyOf, STATE_PROPS } from './components.js';
export { runHeadless, parseEventLine, EventLineError, type HeadlessResult } from './headless.js';
export { grantsForApp } from './permissions.js';
export { allTools, BUILTIN_TOOLS } from './tools/index.js';
export type { ToolDef, ToolContext, ToolEvent, DesktopActions } from './tools/types.js';
export * as geometry from './windows.js';
