import type { KnownTool } from '../../blueprint/index.js';

/**
 * Every tool an app may bind, with the service it needs: the runtime's whole table
 * (built-ins, services, math, the prebuilt apps' tools). `apps validate` and `apps import`
 * check against it, so a typo in a tool id is caught before an app is saved. Loaded on
 * demand: the math tools pull in mathjs, which a plain `apps list` does not need.
 */
export async function appToolTable(): Promise<KnownTool[]> {
  const { allTools } = await import('../tools/index.js');
  const byId = new Map<string, KnownTool>();
  for (const t of allTools()) if (!byId.has(t.id)) byId.set(t.id, { id: t.id, service: t.service ?? null });
  return [...byId.values()];
}
