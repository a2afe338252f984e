import { render } from 'ink-testing-library';
import type { Blueprint } from '../../../src/blueprint/types.js';
import { createRuntime, memoryCatalog, type Runtime } from '../../../src/runtime/index.js';
import { DesktopController, type DesktopDeps } from '../../../src/tui/desktop/controller.js';
import { Desktop } from '../../../src/tui/desktop/Desktop.js';
import { InputParser } from '../../../src/tui/input/parser.js';
import { buildKeymap } from '../../../src/tui/keymap.js';
import { plain, setColorDepth } from '../../../src/tui/render/style.js';
import { THEMES } from '../../../src/tui/render/theme.js';
import { kernelPtyPort } from '../../../src/tui/terminal/kernel-port.js';
import { onCleanup, testKernel } from '../../helpers/kernel.js';

setColorDepth('256');

export interface Harness {
  rt: Runtime;
  ctl: DesktopController;
  /** What the screen shows now, without styles. */
  screen(): string;
  /** Raw stdin bytes, as a terminal would send them. */
  type(raw: string): void;
  /** Wait until the screen contains text (or a predicate holds). */
  until(what: string | RegExp | (() => boolean), ms?: number): Promise<void>;
  quitCalled(): boolean;
}

/** A desktop on a fresh kernel, drawn by Ink into ink-testing-library's 100-column stdout. */
export async function desktop(apps: Blueprint[] = [], opts: Partial<DesktopDeps> & { cols?: number; rows?: number } = {}): Promise<Harness> {
  const kernel = testKernel();
  const catalog = memoryCatalog(apps);
  const rt = createRuntime({ kernel, catalog });
  let quit = false;
  const ctl = new DesktopController(
    {
      runtime: rt,
      keymap: buildKeymap(),
      theme: THEMES.dark,
      catalog,
      ptyPort: (pid) => kernelPtyPort(kernel, pid),
      quit: () => {
        quit = true;
      },
      ...opts,
    },
    opts.cols ?? 100,
    opts.rows ?? 30,
  );
  const ink = render(<Desktop ctl={ctl} />);
  onCleanup(async () => {
    ink.unmount();
    ctl.dispose();
    await rt.shutdown();
  });
  const parser = new InputParser();
  const screen = () => plain(ink.lastFrame() ?? '');
  const h: Harness = {
    rt,
    ctl,
    screen,
    type(raw) {
      for (const e of [...parser.feed(raw), ...parser.flush()]) ctl.handle(e);
    },
    async until(what, ms = 5000) {
      const end = Date.now() + ms;
      const test = typeof what === 'function' ? what : () => (typeof what === 'string' ? screen().includes(what) : what.test(screen()));
      while (!test()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${String(what)}; screen:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    quitCalled: () => quit,
  };
  await ctl.refreshApps();
  return h;
}

/** An SGR mouse press and release at a zero-based cell. */
export const click = (x: number, y: number) => `\x1b[<0;${x + 1};${y + 1}M\x1b[<0;${x + 1};${y + 1}m`;

/** Where text first appears on the screen (zero-based column and row). */
export function find(screen: string, text: string): { x: number; y: number } {
  const lines = screen.split('\n');
  for (let y = 0; y < lines.length; y++) {
    const x = lines[y]!.indexOf(text);
    if (x >= 0) return { x: [...lines[y]!.slice(0, x)].length, y };
  }
  throw new Error(`"${text}" is not on the screen:\n${screen}`);
}
