import { readFileSync } from 'node:fs';
import type { Blueprint } from '../../blueprint/types.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { AppRegistry } from '../../runtime/registry/registry.js';
import { UsageError } from '../errors.js';

interface Opts {
  headless?: boolean;
  events?: string;
}

/** An APP argument that names a file rather than an app id. */
const isPath = (app: string) => ['.bp', '.aiapp'].some((e) => app.endsWith(e)) || app.includes('/') || app.includes('\\');

function readEvents(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the events file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** A Blueprint's problems as the one error line the contract promises (the first, and how many more). */
function blueprintLine(message: string): string {
  const lines = message.split('\n');
  return lines.length > 1 ? `${lines[0]} (and ${lines.length - 1} more)` : lines[0]!;
}

/**
 * The app's Blueprint, from a file or from the registry (saved and generated apps under
 * /home, a saved one winning, then shipped ones). A bad or missing app is one line on
 * stderr and exit code 1. Call it after the runtime exists: the loader checks the app's
 * tool names against the runtime's.
 */
async function loadApp(app: string, registry: () => Promise<AppRegistry>): Promise<Blueprint | 1> {
  const [{ loadBlueprintFile }, { isBlueprintError }, { KernelError }] = await Promise.all([import('../../blueprint/parse.js'), import('../../blueprint/errors.js'), import('../../kernel/errors.js')]);
  try {
    if (isPath(app)) return loadBlueprintFile(app);
    const reg = await registry();
    try {
      return await reg.load(app);
    } catch (e) {
      // The app's own file may be the broken one: say why rather than "no app".
      const broken = reg.problems.find((p) => ['.bp', '.aiapp'].some((ext) => p.file.endsWith(`/${app}${ext}`)));
      if (broken && e instanceof KernelError && e.code === 'ENOENT') {
        process.stderr.write(blueprintLine(broken.text) + '\n');
        return 1;
      }
      throw e;
    }
  } catch (e) {
    if (isBlueprintError(e)) {
      process.stderr.write(blueprintLine(e.message) + '\n');
      return 1;
    }
    throw e;
  }
}

/**
 * `agentos run APP [--headless --events FILE]`. Without --headless: the app alone, full
 * screen in this terminal, with the desktop's renderers and keys; Ctrl+Q or Ctrl+C (or
 * closing the app) ends it. Headless: launch the app in a private kernel, apply each event
 * line, print `{"app", "state", "errors"}` as one JSON line. Exit 1 with one
 * `file:line: ...` line for a bad app or a bad event line.
 */
export default async function run(app: string, opts: Opts): Promise<number> {
  if (!opts.headless) {
    if (opts.events) throw new UsageError('--events works with --headless: agentos run APP --headless --events FILE');
    return fullScreen(app);
  }
  const events = opts.events ? readEvents(opts.events) : '';
  // Loaded only here: the kernel, the runtime and its tools (mathjs among them) are large.
  const [{ KernelError, formatError }, { openRegistry }, { EventLineError, runHeadless }, { createRuntime }, { bootKernel }] = await Promise.all([
    import('../../kernel/errors.js'),
    import('../../runtime/registry/index.js'),
    import('../../runtime/headless.js'),
    import('../../runtime/runtime.js'),
    import('../local-kernel.js'),
  ]);
  const kernel = bootKernel();
  try {
    // The runtime registers its tools first: the loader checks the app's tool names against them.
    const runtime = createRuntime({ kernel, headless: true });
    const bp = await loadApp(app, async () => (await openRegistry(kernel)).registry);
    if (bp === 1) {
      await runtime.shutdown();
      return 1;
    }
    try {
      const result = await runHeadless(runtime, bp, events, opts.events === '-' ? '<stdin>' : (opts.events ?? '<none>'));
      process.stdout.write(JSON.stringify(result) + '\n');
      return 0;
    } catch (e) {
      if (e instanceof EventLineError) {
        process.stderr.write(e.message + '\n');
        return 1;
      }
      if (e instanceof KernelError) {
        process.stderr.write(formatError(e) + '\n');
        return 1;
      }
      throw e;
    }
  } finally {
    await kernel.shutdown();
  }
}

/** One app full screen: the desktop's view with nothing but that app's window. */
async function fullScreen(app: string): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(`agentos: the full-screen view of an app needs a terminal (input and output not redirected); without one: agentos run ${app} --headless --events FILE\n`);
    return 2;
  }
  const [{ KernelError, formatError }, { createRegistry, appRuntimeOptions }, { createRuntime }, { bootKernel }, { readSettings }, { places }] = await Promise.all([
    import('../../kernel/errors.js'),
    import('../../runtime/registry/index.js'),
    import('../../runtime/runtime.js'),
    import('../local-kernel.js'),
    import('../../config/config.js'),
    import('../../config/paths.js'),
  ]);
  // The desktop's code loads while the app does (Ink and React after the first frame).
  const tui = import('../../tui/run.js');
  tui.catch(() => undefined); // awaited below, unless the app does not load
  const settings = readSettings(places().config);
  const kernel = bootKernel();
  try {
    // The registry is the runtime's catalog (an app may start others) and has the prebuilt apps' tools.
    const { registry } = createRegistry(kernel);
    const runtime = createRuntime({ kernel, ...appRuntimeOptions(registry) });
    try {
      const bp = await loadApp(app, async () => registry);
      if (bp === 1) return 1;
      const { runFullScreen } = await tui;
      await runFullScreen({
        runtime,
        kernel,
        keymap: { prefix: settings['keymap.prefix'], bindings: settings['keymap.bindings'] },
        theme: settings.theme,
        launch: (rt) => rt.launch(bp),
      });
      return 0;
    } catch (e) {
      if (e instanceof KernelError) {
        process.stderr.write(formatError(e) + '\n');
        return 1;
      }
      throw e;
    } finally {
      await runtime.shutdown().catch(() => undefined);
    }
  } finally {
    await kernel.shutdown();
    // A pty or timer that did not let go must not keep a finished app around.
    setTimeout(() => process.exit(process.exitCode ?? 0), 2000).unref();
  }
}
