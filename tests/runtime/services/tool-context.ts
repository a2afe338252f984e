import type { Kernel } from '../../../src/kernel/kernel.js';
import { grantsFor, type ProfileName } from '../../../src/kernel/sandbox/profiles.js';
import type { ToolContext, ToolDef } from '../../../src/runtime/tools/types.js';

/** A ToolContext for an app process of a real kernel: every syscall is made with its pid. */
export function appContext(kernel: Kernel, appId = 'test-app', profile: ProfileName = 'STANDARD'): ToolContext {
  const proc = kernel.spawnProcess({ name: 'app', kind: 'app', grants: grantsFor(profile), profile, ppid: kernel.initPid });
  const state = new Map<string, unknown>();
  return {
    appId,
    pid: proc.pid,
    syscall: <R>(name: string, args: Record<string, unknown> = {}) => kernel.syscall<R>(proc.pid, name, args),
    state: {
      get: (k) => state.get(k),
      set: (k, v) => void state.set(k, v),
      delete: (k) => void state.delete(k),
      all: () => Object.fromEntries(state),
    },
    event: {},
  };
}

/** Run a tool the way the runtime does: validate the params with its schema, then run it. */
export async function runTool<R = any>(tools: ToolDef[], ctx: ToolContext, id: string, params: Record<string, unknown> = {}): Promise<R> {
  const tool = tools.find((t) => t.id === id);
  if (!tool) throw new Error(`no tool ${id}`);
  return (await tool.run(ctx, tool.params.parse(params))) as R;
}

/** The error a promise rejects with (any kind), asserting that it rejects. */
export async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
