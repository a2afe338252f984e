import type { Blueprint } from '../../blueprint/types.js';
import { agentWindows, watchAgentWindows } from '../../mcp/agent-windows.js';
import type { AppCatalog } from '../../runtime/catalog.js';
import type { Runtime } from '../../runtime/index.js';
import type { AppInstance, Desktop } from '../../runtime/types.js';
import { TILE_LAYOUTS, type CellRect } from '../../runtime/windows.js';
import { focusOrder, renderApp } from '../components/index.js';
import { EMPTY_VIEW, type AssetSource, type ViewState } from '../components/types.js';
import type { InputEvent } from '../input/events.js';
import type { Keymap } from '../keymap.js';
import { clipRows, type Block, type Overlay as BlockOverlay } from '../render/block.js';
import type { Theme } from '../render/theme.js';
import type { PtyPort, TerminalSession } from '../terminal/session.js';
import { screenLayout, windowCells, type ScreenLayout } from './geometry.js';
import { handleKey, handlePaste } from './keys.js';
import { handleMouse } from './mouse.js';
import { initialUi, type UiState } from './state.js';
import { isTerminal, terminalBlueprint } from './terminal-app.js';

/** What the kernel's `permission_denied` event carries. */
interface DeniedEvent {
  pid: number;
  syscall: string;
  message: string;
  target?: string | null;
}
import { windowFrame } from './window-frame.js';

export interface DesktopDeps {
  runtime: Runtime;
  keymap: Keymap;
  theme: Theme;
  /** Apps to offer in the spotlight and the dock. */
  catalog?: AppCatalog;
  /** The pty syscalls as a terminal window's app process. */
  ptyPort(appPid: number): PtyPort;
  assets?: AssetSource & { onLoad?(fn: () => void): () => void };
  /** Generate an app (streaming it into a window when the generator can); resolves with the window id. */
  generate?(prompt: string, ctl: DesktopController): Promise<string | void>;
  /** The chat agent: answers into the runtime's chat. */
  chat?(message: string): Promise<void>;
  /** One short line about the kernel for the menu bar. */
  kernelStatus?(): string;
  /** Apps always in the dock. */
  pinned?: string[];
  saveSession?(): Promise<void>;
  /** Give an app's process a capability it was denied, for that target only when there is one. */
  grant?(pid: number, cap: string, target?: string): void;
  /** The user quit (Ctrl+Q): the caller saves and tears down. */
  quit(): void;
}

/** What the view draws for one window, and what the mouse needs to find things in it. */
export interface WindowView {
  id: string;
  rect: CellRect;
  lines: string[];
  /** The app's rendered content (null for terminals), before scrolling. */
  content: Block | null;
  /** Where content row 0 column 0 is on screen, and the first content row shown. */
  origin: { x: number; y: number };
  scrollTop: number;
  innerRows: number;
  /** Open modals, placed on screen. */
  overlays: { x: number; y: number; block: Block }[];
  terminal?: TerminalSession;
}

const REPEAT_MS = 1000;

/**
 * The terminal desktop's brain, without React: it turns input events into runtime calls
 * (window commands, app events) and keeps the view's own state (overlays, focus inside
 * windows, drags). Desktop.tsx draws `ui` and the runtime's snapshot; nothing else.
 */
export class DesktopController {
  ui: UiState;
  readonly terminals = new Map<string, TerminalSession>();
  /** Window content scroll (rows), kept out of UiState: it follows focus while drawing. */
  readonly windowScroll = new Map<string, number>();
  /** A prefixed command that may repeat without the prefix until this time. */
  repeat: { action: string; until: number } | null = null;
  /** The terminal window a program's mouse press went to, until its release (see terminal-mouse.ts). */
  mouseHolder: string | null = null;
  private listeners = new Set<() => void>();
  private unsubs: (() => void)[] = [];
  private viewCache = new Map<string, { key: string; view: WindowView }>();
  private orderCache = new WeakMap<AppInstance, string[]>();
  private toastTimer?: NodeJS.Timeout;
  private lastVisible = '';
  private assetVersion = 0;
  /** Terminal windows whose session is loading (the emulator loads with the first one). */
  private startingTerminals = new Set<string>();
  private disposed = false;

