import { MATH_TOOLS } from '../../src/runtime/tools/math.js';
import type { ToolContext } from '../../src/runtime/tools/types.js';

/** Math tools make no syscalls: a context whose syscall fails proves it. */
export const mathContext: ToolContext = {
  appId: 'calc',
  pid: 0,
  syscall: () => Promise.reject(new Error('math tools must not make syscalls')),
  state: { get: () => undefined, set() {}, delete() {}, all: () => ({}) },
  event: {},
};

/** Run a math tool as the runtime would: params through its zod schema, then run. */
export async function math(id: string, params: Record<string, unknown> = {}): Promise<any> {
  const tool = MATH_TOOLS.find((t) => t.id === id);
  if (!tool) throw new Error(`no tool ${id}`);
  return tool.run(mathContext, tool.params.parse(params));
}

/** The message a failing math tool gives. */
export async function mathError(id: string, params: Record<string, unknown> = {}): Promise<string> {
  try {
    await math(id, params);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${id} ${JSON.stringify(params)} was expected to fail`);
}
