import type { ToolDef } from '../runtime/tools/types.js';

/**
 * The runtime's tools (built-ins, services, math), for checking what a model wrote and for
 * telling the model what it may call. Loaded on demand: the tool modules bring mathjs,
 * which the offline generator never needs.
 */
let loaded: Promise<ToolDef[]> | undefined;

export function loadToolTable(): Promise<ToolDef[]> {
  return (loaded ??= (async () => {
    const { allTools } = await import('../runtime/tools/index.js');
    const byId = new Map<string, ToolDef>();
    // A shared id goes to the first (built-ins before services), as in the runtime.
    for (const t of allTools()) if (!byId.has(t.id)) byId.set(t.id, t);
    return [...byId.values()];
  })());
}
