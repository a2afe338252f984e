import type { Component } from '../../../blueprint/types.js';
import type { AppCtx } from '../app-context.js';

/**
 * What every component renderer gets: the component, its props as drawn (state applied), its
 * children as drawn (an app may replace them through its state), its app. Renderers read
 * nothing else, so one whose inputs are unchanged is skipped.
 */
export interface RenderProps {
  c: Component;
  p: Record<string, unknown>;
  kids: readonly Component[];
  app: AppCtx;
}
