import { z } from 'zod';
import type { AppSummary, ChatHost } from '../../ai/chat/types.js';
import { parseBlueprint } from '../../blueprint/parse.js';
import { readSettings } from '../../config/config.js';
import { places } from '../../config/paths.js';
import { defineMethod } from '../../kernel/attach/protocol.js';
import { startAttachServer, type AttachServer } from '../../kernel/attach/server.js';
import { KernelError } from '../../kernel/errors.js';
import { appRuntimeOptions, createRegistry } from '../../runtime/registry/index.js';
import { registerDesktopMethods } from '../../runtime/registry/methods.js';
import { openDesktopSession } from '../../runtime/sessions/index.js';
import type { AppRegistry } from '../../runtime/registry/registry.js';
import { createRuntime, type Runtime } from '../../runtime/runtime.js';
import type { DesktopController } from '../../tui/desktop/controller.js';
import { COMMANDS } from '../commands.js';
import { ExitError } from '../errors.js';
import { bootKernel } from '../local-kernel.js';

interface Opts {
  session?: string;
  fresh?: boolean;
  /** --web: also serve the browser view of this desktop. */
  web?: boolean;
  port?: string;
}

/**
 * `agentos shell`: the terminal desktop on a kernel of its own, which listens on the
 * control socket while it runs (so `agentos syscall`, `agentos top`, `agentos chat` and
 * agents attach). Ink and React load only here, through the dynamic import of tui/run.
 */
export default async function shell(opts: Opts): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new ExitError('agentos shell needs a terminal: run it in one (input and output not redirected)', 2);
  // The desktop's code loads while the kernel boots (Ink and React after its first frame).
  const view = import('../../tui/run.js');
  view.catch(() => undefined);
  const p = places();
  const settings = readSettings(p.config);
  const kernel = bootKernel();
  let attach: AttachServer;
  try {
    attach = await startAttachServer(kernel, { dir: p.runtime });
  } catch (e) {
    await kernel.shutdown();
    if (e instanceof KernelError && e.code === 'EADDRINUSE') throw new ExitError(`${e.message} (one desktop per data dir: quit the other, or set AGENTOS_HOME)`, 1);
    throw e;
  }
  // The registry: shipped apps (/apps) and the user's (/home/apps), saved and generated. It
  // reads them on first use, once the runtime registered its tools (so each is checked once);
  // the first frame waits for them only when the restored session needs one.
  const { registry } = createRegistry(kernel);
  const runtime = createRuntime({ kernel, ...appRuntimeOptions(registry) });
  // The AI layer loads on the first generate or chat, not before the first frame.
  const loadAi = () => import('../../ai/index.js');
  const choice = async () => (await loadAi()).chooseProvider({}, process.env, settings);
  registerDesktopMethods(attach, { runtime, registry });
  // The last session (or --session NAME) comes back before the first frame; it is saved
  // every session.autosaveSeconds and on quit.
  let saveProblem: string | undefined;
  const session = await openDesktopSession(runtime, { name: opts.session, fresh: opts.fresh, onError: (e) => (saveProblem = (e as Error).message) });
  const { runDesktop } = await view;
  const { generateIntoWindow, chatIntoRuntime } = await import('../../tui/ai-bridge.js');
  // --web: the browser view of this same desktop; the terminal desktop runs the terminals' ptys.
  let web: { close(): Promise<void> } | undefined;
  if (opts.web) {
    try {
      web = await (await import('../../web/launch.js')).startWebView(kernel, { runtime, registry, port: opts.port, spawnTerminals: false });
    } catch (e) {
      await runtime.shutdown().catch(() => undefined);
      await attach.close();
      await kernel.shutdown();
      throw e instanceof KernelError ? new ExitError(e.message, 1) : e;
    }
    attach.publish();
  }
  let ctl: DesktopController | undefined;
  try {
    await runDesktop({
      runtime,
      kernel,
      catalog: registry,
      keymap: { prefix: settings['keymap.prefix'], bindings: settings['keymap.bindings'] },
      theme: settings.theme,
      saveSession: async () => {
        saveProblem = undefined;
        await session.autosave.saveNow(true);
        if (saveProblem) throw new Error(`could not save the session: ${saveProblem}`);
      },
      generate: async (prompt, c) => {
        const ai = await loadAi();
        return generateIntoWindow(c, prompt, ai.generate(prompt, { choice: await choice() }));
      },
      chat: async (message) => {
        const ai = await loadAi();
        const ch = await choice();
        const client = ch.provider === 'template' ? undefined : await ai.providerFor(ch);
        await chatIntoRuntime(runtime, message, ai.chat(message, { host: chatHost(runtime, registry, () => ctl), client, model: ch.model }));
      },
      onReady: (c) => {
        ctl = c;
        registerAppMethods(attach, runtime, () => ctl);
        // `agentos mcp` drives this desktop: the agent's windows open here, marked [agent].
        // Loaded after the first frame, like the rest of what only other processes ask for.
        void import('../../mcp/live-methods.js').then((m) => m.registerMcpMethods(attach, kernel, runtime, registry));
        if (session.warnings.length) c.hint(session.warnings[0]!);
      },
    });
  } finally {
    // Saved before the apps close: closing them would empty the workspace.
    await session.close();
    if (saveProblem) process.stderr.write(`agentos: could not save session ${session.name}: ${saveProblem}\n`);
    for (const w of session.warnings) process.stderr.write(`agentos: ${w}\n`);
    for (const pr of registry.problems) process.stderr.write(`agentos: ${pr.text} (skipped)\n`);
    await web?.close();
    await runtime.shutdown().catch(() => undefined);
    await attach.close();
    await kernel.shutdown();
  }
  // A pty or timer that did not let go must not keep a quit desktop around.
  setTimeout(() => process.exit(process.exitCode ?? 0), 2000).unref();
  return 0;
}

