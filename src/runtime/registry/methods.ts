import { z } from 'zod';
import { defineMethod, type AttachMethod } from '../../kernel/attach/protocol.js';
import type { Runtime } from '../runtime.js';
import { restoreSession, saveSession } from '../sessions/sessions.js';
import type { AppRegistry } from './registry.js';

/**
 * Control-socket methods of a live desktop for the registry and sessions, so that one-shot
 * commands (`agentos sessions save|restore`) and other clients act on the running runtime
 * rather than on files behind its back. The process that owns the runtime registers them
 * beside its own `apps.list` / `apps.launch` (which `agentos apps launch ID` calls with {id}):
 *
 *   registerDesktopMethods(attachServer, { runtime, registry });
 */
export function desktopMethods(d: { runtime: Runtime; registry: AppRegistry }): AttachMethod[] {
  const id = z.string().min(1).max(64).describe('an app id');
  const name = z.string().min(1).max(64).describe('a session name');
  return [
    defineMethod({
      name: 'apps.save',
      doc: 'Validate a Blueprint (its text) and save it in the registry as a saved or generated app.',
      params: z.object({ text: z.string().min(1).max(1024 * 1024), source: z.enum(['saved', 'generated']).default('saved'), file: z.string().max(4096).optional() }),
      run: (_ctx, p) => d.registry.save(p.text, { source: p.source, file: p.file }),
    }),
    defineMethod({
      name: 'apps.remove',
      doc: 'Remove a saved or generated app (a shipped app of the same id comes back).',
      params: z.object({ id }),
      run: (_ctx, p) => d.registry.remove(p.id),
    }),
    defineMethod({
      name: 'sessions.save',
      doc: 'Save the live desktop\'s workspace as a session.',
      params: z.object({ name, description: z.string().max(500).optional() }),
      run: (_ctx, p) => saveSession(d.runtime, p.name, { description: p.description }),
    }),
    defineMethod({
      name: 'sessions.restore',
      doc: 'Replace the live desktop\'s workspace with a saved session.',
      params: z.object({ name }),
      run: (_ctx, p) => restoreSession(d.runtime, p.name),
    }),
  ];
}

/** Register the desktop's methods on an attach server (or the process-wide table). */
export function registerDesktopMethods(target: { registerMethod(m: AttachMethod): void }, d: { runtime: Runtime; registry: AppRegistry }): void {
  for (const m of desktopMethods(d)) target.registerMethod(m);
}
