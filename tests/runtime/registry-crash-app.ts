import type { Blueprint } from '../../src/blueprint/types.js';

/**
 * The app the registry and import crash tests write over and over: its description holds
 * a counter (which write this is), a text component some ballast, so that a kill often
 * lands in the middle of a write.
 */
const BALLAST = 'x'.repeat(32 * 1024);

export function crashAppText(id: string, counter: number): string {
  return JSON.stringify(
    {
      app: { id, name: `Crash ${id}`, description: `write ${counter}` },
      ui: { title: id, components: [{ type: 'text', id: 'ballast', props: { content: BALLAST } }] },
    },
    null,
    2,
  );
}

/** Which write an app's Blueprint came from. */
export function counterOf(bp: Blueprint): number {
  const m = /^write (\d+)$/.exec(bp.app.description ?? '');
  if (!m) throw new Error(`${bp.app.id} is not a crash-test app: ${bp.app.description}`);
  return Number(m[1]);
}
