import { z } from 'zod';
import type { Component } from '../blueprint/types.js';
import { KernelError } from '../kernel/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import { childrenOf, resolvedProps } from '../runtime/components.js';
import type { AppCatalog } from '../runtime/catalog.js';
import type { AppRegistry } from '../runtime/registry/registry.js';
import type { Runtime } from '../runtime/runtime.js';
import type { AppInstance } from '../runtime/types.js';
import { agentWindows, markAgentWindow, unmarkAgentWindow } from './agent-windows.js';
import { spawnMcpProcess } from './profile.js';
import { drawWindow } from './screen.js';

/** A desktop an MCP server acts on, in the process that owns it (a private one, or `agentos serve`'s). */
export interface Desk {
  kernel: Kernel;
  runtime: Runtime;
  /** Where its apps come from: the registry (which also saves and gives sources), or a plain catalog (a test's web server). */
  registry: AppCatalog & Partial<Pick<AppRegistry, 'save' | 'source'>>;
}

/** Per desktop: the `mcp` process its syscalls run as (the windows it drove are in agent-windows.ts). */
interface AgentState {
  pid?: number;
}
const agents = new WeakMap<Runtime, AgentState>();
const agentOf = (rt: Runtime): AgentState => {
  let a = agents.get(rt);
  if (!a) agents.set(rt, (a = {}));
  return a;
};

export { agentWindows };

function mcpPid(d: Desk): number {
  const a = agentOf(d.runtime);
  if (a.pid === undefined || !d.kernel.procs.get(a.pid)) a.pid = spawnMcpProcess(d.kernel).pid;
  return a.pid;
}

function running(d: Desk, id: string): AppInstance {
  const app = d.runtime.getSnapshot().apps[id];
  if (!app) throw new KernelError('ENOENT', `no running app "${id}"; list_windows shows the running ones`);
  return app;
}

interface ComponentView {
  id: string;
  type: string;
  props: Record<string, unknown>;
  children?: ComponentView[];
}

function componentTree(state: Readonly<Record<string, unknown>>, list: readonly Component[]): ComponentView[] {
  return list.map((c) => {
    const kids = childrenOf(state, c);
    return { id: c.id, type: c.type, props: resolvedProps(state, c), ...(kids.length ? { children: componentTree(state, kids) } : {}) };
  });
}

function windowList(d: Desk) {
  const s = d.runtime.getSnapshot();
  const driven = agentWindows(d.runtime);
  return s.stack.map((id) => {
    const app = s.apps[id];
    const w = s.windows[id];
    return { id, app: app?.appId ?? id, title: app?.title ?? id, focused: s.focused === id, minimized: w?.minimized ?? false, mode: w?.mode, agent: driven.has(id) };
  });
}

const appId = z.string().min(1).max(128).describe('a running app\'s window id, as list_windows shows it (e.g. "calculator")');

interface Op<S extends z.ZodType = z.ZodType> {
  params: S;
  run(d: Desk, p: z.infer<S>): unknown;
}
const op = <S extends z.ZodType>(o: Op<S>): Op => o as unknown as Op;

/**
 * What an MCP server asks of a desktop, as one table: run in-process for a private desktop,
 * and registered as `mcp.<name>` control-socket methods by the process that owns a live one,
 * so both paths run the same code.
 */
export const OPS = {
  apps: op({
    params: z.object({}),
    run: async (d) => (await d.registry.list()).map((e) => ({ id: e.id, name: e.name, description: e.description, source: e.source })),
  }),
  launch: op({
    params: z.object({ id: z.string().min(1).max(128) }),
    async run(d, p) {
      const id = await d.runtime.launchApp(p.id);
      markAgentWindow(d.runtime, id);
      return { id, title: running(d, id).title };
    },
  }),
  close: op({
    params: z.object({ id: appId }),
    async run(d, p) {
      running(d, p.id);
      await d.runtime.close(p.id);
      unmarkAgentWindow(d.runtime, p.id);
      return { closed: p.id };
    },
  }),
  windows: op({ params: z.object({}), run: (d) => windowList(d) }),
  state: op({
    params: z.object({ id: appId }),
    run(d, p) {
      const app = running(d, p.id);
      return { id: app.id, app: app.appId, title: app.title, state: app.state, components: componentTree(app.state, app.blueprint.ui.components), errors: app.errors };
    },
  }),
  event: op({
    params: z.object({ id: appId, component: z.string().min(1), event: z.string().min(1), value: z.unknown().optional() }),
    async run(d, p) {
      running(d, p.id);
      markAgentWindow(d.runtime, p.id);
      const before = running(d, p.id).errors.length;
      await d.runtime.dispatchEvent(p.id, { component: p.component, event: p.event, value: p.value });
      const app = running(d, p.id);
      return { state: app.state, errors: app.errors.slice(before) };
    },
  }),
  screen: op({
    params: z.object({ id: appId, width: z.number().int().min(10).max(200).optional(), height: z.number().int().min(1).max(200).optional() }),
    run: (d, p) => drawWindow(running(d, p.id), { width: p.width, height: p.height, agent: agentWindows(d.runtime).has(p.id) }),
  }),
  save: op({
    params: z.object({ text: z.string().min(1).max(1024 * 1024) }),
    run(d, p) {
      if (!d.registry.save) throw new KernelError('ENOSYS', 'this desktop has no app registry to save into; run `agentos serve` or `agentos mcp`');
      return d.registry.save(p.text, { source: 'generated' });
    },
  }),
  blueprint: op({
    params: z.object({ id: z.string().min(1).max(128) }),
    run: async (d, p) => (d.registry.source ? (await d.registry.source(p.id)).text : JSON.stringify(await d.registry.load(p.id), null, 2)),
  }),
  syscall: op({
    params: z.object({ name: z.string().min(1).max(128), args: z.record(z.string(), z.unknown()).default({}) }),
    run: (d, p) => d.kernel.syscall(mcpPid(d), p.name, p.args),
  }),
  count: op({
    params: z.object({ tool: z.string().max(64), ok: z.boolean() }),
    run(d, p) {
      d.kernel.metrics.count('mcp_tool_calls');
      d.kernel.metrics.count(`mcp_tool_calls_${p.tool}`);
      if (!p.ok) d.kernel.metrics.count('mcp_tool_errors');
      return null;
    },
  }),
} satisfies Record<string, Op>;

export type OpName = keyof typeof OPS;

/** Run one op with its params checked (bad params are EINVAL with the field named). */
export async function runOp(d: Desk, name: OpName, params: unknown): Promise<unknown> {
  const o = OPS[name] as Op;
  const parsed = o.params.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KernelError('EINVAL', `${issue.path.join('.') || 'params'}: ${issue.message}`);
  }
  return o.run(d, parsed.data);
}
