import { z } from 'zod';
import type { Blueprint } from '../blueprint/types.js';
import { SYSCALLS } from '../kernel/syscalls/index.js';
import type { McpTarget } from './target.js';

/** One MCP tool: like a syscall entry, the table is the truth (schemas come from the zod args). */
export interface McpTool<S extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  args: S;
  run(t: McpTarget, args: z.infer<S>): Promise<unknown>;
}
const tool = <S extends z.ZodObject>(t: McpTool<S>): McpTool => t as unknown as McpTool;

const windowId = z.string().min(1).max(128).describe('a running app\'s window id, from launch_app or list_windows (e.g. "calculator")');
const SYSCALL_NAMES = SYSCALLS.map((s) => s.name) as [string, ...string[]];

/** Events a component answers, as headless runs (`agentos run --headless --events`) send them. */
const EVENTS = ['click', 'change', 'submit', 'select', 'toggle', 'focus', 'blur', 'input'];

export const TOOLS: McpTool[] = [
  tool({
    name: 'list_apps',
    description: 'Every app AgentOS can launch: shipped, saved and generated (id, name, description, source).',
    args: z.object({}),
    run: (t) => t.call('apps'),
  }),
  tool({
    name: 'launch_app',
    description: 'Open an app by id (from list_apps); returns its window id. On a live desktop the user sees it open.',
    args: z.object({ id: z.string().min(1).max(128).describe('the app id, e.g. "calculator"') }),
    run: (t, a) => t.call('launch', a),
  }),
  tool({
    name: 'close_app',
    description: 'Close a running app\'s window (its child windows close too).',
    args: z.object({ id: windowId }),
    run: (t, a) => t.call('close', a),
  }),
  tool({
    name: 'list_windows',
    description: 'The open windows, bottom to top: id, app, title, focused, minimized, and agent (opened or driven over MCP).',
    args: z.object({}),
    run: (t) => t.call('windows'),
  }),
  tool({
    name: 'app_state',
    description: 'A running app\'s state (component id -> value) and its components with their current props, plus recent errors.',
    args: z.object({ id: windowId }),
    run: (t, a) => t.call('state', a),
  }),
  tool({
    name: 'send_event',
    description: `Send an event to a component of a running app, as a person would (${EVENTS.join(', ')}...); returns the app state after it and any errors it caused.`,
    args: z.object({
      id: windowId,
      component: z.string().min(1).max(128).describe('the component id, from app_state (e.g. "btn-7")'),
      event: z.string().min(1).max(64).describe(`the event: ${EVENTS.join(', ')}...`),
      value: z.unknown().optional().describe('the new value for change/input events on value-holding components'),
    }),
    run: (t, a) => t.call('event', a),
  }),
  tool({
    name: 'read_screen',
    description: 'A window drawn as text, as the terminal desktop draws it.',
    args: z.object({
      id: windowId,
      width: z.number().int().min(10).max(200).optional().describe('columns (default 60)'),
      height: z.number().int().min(1).max(200).optional().describe('rows of the viewport for scrolling components (default 40)'),
    }),
    run: (t, a) => t.call('screen', a),
  }),
  tool({
    name: 'generate_app',
    description: 'Generate an app from a sentence (a Blueprint, with the configured AI provider or the offline templates), save it in the registry, and launch it unless launch is false.',
    args: z.object({
      prompt: z.string().min(1).max(4000).describe('what the app should do, e.g. "a tip calculator"'),
      launch: z.boolean().default(true).describe('open it after saving (default true)'),
    }),
    run: generateApp,
  }),
  tool({
    name: 'syscall',
    description: 'Make one kernel syscall as the `mcp` process, whose grants come from `agentos config get mcp.profile` (STANDARD by default, never more than the user\'s). docs/SYSCALLS.md (resource agentos://docs/SYSCALLS.md) lists them.',
    args: z.object({
      name: z.enum(SYSCALL_NAMES).describe('the syscall, e.g. "fs.read"'),
      args: z.record(z.string(), z.unknown()).default({}).describe('its arguments by name, e.g. {"path": "/home/a.txt"}'),
    }),
    run: (t, a) => t.call('syscall', a),
  }),
];

export const toolByName = new Map(TOOLS.map((t) => [t.name, t]));

async function generateApp(t: McpTarget, a: { prompt: string; launch: boolean }) {
  const [{ generateBlueprint }, { chooseProvider }, { readSettings }, { places }] = await Promise.all([
    import('../ai/generate.js'),
    import('../ai/settings.js'),
    import('../config/config.js'),
    import('../config/paths.js'),
  ]);
  const done = await generateBlueprint(a.prompt, { choice: chooseProvider({}, process.env, readSettings(places().config)) });
  const bp = await freeId(t, done.blueprint);
  const entry = await t.call<{ id: string }>('save', { text: JSON.stringify(bp, null, 2) });
  const launched = a.launch ? await t.call<{ id: string }>('launch', { id: entry.id }) : undefined;
  return { app: entry, window: launched?.id ?? null, reason: done.reason };
}

/** A generated app never hides a shipped or saved one: it takes the next free `<id>-N`. */
async function freeId(t: McpTarget, bp: Blueprint): Promise<Blueprint> {
  const taken = new Map((await t.call<{ id: string; source: string }[]>('apps')).map((e) => [e.id, e.source]));
  let id = bp.app.id;
  for (let n = 2; (taken.get(id) ?? 'generated') !== 'generated'; n++) id = `${bp.app.id}-${n}`;
  return id === bp.app.id ? bp : { ...bp, app: { ...bp.app, id } };
}