  constructor(
    readonly deps: DesktopDeps,
    cols: number,
    rows: number,
  ) {
    this.ui = initialUi(cols, rows);
    const rt = deps.runtime;
    this.unsubs.push(rt.subscribe((d, prev) => this.onDesktop(d, prev)));
    // An agent's window gets its mark even when the agent's call changed nothing else.
    this.unsubs.push(watchAgentWindows(rt, () => this.bump()));
    const onDenied = (e: DeniedEvent) => this.onDenied(e);
    rt.kernel.events.on('permission_denied', onDenied);
    this.unsubs.push(() => rt.kernel.events.off('permission_denied', onDenied));
    if (deps.assets?.onLoad) this.unsubs.push(deps.assets.onLoad(() => (this.assetVersion++, this.bump())));
    this.onDesktop(rt.getSnapshot(), rt.getSnapshot());
    if (deps.keymap.problems.length) this.ui = { ...this.ui, hint: deps.keymap.problems[0]! };
    void this.refreshApps();
  }

  get rt(): Runtime {
    return this.deps.runtime;
  }

  get layout(): ScreenLayout {
    return screenLayout(this.ui.cols, this.ui.rows);
  }

  // ---- state -----------------------------------------------------------------------

  getState = (): UiState => this.ui;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  set(patch: Partial<Omit<UiState, 'version'>>) {
    this.ui = { ...this.ui, ...patch, version: this.ui.version + 1 };
    for (const l of this.listeners) l();
  }

  /** Redraw without a state change (a terminal printed, an image loaded). */
  bump() {
    this.set({});
  }

  view(id: string): ViewState {
    return this.ui.views[id] ?? EMPTY_VIEW;
  }

  setView(id: string, patch: Partial<ViewState>) {
    this.set({ views: { ...this.ui.views, [id]: { ...this.view(id), ...patch } } });
  }

  hint(text: string | null) {
    this.set({ hint: text });
  }

  /** A failed runtime call becomes a line in the menu bar, never a crash. */
  report = (e: unknown) => {
    this.hint((e as Error)?.message ?? String(e));
  };

  async refreshApps() {
    if (!this.deps.catalog) return;
    try {
      const apps = await this.deps.catalog.list();
      this.set({ apps });
    } catch (e) {
      this.report(e);
    }
  }

  // ---- input -------------------------------------------------------------------------

  handle(ev: InputEvent) {
    try {
      if (ev.type === 'key') handleKey(this, ev);
      else if (ev.type === 'mouse') handleMouse(this, ev);
      else if (ev.type === 'paste') handlePaste(this, ev.text);
    } catch (e) {
      this.report(e);
    }
  }

  resize(cols: number, rows: number) {
    if (cols === this.ui.cols && rows === this.ui.rows) return;
    this.ui = { ...this.ui, cols, rows };
    this.syncTerminalSizes(this.rt.getSnapshot());
    this.bump();
  }

  // ---- runtime reactions -----------------------------------------------------------

  private onDesktop(d: Desktop, prev: Desktop) {
    for (const id of Object.keys(d.apps)) {
      const app = d.apps[id]!;
      if (isTerminal(app) && !this.terminals.has(id) && !this.startingTerminals.has(id)) this.startTerminal(app);
    }
    for (const [id, t] of this.terminals) {
      if (!d.apps[id]) {
        this.terminals.delete(id);
        void t.dispose();
      }
    }
    for (const id of Object.keys(this.ui.views)) if (!d.apps[id] && prev.apps[id]) this.forgetWindow(id);
    // Tiling follows the set of visible windows.
    const visible = d.stack.filter((id) => d.windows[id] && !d.windows[id]!.minimized).join('\n');
    if (visible !== this.lastVisible) {
      this.lastVisible = visible;
      if (this.ui.tiling) queueMicrotask(() => this.ui.tiling && this.rt.windows.tile(this.ui.tiling));
    }
    if (d.notifications !== prev.notifications) this.scheduleToastExpiry();
    this.syncTerminalSizes(d);
    // No redraw from here: the view subscribes to the runtime itself.
  }