const running = (rt: Runtime): AppSummary[] => Object.values(rt.getSnapshot().apps).map((a) => ({ id: a.id, name: a.title, description: a.blueprint.app.description, source: 'running' }));

/**
 * What one-shot commands ask the live desktop for (`agentos chat`, `agentos gen --launch`):
 * list, launch (by id, or a Blueprint, which gets the first-start permission prompt), close.
 */
function registerAppMethods(attach: AttachServer, rt: Runtime, ctl: () => DesktopController | undefined) {
  attach.registerMethod(defineMethod({ name: 'apps.list', doc: 'The apps running on this desktop.', params: z.unknown(), run: () => running(rt) }));
  attach.registerMethod(
    defineMethod({
      name: 'apps.launch',
      doc: 'Start an app on this desktop by id, or from a Blueprint (asks the user first).',
      params: z.object({ id: z.string().min(1).optional(), blueprint: z.unknown().optional() }),
      async run(_ctx, a) {
        if (a.blueprint !== undefined) {
          const bp = parseBlueprint(JSON.stringify(a.blueprint), '<generated>');
          const c = ctl();
          if (!c) throw new KernelError('EAGAIN', 'the desktop is still starting');
          await c.launchGenerated(bp);
          return { pending: bp.app.id };
        }
        if (!a.id) throw new KernelError('EINVAL', 'give "id" or "blueprint"');
        const id = await rt.launchApp(a.id);
        return { id, app: a.id, pid: rt.getSnapshot().apps[id]?.pid ?? null };
      },
    }),
  );
  attach.registerMethod(
    defineMethod({
      name: 'apps.close',
      doc: 'Close a running app (and its children) on this desktop.',
      params: z.object({ id: z.string().min(1) }),
      async run(_ctx, a) {
        await rt.close(a.id);
        return { closed: a.id };
      },
    }),
  );
}

/** The chat panel's agent acts on this desktop directly. */
function chatHost(rt: Runtime, registry: AppRegistry, ctl: () => DesktopController | undefined): ChatHost {
  return {
    async listApps() {
      const available = (await registry.list()).map((e) => ({ id: e.id, name: e.name, description: e.description, source: e.source }));
      return { running: running(rt), available };
    },
    async openApp(id) {
      return `Opened ${await rt.launchApp(id)}.`;
    },
    async closeApp(id) {
      await rt.close(id);
      return `Closed ${id}.`;
    },
    async generateApp(prompt) {
      const ai = await import('../../ai/index.js');
      const done = await ai.generateBlueprint(prompt, { choice: ai.chooseProvider({}, process.env, readSettings(places().config)) });
      await ctl()?.launchGenerated(done.blueprint);
      return { blueprint: done.blueprint, reason: done.reason };
    },
    commands: COMMANDS.map((c) => ({ name: c.name.split(' ')[0]!, usage: c.name, summary: c.summary, examples: c.examples })),
    syscalls: [],
  };
}

