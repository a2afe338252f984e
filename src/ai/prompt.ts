import type { z } from 'zod';
import { COMPONENT_TYPES } from '../blueprint/types.js';
import type { ToolDef } from '../runtime/tools/types.js';
import { templateApp } from './templates/index.js';

/**
 * What the model is told. The format, the tools with their arguments, the rules that keep
 * generated apps small and safe, and one real example (built by the template generator, so
 * it is always valid for the current format).
 */
/** Families an app is built from; math.* (dozens) and the desktop's own (hub.*) are left out. */
const SHOWN = /^(ui|list|form|tabs|modal|system|app\.(save_state|load_state)|http|storage)\b/;

/** One line per tool, from the runtime's own table: id, argument names, what it does. */
function toolLines(tools: readonly ToolDef[]): string[] {
  return tools
    .filter((t) => SHOWN.test(t.id) && !t.doc.startsWith('Same as'))
    .map((t) => `- ${t.id}(${Object.keys((t.params as z.ZodObject).shape).join(', ')}): ${t.doc}${t.service ? ` [needs the "${t.service}" service]` : ''}`);
}

export function systemInstruction(tools: readonly ToolDef[]): string {
  return (cached ??= [
    'You design small, useful apps for AgentOS as Blueprint JSON. Answer with ONE JSON object and nothing else: no prose, no code fences.',
    '',
    'Format: {"app": {id, name, description, icon, category, permissions}, "services": [...], "ui": {title, layout, components, lifecycle, keys}}.',
    '- app.id: lowercase words joined by "-". category: system | productivity | utilities | creative. icon: one emoji.',
    '- permissions: ["MINIMAL"], plus "NETWORK_ACCESS" only if the app fetches URLs. services: [] unless a tool below needs one (then {"name": "storage", "tools": ["get", "set"]}: only the tools it calls).',
    `- A component is {type, id, props, on_event?, children?}. Types: ${COMPONENT_TYPES.join(', ')}.`,
    '- Every id is unique; a component\'s value lives in state under its id. Containers (container, grid, card, tabs, list) hold children.',
    '- props: only the props of that component type (see the schema). on_event maps an event (click, change, submit, select) to a list of tool bindings {"tool": "ui.set", "args": {...}}. ui.keys maps key names (Enter, Escape, Space, "7", "+", C-s) to bindings the same way. ui.lifecycle.on_mount runs bindings at start.',
    '- Argument strings read state as {{state.KEY}} (a component\'s value, by its id) and the event as {{event.value}}. ui.set with "expression" evaluates mathjs over `state` and `event`, e.g. {"tool": "ui.set", "args": {"key": "total", "expression": "round(state.price * state.qty, 2)"}}; use state["my-key"] for ids with "-".',
    '- A list\'s items live in state under its id; list.add {list_id, item}. Lists send "select" with the item\'s index as event.value.',
    '- To keep data between runs: app.load_state in on_mount, app.save_state after changes.',
    '',
    'Tools (id(arguments): meaning):',
    ...toolLines(tools),
    '',
    'Make the app complete and working: every button does what its label says, with labels, sensible defaults and keyboard keys. Use only the tools above.',
    '',
    'Example for "a counter":',
    JSON.stringify(templateApp('a counter').blueprint),
  ].join('\n'));
}
let cached: string | undefined;

export function userMessage(prompt: string): string {
  return `Build this app: ${prompt}`;
}

/** The repair round: the model's own answer comes back with what was wrong with it. */
export function repairMessage(errors: string[]): string {
  return [
    'That answer is not a valid Blueprint:',
    ...errors.map((e) => `- ${e}`),
    'Reply with the complete corrected JSON object only.',
  ].join('\n');
}