  /** Terminals follow their window's size (the program gets SIGWINCH). */
  private syncTerminalSizes(d: Desktop) {
    for (const [id, t] of this.terminals) {
      const win = d.windows[id];
      const rect = this.windowRect(id, d);
      if (!win || !rect) continue;
      const bare = win.mode === 'fullscreen';
      t.resize(Math.max(2, rect.w - (bare ? 0 : 2)), Math.max(2, rect.h - (bare ? 0 : 2)));
    }
  }

  private forgetWindow(id: string) {
    const views = { ...this.ui.views };
    delete views[id];
    this.windowScroll.delete(id);
    this.viewCache.delete(id);
    this.ui = { ...this.ui, views };
  }

  /**
   * A terminal window's session: attached to the pty the app opened (state `pty`, the
   * terminal app's tools), or started here for a view-only terminal (config.terminal).
   */
  private startTerminal(app: AppInstance) {
    const ptyPid = app.state.pty;
    const own = app.blueprint.config?.terminal === true;
    if (!own && !(typeof ptyPid === 'number' && ptyPid > 0)) return; // not opened yet (or failed: the app says why)
    this.startingTerminals.add(app.id);
    // The app's shell is already printing (its prompt): keep what it prints while the emulator loads.
    let early = '';
    let stopEarly: (() => void) | undefined;
    if (!own) {
      try {
        stopEarly = this.deps.ptyPort(app.pid).attach?.(ptyPid as number, (d) => (early += d));
      } catch {
        // The session's own attach says why, below.
      }
    }
    void loadTerminals().then(
      ({ TerminalSession }) => {
        stopEarly?.();
        this.startingTerminals.delete(app.id);
        const now = this.rt.getSnapshot().apps[app.id];
        if (this.disposed || !now || this.terminals.has(app.id)) return;
        this.openSession(TerminalSession, now, own, ptyPid as number, early);
        this.bump();
      },
      (e) => {
        stopEarly?.();
        this.startingTerminals.delete(app.id);
        this.report(e);
      },
    );
  }

  private openSession(TerminalSession: TerminalSessionClass, app: AppInstance, own: boolean, ptyPid: number, printed: string) {
    const rect = this.windowRect(app.id, this.rt.getSnapshot());
    const cols = Math.max(10, (rect?.w ?? 82) - 2);
    const rows = Math.max(3, (rect?.h ?? 26) - 2);
    const t = new TerminalSession(this.deps.ptyPort(app.pid), cols, rows);
    this.terminals.set(app.id, t);
    t.onChange(() => this.bump());
    if (own) void t.start();
    else {
      try {
        t.attach(ptyPid, printed);
      } catch (e) {
        t.status = { kind: 'failed', message: (e as Error).message };
      }
    }
  }

