import { readFileSync } from 'node:fs';
import type { Blueprint } from '../../blueprint/types.js';
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
 * `agentos run APP [--headless --events FILE]`. Headless: launch the app in a private
 * kernel, apply each event line, print `{"app", "state", "errors"}` as one JSON line.
 * Exit 1 with one `file:line: ...` line for a bad app or a bad event line.
 */
export default async function run(app: string, opts: Opts): Promise<number> {
  if (!opts.headless) {
    if (opts.events) throw new UsageError('--events works with --headless: agentos run APP --headless --events FILE');
    process.stderr.write(`agentos: the full-screen terminal view of an app is not available yet; run it headless: agentos run ${app} --headless --events FILE\n`);
    return 2;
  }
  const events = opts.events ? readEvents(opts.events) : '';
  // Loaded only here: the kernel, the runtime and its tools (mathjs among them) are large.
  const [{ loadBlueprintFile }, { isBlueprintError }, { KernelError, formatError }, { openRegistry }, { EventLineError, runHeadless }, { createRuntime }, { bootKernel }] = await Promise.all([
    import('../../blueprint/parse.js'),
    import('../../blueprint/errors.js'),
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
    let bp: Blueprint;
    try {
      if (isPath(app)) bp = loadBlueprintFile(app);
      else {
        // The registry: saved and generated apps under /home (a saved one wins), then shipped ones.
        const { registry } = await openRegistry(kernel);
        try {
          bp = await registry.load(app);
        } catch (e) {
          // The app's own file may be the broken one: say why rather than "no app".
          const broken = registry.problems.find((p) => ['.bp', '.aiapp'].some((ext) => p.file.endsWith(`/${app}${ext}`)));
          if (broken && e instanceof KernelError && e.code === 'ENOENT') {
            process.stderr.write(blueprintLine(broken.text) + '\n');
            await runtime.shutdown();
            return 1;
          }
          throw e;
        }
      }
    } catch (e) {
      if (isBlueprintError(e)) {
        process.stderr.write(blueprintLine(e.message) + '\n');
        await runtime.shutdown();
        return 1;
      }
      throw e;
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
