import { AGENT_MARK } from '../../mcp/agent-windows.js';
import type { Block } from '../render/block.js';
import { paint } from '../render/style.js';
import type { Theme } from '../render/theme.js';
import { fit, textWidth } from '../render/width.js';

/** The title bar's buttons, from the right edge: what each does and its column from the right. */
export const TITLE_BUTTONS = [
  { action: 'minimize', glyph: '−', fromRight: 7 },
  { action: 'maximize', glyph: '□', fromRight: 5 },
  { action: 'close', glyph: '✕', fromRight: 3 },
] as const;
export type TitleButton = (typeof TITLE_BUTTONS)[number]['action'];

/** Which title-bar button is at column x of a window w cells wide. */
export function titleButtonAt(x: number, w: number): TitleButton | null {
  for (const b of TITLE_BUTTONS) if (x === w - b.fromRight || x === w - b.fromRight + 1) return b.action;
  return null;
}

export interface FrameOptions {
  width: number;
  height: number;
  title: string;
  focused: boolean;
  theme: Theme;
  /** Drawn at the bottom of the content in the error color (the app's last error). */
  status?: string;
  /** A fullscreen window has no frame. */
  bare?: boolean;
  /** An agent (an MCP client) opened or drove it: `[agent]` after the title, kept when the title is cut. */
  agent?: boolean;
}

/**
 * A window: title bar (title, − □ ✕) on the top edge, a border around the content, the
 * focused one highlighted. Content lines must be `width-2` cells wide.
 */
export function windowFrame(content: string[], o: FrameOptions): string[] {
  const inner = Math.max(1, o.width - 2);
  const rows = Math.max(0, o.height - 2);
  const body = content.slice(0, rows);
  while (body.length < rows) body.push(' '.repeat(inner));
  if (o.status && rows > 0) body[rows - 1] = paint(fit(` ⚠ ${o.status}`, inner), o.theme.error);
  if (o.bare) return body;
  const edge = o.focused ? o.theme.borderFocus : o.theme.border;
  const bar = o.focused ? o.theme.titleActive : o.theme.titleInactive;
  const buttons = ' − □ ✕ ';
  const room = Math.max(0, o.width - 2 - buttons.length - 1);
  // The mark only where at least a few letters of the title still show beside it.
  const mark = o.agent && room >= AGENT_MARK.length + 4 ? `${AGENT_MARK} ` : '';
  const titleRoom = room - mark.length;
  const title = fit(` ${o.title} `, Math.min(titleRoom, textWidth(o.title) + 2)) + mark;
  const fill = Math.max(0, o.width - 2 - textWidth(title) - buttons.length);
  const top = paint('╭', edge) + paint(title + ' '.repeat(fill) + buttons, bar) + paint('╮', edge);
  const side = paint('│', edge);
  const bottom = paint('╰' + '─'.repeat(inner) + '╯', edge);
  return [top, ...body.map((l) => side + l + side), bottom];
}

/** Block helpers for overlays: a centred box of lines. */
export function centered(b: Block, width: number, height: number): { x: number; y: number } {
  return { x: Math.max(0, (width - b.width) >> 1), y: Math.max(0, (height - b.lines.length) >> 1) };
}
