import type { ToolContext } from '../types.js';

/**
 * Back/forward history kept in an app's state (`history`, `history-at`), shared by the
 * browser and the file explorer.
 */
const entries = (ctx: ToolContext) => (ctx.state.get('history') as string[] | undefined) ?? [];
const position = (ctx: ToolContext, history: string[]) => Number(ctx.state.get('history-at') ?? history.length - 1);

/** Record a visit: what lay ahead of the current position is dropped, as in a browser. */
export function rememberVisit(ctx: ToolContext, entry: string, limit: number, skipRepeat = false) {
  const history = entries(ctx);
  const kept = history.slice(0, position(ctx, history) + 1);
  if (!skipRepeat || kept[kept.length - 1] !== entry) kept.push(entry);
  const trimmed = kept.slice(-limit);
  ctx.state.set('history', trimmed);
  ctx.state.set('history-at', trimmed.length - 1);
}

/** The entry one step back or forward, or undefined (and a status line) at either end. */
export function historyStep(ctx: ToolContext, by: 1 | -1): { at: number; entry: string } | undefined {
  const history = entries(ctx);
  const at = position(ctx, history) + by;
  if (at < 0 || at >= history.length) {
    ctx.state.set('status', by < 0 ? 'Nothing to go back to' : 'Nothing to go forward to');
    return undefined;
  }
  return { at, entry: history[at]! };
}
