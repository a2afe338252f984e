import { z } from 'zod';
import { historyStep, rememberVisit } from './history.js';
import { defineTool, type ToolContext, type ToolDef } from '../types.js';
import { stripControls } from '../../../util/sanitize.js';
import { htmlToText } from './html-text.js';
import { humanBytes, isUserFacing, itemsIn, pickItem, pickParams, problem, textIn, type Item } from './common.js';

/**
 * The browser: pages fetched with `net.http` as the app's process (its NETWORK_ACCESS
 * grants decide which hosts it may reach), shown as readable text with numbered links.
 *
 * State: `url` (the address field), `page` (the text), `title`, `status`, `links` (list
 * items {label, value: href}), `history` + `history-at` (back / forward).
 */
interface Reply {
  status: number;
  status_text?: string;
  url?: string;
  headers: Record<string, string | string[]>;
  body: string;
  truncated?: boolean;
}

const MAX_PAGE_BYTES = 2 * 1024 * 1024;
const MAX_HISTORY = 50;

/** What a user types in an address bar, as a URL: `example.com` means https://example.com/. */
export function addressToUrl(typed: string): string | undefined {
  const t = typed.trim();
  if (!t) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(t) ? t : `https://${t}`;
  try {
    const u = new URL(withScheme);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const header = (h: Reply['headers'], name: string) => {
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
};

/** A response body as text to read: HTML made readable, JSON indented, text as is. */
function readable(r: Reply, url: string) {
  const type = header(r.headers, 'content-type').toLowerCase();
  if (type.includes('html') || (!type && /^\s*<(!doctype|html)/i.test(r.body))) return htmlToText(r.body, url);
  if (type.includes('json')) {
    try {
      return { title: '', text: JSON.stringify(JSON.parse(r.body), null, 2), links: [] };
    } catch {
      // Not JSON after all: show it as text.
    }
  }
  if (type && !type.startsWith('text/') && !type.includes('json') && !type.includes('xml') && !type.includes('javascript')) {
    return { title: '', text: `(${type}, ${r.body.length} bytes: not text)`, links: [] };
  }
  return { title: '', text: stripControls(r.body), links: [] };
}

async function visit(ctx: ToolContext, typed: string, remember: boolean): Promise<boolean> {
  const url = addressToUrl(typed);
  if (!url) {
    ctx.state.set('status', typed.trim() ? `"${typed.trim()}" is not a web address (http or https)` : 'Type an address first');
    return false;
  }
  let r: Reply;
  try {
    r = await ctx.syscall<Reply>('net.http', {
      url,
      method: 'GET',
      headers: { accept: 'text/html, text/plain;q=0.9, application/json;q=0.8, */*;q=0.5', 'user-agent': 'AgentOS-Browser/0.1 (text)' },
      timeout_ms: 20_000,
      max_bytes: MAX_PAGE_BYTES,
    });
  } catch (e) {
    if (!isUserFacing(e)) throw e;
    ctx.state.set('url', url);
    ctx.state.set('status', `Could not load ${url}: ${problem(e)}`);
    return false;
  }
  const final = r.url ?? url;
  const page = readable(r, final);
  ctx.state.set('url', final);
  ctx.state.set('title', page.title || final);
  ctx.state.set('page', page.text || '(this page has no text)');
  ctx.state.set('links', page.links.map((l, i): Item => ({ label: `[${i + 1}] ${l.text.slice(0, 80)}  ${l.href}`, value: l.href })));
  const size = `${humanBytes(Buffer.byteLength(r.body))}${r.truncated ? ', cut short' : ''}`;
  ctx.state.set('status', `${r.status} ${r.status_text ?? ''}`.trim() + ` · ${size} · ${page.links.length} links`);
  if (remember) rememberVisit(ctx, final, MAX_HISTORY);
  return r.status < 400;
}

async function step(ctx: ToolContext, by: 1 | -1): Promise<boolean> {
  const target = historyStep(ctx, by);
  if (!target) return false;
  ctx.state.set('history-at', target.at);
  return visit(ctx, target.entry, false);
}

export const BROWSER_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'browser.open',
    doc: 'Load a web page (`url`, else the address field) and show it as text with numbered links.',
    params: () => z.object({ url: z.string().max(8192).optional().describe('the address (default: the url field)') }),
    run: (ctx, p) => visit(ctx, p.url ?? textIn(ctx, 'url'), true),
  }),
  defineTool({
    id: 'browser.follow',
    doc: 'Open a link of the page (by its number from 1, index, or href; default: the picked link).',
    params: () => z.object({ ...pickParams, number: z.number().int().min(1).optional().describe('the link\'s number as shown, [1], [2]...') }),
    async run(ctx, p) {
      const links = itemsIn(ctx, 'links');
      const item = p.number !== undefined ? links[p.number - 1] : pickItem(ctx, links, p);
      if (!item) {
        ctx.state.set('status', 'No such link on this page');
        return false;
      }
      return visit(ctx, String(item.value), true);
    },
  }),
  defineTool({
    id: 'browser.back',
    doc: 'Go back to the previous page.',
    params: () => z.object({}),
    run: (ctx) => step(ctx, -1),
  }),
  defineTool({
    id: 'browser.forward',
    doc: 'Go forward again after going back.',
    params: () => z.object({}),
    run: (ctx) => step(ctx, 1),
  }),
  defineTool({
    id: 'browser.reload',
    doc: 'Load the current page again.',
    params: () => z.object({}),
    async run(ctx) {
      const history = (ctx.state.get('history') as string[] | undefined) ?? [];
      const at = Number(ctx.state.get('history-at') ?? history.length - 1);
      return visit(ctx, history[at] ?? textIn(ctx, 'url'), false);
    },
  }),
];
