import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Blueprint } from '../../blueprint/types.js';
import { readSettings } from '../../config/config.js';
import { places } from '../../config/paths.js';
import type { GenEvent } from '../../ai/events.js';
import { GenError } from '../../ai/events.js';
import { chooseProvider, type ProviderChoice } from '../../ai/settings.js';
import { stripControls } from '../../util/sanitize.js';
import { openKernel, type KernelClient } from '../boot.js';
import { ExitError, UsageError } from '../errors.js';

interface Opts {
  out?: string;
  save?: boolean;
  launch?: boolean;
  events?: boolean;
  provider?: string;
  model?: string;
  /** commander's --no-cache sets this to false. */
  cache?: boolean;
}

/**
 * Progress on stderr: one live line with a spinner on a terminal, plain lines otherwise
 * (logs, pipes, CI). Everything shown is model text passed through stripControls.
 */
export class Progress {
  private readonly tty = !!process.stderr.isTTY && process.env.TERM !== 'dumb';
  private readonly color = this.tty && !process.env.NO_COLOR;
  private frame = 0;
  private tokens = 0;
  private components = 0;
  private live = '';
  private timer?: NodeJS.Timeout;

  start(what: string) {
    if (!this.tty) return this.line(what);
    this.live = what;
    this.timer = setInterval(() => this.draw(), 80);
    this.timer.unref();
    this.draw();
  }

  /** A line that stays (a decision, a retry, a repair). */
  line(text: string) {
    this.clear();
    process.stderr.write(`${this.dim('agentos:')} ${stripControls(text, false)}\n`);
    if (this.timer) this.draw();
  }

  event(ev: GenEvent) {
    if (ev.type === 'thought') this.line(ev.text);
    else if (ev.type === 'token') {
      this.tokens += ev.text.length;
      this.live = `writing… ${this.tokens} characters, ${this.components} components`;
    } else if (ev.type === 'component') {
      this.components = ev.index + 1;
      const what = `${ev.component.type}${ev.component.id ? `#${ev.component.id}` : ''}`;
      if (this.tty) this.live = `writing… ${this.tokens} characters, ${this.components} components (last: ${stripControls(what, false)})`;
      else if (ev.round === 1 || this.components === 1) this.line(`component ${this.components}: ${what}`);
    }
  }

  stop() {
    this.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private draw() {
    const spin = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'[this.frame++ % 10];
    const width = (process.stderr.columns || 80) - 4;
    process.stderr.write(`\r\x1b[2K${this.color ? `\x1b[36m${spin}\x1b[39m` : spin} ${stripControls(this.live, false).slice(0, width)}`);
  }

  private clear() {
    if (this.tty && this.timer) process.stderr.write('\r\x1b[2K');
  }

  private dim(s: string) {
    return this.color ? `\x1b[2m${s}\x1b[22m` : s;
  }
}

/** Flags, environment and `agentos config`, as one choice; a bad one is a usage error. */
export function resolveChoice(opts: { provider?: string; model?: string }): ProviderChoice {
  try {
    return chooseProvider(opts, process.env, readSettings(places().config));
  } catch (e) {
    if (e instanceof GenError) throw new UsageError(e.message);
    throw e;
  }
}

/** Host files written whole or not at all: a temp file, then a rename. */
function writeAtomic(file: string, text: string) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    throw new ExitError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 1);
  }
}

/**
 * Register a generated app (the registry writes /home/apps/generated/<id>.bp through fs
 * syscalls, so the sandbox and metrics see it, and a running desktop picks it up). An id
 * taken by a shipped or saved app gets -2, -3...: generating "a calculator" must not hide
 * the shipped one. An earlier generated app of the same id is replaced.
 */
export async function saveApp(kernel: Pick<KernelClient, 'syscall'>, bp: Blueprint): Promise<string> {
  const { AppRegistry } = await import('../../runtime/registry/registry.js');
  const registry = new AppRegistry(kernel);
  await registry.seed();
  let id = bp.app.id;
  for (let n = 2; (registry.get(id)?.source ?? 'generated') !== 'generated'; n++) id = `${bp.app.id}-${n}`;
  const entry = await registry.save(id === bp.app.id ? bp : { ...bp, app: { ...bp.app, id } }, { source: 'generated' });
  return entry.file;
}

/** `agentos gen "PROMPT"`: progress on stderr, the Blueprint (or events) on stdout. */
export default async function gen(prompt: string | undefined, opts: Opts): Promise<number> {
  if (!prompt?.trim()) throw new UsageError('describe the app, e.g. agentos gen "a tip calculator with 15, 18 and 20 percent buttons"');
  const choice = resolveChoice(opts);
  const progress = new Progress();
  let kernel: KernelClient | undefined;
  const kernelNow = async () => (kernel ??= await openKernel());
  try {
    const [{ generate }, { kernelDisk }] = await Promise.all([import('../../ai/generate.js'), import('../../ai/cache.js')]);
    // The disk cache lives under /home, through the kernel; templates are faster to rebuild than to read.
    const disk = opts.cache !== false && choice.provider !== 'template' ? kernelDisk((name, args) => kernelNow().then((k) => k.syscall(name, args))) : undefined;
    progress.start(choice.provider === 'template' ? 'building offline (template generator)…' : `asking ${choice.provider} (${choice.model})…`);
    let done: Extract<GenEvent, { type: 'complete' }> | undefined;
    for await (const ev of generate(prompt, { choice, cache: opts.cache === false ? false : undefined, disk })) {
      if (opts.events) process.stdout.write(JSON.stringify(ev) + '\n');
      if (ev.type === 'error') {
        progress.stop();
        throw new ExitError(stripControls(ev.message, false), ev.code === 'config' ? 2 : 1);
      }
      if (ev.type === 'complete') done = ev;
      else progress.event(ev);
    }
    progress.stop();
    if (!done) throw new ExitError('generation ended without an app', 1);
    const bp = done.blueprint;
    const text = JSON.stringify(bp, null, 2) + '\n';
    const summary = `${bp.app.name} (${bp.app.id}): ${bp.ui.components.length} components${done.cached ? ', from the cache' : ''}`;
    if (opts.out) {
      writeAtomic(opts.out, text);
      progress.line(`${summary}; wrote ${opts.out}`);
    } else {
      if (!opts.events) process.stdout.write(text);
      progress.line(summary);
    }
    if (opts.save) {
      const k = await kernelNow();
      const file = await saveApp(k, bp);
      progress.line(`registered ${file.replace(/^.*\/|\.bp$/g, '')} in the app registry (${file})`);
    }
    if (opts.launch) await launch(await kernelNow(), bp, progress);
    return 0;
  } finally {
    progress.stop();
    await kernel?.close();
  }
}

/** --launch opens the app in a running desktop; without one it says so and the command still succeeds. */
async function launch(kernel: KernelClient, bp: Blueprint, progress: Progress) {
  if (!kernel.live) {
    progress.line('--launch: no desktop is running, so the app was not opened (launching from `gen` is not available yet without `agentos shell`)');
    return;
  }
  try {
    const r = await kernel.call<{ pending?: string; id?: string }>('apps.launch', { blueprint: bp });
    progress.line(r?.pending ? `sent ${bp.app.id} to the running desktop: it asks you there before the first start` : `launched ${bp.app.id} in the running desktop`);
  } catch (e) {
    progress.line(`--launch is not available yet: the running desktop could not open it (${stripControls(e instanceof Error ? e.message : String(e), false)})`);
  }
}
