import type { Kernel } from '../kernel/kernel.js';
import type { AppCatalog } from '../runtime/catalog.js';
import type { Runtime } from '../runtime/index.js';
import { InputParser } from './input/parser.js';
import { buildKeymap, type KeymapSettings } from './keymap.js';
import { themeFor } from './render/theme.js';
import { DesktopController, type DesktopDeps } from './desktop/controller.js';
import { enterScreen } from './desktop/screen.js';
import { FrameWriter } from './desktop/frame-writer.js';
import { composeScreen } from './desktop/layers.js';
import { loadInkView } from './ink-loader.js';
import { kernelPtyPort } from './terminal/kernel-port.js';
import { kernelAssets } from './assets.js';

export interface DesktopRunOptions {
  runtime: Runtime;
  kernel: Kernel;
  catalog?: AppCatalog;
  keymap?: KeymapSettings;
  theme?: string;
  pinned?: string[];
  generate?: DesktopDeps['generate'];
  chat?: DesktopDeps['chat'];
  saveSession?: DesktopDeps['saveSession'];
  /** Called once the desktop is drawn (e.g. to restore a session into it). */
  onReady?(ctl: DesktopController): void | Promise<void>;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/** How long a lone ESC waits to see whether a sequence follows. */
const ESC_WAIT_MS = 30;

/**
 * Draw the desktop until the user quits. This module is only loaded by a dynamic import
 * from the commands that draw, and Ink and React only after the first frame. Input is
 * read by our own parser (keys, SGR mouse, paste); Ink only renders.
 */
export async function runDesktop(o: DesktopRunOptions): Promise<void> {
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  if (!stdin.isTTY || !stdout.isTTY) throw new Error('the desktop needs a terminal: run it in one (not with input or output redirected)');
  const { kernel } = o;
  let resolveQuit!: () => void;
  const quit = new Promise<void>((r) => (resolveQuit = r));
  const size = () => ({ cols: stdout.columns || 80, rows: Math.max(6, stdout.rows || 24) });
  const { cols, rows } = size();
  const ctl = new DesktopController(
    {
      runtime: o.runtime,
      keymap: buildKeymap(o.keymap),
      theme: themeFor(o.theme),
      catalog: o.catalog,
      ptyPort: (pid) => kernelPtyPort(kernel, pid),
      assets: kernelAssets(kernel, kernel.userPid),
      generate: o.generate,
      chat: o.chat,
      saveSession: o.saveSession,
      pinned: o.pinned ?? ['terminal', 'calculator', 'notes', 'file-explorer'],
      kernelStatus: () => `⚙ ${kernel.procs.list().length} procs`,
      // The user's answer to a permission prompt: this capability, for that target only.
      // (The kernel has no grant syscall yet: a process cannot raise its own grants, and
      // this is the user, through the desktop, raising an app's.)
      grant: (pid, cap, target) => {
        const p = kernel.procs.get(pid);
        if (p) p.grants = [...p.grants, target ? { cap: cap as never, scope: [target] } : { cap: cap as never }];
      },
      quit: () => resolveQuit(),
    },
    cols,
    rows,
  );
  const screen = enterScreen(stdout, stdin);
  const restoreConsole = quietConsole(kernel);
  const frames = new FrameWriter(stdout);
  // The first frame is composed and drawn here, without waiting for Ink and React (the
  // largest thing the desktop loads); until Ink draws, changes are drawn the same way.
  const early = drawUntilInk(ctl, frames);
  let closed = false;
  const ink = loadInkView().then(
    (m) => {
      if (closed) return undefined;
      early.stop();
      return m.mountDesktop(ctl, frames);
    },
    (e: unknown) => {
      // The desktop still draws without Ink; say why it is in this state.
      ctl.hint(`the terminal view could not load Ink: ${(e as Error).message}`);
      return undefined;
    },
  );
  const parser = new InputParser();
  let escTimer: NodeJS.Timeout | undefined;
  const onData = (chunk: string | Buffer) => {
    clearTimeout(escTimer);
    for (const ev of parser.feed(String(chunk))) ctl.handle(ev);
    if (parser.pending) escTimer = setTimeout(() => parser.flush().forEach((ev) => ctl.handle(ev)), ESC_WAIT_MS);
  };
  stdin.setEncoding('utf8');
  stdin.on('data', onData);
  stdin.resume();
  const onResize = () => {
    const s = size();
    ctl.resize(s.cols, s.rows);
  };
  frames.on('resize', onResize);
  try {
    await o.onReady?.(ctl);
    await quit;
  } finally {
    stdin.off('data', onData);
    frames.off('resize', onResize);
    frames.dispose();
    clearTimeout(escTimer);
    stdin.pause();
    closed = true;
    early.stop();
    (await ink)?.unmount();
    ctl.dispose();
    restoreConsole();
    screen.restore();
  }
}

/**
 * `agentos run APP` without --headless: one app full screen with the same renderers and
 * keys; closing the app, Ctrl+Q or Ctrl+C ends it (a terminal app keeps Ctrl+C for its
 * program). `launch` starts the app and returns its id; it runs before the first frame, so
 * the screen never shows an empty desktop.
 */
export async function runFullScreen(o: Omit<DesktopRunOptions, 'onReady'> & { launch(rt: Runtime): Promise<string> }): Promise<void> {
  const id = await o.launch(o.runtime);
  o.runtime.windows.fullscreen(id);
  let unsub: (() => void) | undefined;
  await runDesktop({
    ...o,
    keymap: withQuitKey(o.keymap, 'C-c'),
    pinned: [],
    onReady: (ctl) => {
      unsub = o.runtime.subscribe((d) => {
        if (!d.apps[id]) ctl.quit();
      });
      if (!o.runtime.getSnapshot().apps[id]) ctl.quit();
    },
  });
  unsub?.();
}

/** The user's keymap with one more key for quit (kept when the prefix or a binding already has it). */
function withQuitKey(settings: KeymapSettings = {}, key: string): KeymapSettings {
  const km = buildKeymap(settings);
  if (km.prefix === key || km.direct.has(key)) return settings;
  const quit = [...(km.keysOf.get('quit') ?? []), key];
  return { ...settings, bindings: [settings.bindings, `quit=${quit.join(' ')}`].filter(Boolean).join('; ') };
}

/**
 * Draws the screen on every change of the desktop or the view until `stop()`: what Ink's
 * <Desktop> does, for the moments before Ink has loaded. Changes in one turn of the event
 * loop make one frame.
 */
function drawUntilInk(ctl: DesktopController, frames: FrameWriter): { stop(): void } {
  let stopped = false;
  let pending = false;
  const draw = () => {
    pending = false;
    if (!stopped) frames.paint(composeScreen(ctl));
  };
  const later = () => {
    if (pending || stopped) return;
    pending = true;
    setImmediate(draw);
  };
  draw();
  const unsubs = [ctl.subscribe(later), ctl.rt.subscribe(later)];
  return {
    stop() {
      stopped = true;
      unsubs.forEach((u) => u());
    },
  };
}

/**
 * Anything printed with console.* while the desktop owns the screen would tear the frame:
 * it goes to the kernel log instead (`agentos syscall sys.logs`), and back after.
 */
function quietConsole(kernel: Kernel): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) {
    console[m] = (...args: unknown[]) => kernel.log(kernel.userPid, m === 'log' || m === 'debug' ? 'info' : m, args.map(String).join(' '));
  }
  return () => methods.forEach((m, i) => (console[m] = saved[i]!));
}