  /** Notifications show as toasts for a few seconds; this redraws when one expires. */
  private scheduleToastExpiry() {
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => this.bump(), TOAST_MS + 50);
    this.toastTimer.unref?.();
  }

  private onDenied(e: DeniedEvent) {
    const app = Object.values(this.rt.getSnapshot().apps).find((a) => a.pid === e.pid);
    if (!app || this.ui.overlay?.kind === 'permission') return;
    // The capability is only in the kernel's line ("… (needs NETWORK_ACCESS)"); the target is a field.
    const cap = /\(needs ([A-Z_]+)\)$/.exec(e.message)?.[1];
    const target = e.target ?? undefined;
    this.set({
      overlay: {
        kind: 'permission',
        appId: app.id,
        pid: e.pid,
        cap,
        target,
        title: `${app.title} was refused ${e.syscall}`,
        text: e.message,
        choice: 0,
      },
    });
  }

  // ---- windows -----------------------------------------------------------------------

  windowRect(id: string, d: Desktop): CellRect | null {
    const w = d.windows[id];
    return w ? windowCells(w, this.layout) : null;
  }

  /** Visible windows bottom to top. */
  visibleWindows(d: Desktop): string[] {
    return d.stack.filter((id) => d.windows[id] && !d.windows[id]!.minimized && d.apps[id]);
  }

  focusOrderOf(app: AppInstance): string[] {
    let order = this.orderCache.get(app);
    if (!order) {
      order = focusOrder(app.blueprint.ui.components, app.state);
      this.orderCache.set(app, order);
    }
    return order;
  }

  /**
   * What one window looks like now: frame, content scrolled to its focused control,
   * modals. Memoized on everything it depends on, so an unchanged window costs nothing.
   */
  windowView(id: string, d: Desktop): WindowView | null {
    const app = d.apps[id];
    const win = d.windows[id];
    const rect = win && windowCells(win, this.layout);
    if (!app || !win || !rect) return null;
    const focused = d.focused === id;
    const bare = win.mode === 'fullscreen';
    const innerW = Math.max(1, rect.w - (bare ? 0 : 2));
    const innerH = Math.max(1, rect.h - (bare ? 0 : 2));
    const term = this.terminals.get(id);
    const view = this.view(id);
    const lastError = app.errors.at(-1);
    const agent = agentWindows(this.rt).has(id);
    const key = [app.version, agent, rect.x, rect.y, rect.w, rect.h, focused, bare, this.deps.theme.name, term?.version ?? -1, this.windowScroll.get(id) ?? 0, this.ui.views[id] ? JSON.stringify(view) : '', this.assetVersion].join('|');
    const hit = this.viewCache.get(id);
    if (hit && hit.key === key) return hit.view;
    const origin = { x: rect.x + (bare ? 0 : 1), y: rect.y + (bare ? 0 : 1) };
    let content: Block | null = null;
    let body: string[];
    let scrollTop = 0;
    const overlays: WindowView['overlays'] = [];
    if (term) {
      body = term.lines(focused).map((l) => (term.cols === innerW ? l : l + ' '.repeat(Math.max(0, innerW - term.cols))));
      while (body.length < innerH) body.push(' '.repeat(innerW));
      const s = term.status;
      if (s.kind === 'failed') body = [`could not start a terminal: ${s.message}`, ...body].map((l) => l.slice(0, innerW).padEnd(innerW));
      else if (s.kind === 'exited') body[innerH - 1] = `[exited with status ${s.code ?? '?'} — Enter closes the window]`.slice(0, innerW).padEnd(innerW);
      else if (s.kind === 'starting') body[0] = 'starting your shell…'.padEnd(innerW);
    } else {
      content = renderApp(app.blueprint.ui.components, app.blueprint.ui.layout, {
        width: innerW,
        viewport: innerH,
        state: app.state,
        theme: this.deps.theme,
        view,
        assets: this.deps.assets,
      });
      scrollTop = this.scrollFor(id, content, innerH, view.focus);
      body = clipRows(content, scrollTop, innerH).lines;
      for (const o of content.overlays ?? []) overlays.push(placeOverlay(o, origin, innerW, innerH, scrollTop));
    }
    const lines = windowFrame(body, { width: rect.w, height: rect.h, title: app.title, focused, theme: this.deps.theme, status: lastError?.message, bare, agent });
    const result: WindowView = { id, rect, lines: bare ? body : lines, content, origin, scrollTop, innerRows: innerH, overlays, terminal: term };
    this.viewCache.set(id, { key, view: result });
    return result;
  }

  /** The window's scroll, moved just enough to show the focused control. */
  private scrollFor(id: string, content: Block, rows: number, focus: string | null): number {
    const max = Math.max(0, content.lines.length - rows);
    let top = Math.min(this.windowScroll.get(id) ?? 0, max);
    const f = focus ? content.hits.find((h) => h.id === focus && !h.part) : undefined;
    if (f) {
      if (f.y < top) top = f.y;
      else if (f.y + Math.min(f.h, rows) > top + rows) top = f.y + Math.min(f.h, rows) - rows;
    }
    this.windowScroll.set(id, top);
    return top;
  }

  // ---- commands used by keys, mouse, spotlight and dock ------------------------------

  /** The terminal app when the catalog has one (its pty is shared with the web view), else a view-only terminal. */
  async openTerminal() {
    try {
      if (this.ui.apps.some((a) => a.id === 'terminal')) await this.rt.launchApp('terminal');
      else await this.rt.launch(terminalBlueprint());
    } catch (e) {
      this.report(e);
    }
  }

  async launch(appId: string) {
    try {
      if (appId === 'terminal' && !this.ui.apps.some((a) => a.id === 'terminal')) return await this.openTerminal();
      await this.rt.launchApp(appId);
    } catch (e) {
      this.report(e);
    }
  }

  /** Start a generated app after the user agreed to its permissions (once per app id when "always"). */
  async launchGenerated(bp: Blueprint) {
    if (!this.ui.trusted.includes(bp.app.id)) {
      const perms = bp.app.permissions?.length ? bp.app.permissions.join(', ') : 'MINIMAL (nothing beyond its own window)';
      this.set({ overlay: { kind: 'permission', appId: bp.app.id, title: `Start the generated app “${bp.app.name}”?`, text: `It asks for: ${perms}`, choice: 0, blueprint: bp } });
      return;
    }
    await this.rt.launch(bp).catch(this.report);
  }

  async generate(prompt: string) {
    this.set({ generating: [...this.ui.generating, prompt], hint: `generating “${prompt}”…` });
    try {
      if (this.deps.generate) await this.deps.generate(prompt, this);
      else await this.rt.generate(prompt);
      this.hint(null);
    } catch (e) {
      this.report(e);
    } finally {
      this.set({ generating: this.ui.generating.filter((p) => p !== prompt) });
    }
  }

  toggleTiling() {
    if (this.ui.tiling) {
      this.set({ tiling: null });
      this.rt.windows.untile();
    } else {
      this.set({ tiling: 'columns' });
      this.rt.windows.tile('columns');
    }
  }

  nextTiling() {
    const i = this.ui.tiling ? TILE_LAYOUTS.indexOf(this.ui.tiling) : -1;
    const next = TILE_LAYOUTS[(i + 1) % TILE_LAYOUTS.length]!;
    this.set({ tiling: next, hint: `tiling: ${next}` });
    this.rt.windows.tile(next);
  }

  async saveSession() {
    if (!this.deps.saveSession) return this.hint('sessions are not available in this build');
    try {
      await this.deps.saveSession();
      this.hint('session saved');
    } catch (e) {
      this.report(e);
    }
  }

  quit() {
    this.deps.quit();
  }

  dispose() {
    this.disposed = true;
    for (const u of this.unsubs) u();
    clearTimeout(this.toastTimer);
    for (const t of this.terminals.values()) void t.dispose();
    this.terminals.clear();
    this.listeners.clear();
  }
}

export const TOAST_MS = 5000;

type TerminalSessionClass = typeof import('../terminal/session.js').TerminalSession;
let terminals: Promise<typeof import('../terminal/session.js')> | undefined;
/** The terminal emulator (@xterm/headless) loads with the first terminal window, not before the first frame. */
const loadTerminals = () => (terminals ??= import('../terminal/session.js'));

/** A modal's box centred in its window's content area, in screen cells. */
function placeOverlay(o: BlockOverlay, origin: { x: number; y: number }, w: number, h: number, scrollTop: number) {
  if (o.center) {
    const x = origin.x + Math.max(0, (w - o.block.width) >> 1);
    const y = origin.y + Math.max(0, (h - o.block.lines.length) >> 1);
    return { x, y, block: o.block };
  }
  return { x: origin.x + o.x, y: origin.y + o.y - scrollTop, block: o.block };
}

export { REPEAT_MS };
