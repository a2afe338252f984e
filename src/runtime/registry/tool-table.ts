import type { KnownTool } from '../../blueprint/index.js';

/**
 * Every tool an app may bind, with the service it needs: the runtime's built-ins, the
 * services, math and the prebuilt apps' tools. `apps validate` and `apps import` check
 * against this, so a typo in a tool id is caught before the app is saved. Loaded on
 * demand: the math tools pull in mathjs, which a plain `apps list` does not need.
 */
export async function appToolTable(): Promise<KnownTool[]> {
  const [{ allTools }, { SERVICE_TOOLS }, { MATH_TOOLS }, { PREBUILT_TOOLS }] = await Promise.all([
    import('../tools/index.js'),
    import('../services/index.js'),
    import('../tools/math.js'),
    import('../tools/prebuilt/index.js'),
  ]);
  const byId = new Map<string, KnownTool>();
  for (const t of [...allTools(PREBUILT_TOOLS), ...SERVICE_TOOLS, ...MATH_TOOLS]) if (!byId.has(t.id)) byId.set(t.id, { id: t.id, service: t.service ?? null });
  return [...byId.values()];
}
