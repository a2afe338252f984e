import type { Component } from '../../../blueprint/types.js';
import type { AppCtx } from '../app-context.js';

/** What every component renderer gets: the component, its props as drawn (state applied), its app. */
export interface RenderProps {
  c: Component;
  p: Record<string, unknown>;
  app: AppCtx;
}
