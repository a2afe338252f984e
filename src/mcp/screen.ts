import type { AppInstance } from '../runtime/types.js';
import { AGENT_MARK } from './agent-windows.js';
import { renderApp } from '../tui/components/index.js';
import { frame, plainLines } from '../tui/render/block.js';
import { themeFor } from '../tui/render/theme.js';

/**
 * A window as plain text, drawn by the terminal desktop's own component renderers (the
 * same table the Ink desktop uses), framed with its title; colours are dropped because an
 * agent reads words, not styles.
 */
export function drawWindow(app: AppInstance, opts: { width?: number; height?: number; agent?: boolean } = {}): string {
  const width = Math.max(10, Math.min(200, opts.width ?? 60));
  const inner = width - 2;
  const body = renderApp(app.blueprint.ui.components, app.blueprint.ui.layout, {
    width: inner,
    viewport: opts.height ?? 40,
    state: app.state,
    theme: themeFor('mono'),
  });
  const title = opts.agent ? `${app.title} ${AGENT_MARK}` : app.title;
  return plainLines(frame(body, { title }))
    .map((l) => l.trimEnd())
    .join('\n');
}
