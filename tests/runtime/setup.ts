import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBlueprint } from '../../src/blueprint/parse.js';
import type { Blueprint, Component, ToolBinding } from '../../src/blueprint/types.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime/index.js';
import { onCleanup, testKernel } from '../helpers/kernel.js';

/** A runtime on a fresh test kernel, shut down after the test. */
export function testRuntime(opts: Partial<RuntimeOptions> = {}): Runtime {
  const kernel = opts.kernel ?? testKernel();
  const rt = createRuntime({ ...opts, kernel });
  onCleanup(() => rt.shutdown());
  return rt;
}

/** A canonical Blueprint built by hand (what the parser produces). */
export function blueprint(components: Component[], more: { id?: string; services?: Blueprint['services']; permissions?: string[]; lifecycle?: Blueprint['ui']['lifecycle']; keys?: Blueprint['ui']['keys'] } = {}): Blueprint {
  const id = more.id ?? 'test-app';
  return {
    app: { id, name: id, ...(more.permissions ? { permissions: more.permissions } : {}) },
    services: more.services ?? [],
    ui: { title: id, layout: 'vertical', components, lifecycle: more.lifecycle ?? {}, ...(more.keys ? { keys: more.keys } : {}) },
  };
}

export const on = (tool: string, args?: Record<string, unknown>): ToolBinding[] => [args ? { tool, args } : { tool }];

export const button = (id: string, text: string, click: ToolBinding[]): Component => ({ type: 'button', id, props: { text }, on_event: { click } });
export const input = (id: string, value = '', more: Partial<Component> = {}): Component => ({ type: 'input', id, props: { value }, ...more });

export const FIXTURES = path.resolve('tests/runtime/fixtures');
export const fixture = (name: string) => {
  const file = path.join(FIXTURES, name);
  return parseBlueprint(readFileSync(file, 'utf8'), file);
};
