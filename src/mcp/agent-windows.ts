import type { Runtime } from '../runtime/runtime.js';

/**
 * Which windows of a desktop an agent (an MCP client) opened or drove, so the views can mark
 * them. Kept per runtime beside the store rather than in it: it is not part of a saved
 * workspace and no app's state. Views subscribe with `watchAgentWindows` and own nothing.
 * This file imports nothing heavy: the terminal desktop and the web server load it.
 */

/** What a view draws beside an agent's window title: plain text, readable without colour. */
export const AGENT_MARK = '[agent]';

interface Marks {
  ids: Set<string>;
  listeners: Set<() => void>;
}

const marks = new WeakMap<Runtime, Marks>();

function marksOf(rt: Runtime): Marks {
  let m = marks.get(rt);
  if (m) return m;
  const made: Marks = { ids: new Set(), listeners: new Set() };
  marks.set(rt, (m = made));
  // A window closed by anyone loses its mark: the same app opened again by hand is the user's.
  rt.subscribe((d) => {
    let gone = false;
    for (const id of made.ids) if (!d.apps[id]) gone = made.ids.delete(id) || gone;
    if (gone) changed(made);
  });
  return m;
}

function changed(m: Marks) {
  for (const l of m.listeners) {
    try {
      l();
    } catch {
      // A failing view must not stop the agent or the other views.
    }
  }
}

/** Windows an MCP client opened or drove on this runtime: views draw `AGENT_MARK` on them. */
export const agentWindows = (rt: Runtime): ReadonlySet<string> => marksOf(rt).ids;

/** An agent opened or drove this window. */
export function markAgentWindow(rt: Runtime, id: string): void {
  const m = marksOf(rt);
  if (m.ids.has(id)) return;
  m.ids.add(id);
  changed(m);
}

export function unmarkAgentWindow(rt: Runtime, id: string): void {
  const m = marksOf(rt);
  if (m.ids.delete(id)) changed(m);
}

/** `fn` runs after the set of marked windows changes; returns the unsubscribe. */
export function watchAgentWindows(rt: Runtime, fn: () => void): () => void {
  const m = marksOf(rt);
  m.listeners.add(fn);
  return () => void m.listeners.delete(fn);
}
