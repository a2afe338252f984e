import { z } from 'zod';
import { historyStep, rememberVisit } from './history.js';
import { KernelError } from '../../../kernel/errors.js';
import { basename, dirname, joinPath, normalizePath } from '../../../kernel/vfs/path.js';
import { defineTool, type ToolContext, type ToolDef } from '../types.js';
import { callService, col, humanBytes, isUserFacing, itemsIn, pickItem, pickParams, problem, selectItem, textIn, type Item } from './common.js';

/**
 * The file explorer, through the filesystem service with the app's pid (so the app's path
 * grants decide what it may see and change).
 *
 * State: `folder` (the folder shown), `path` (the address field: the folder shown, or what is typed), `entries` (list items {label, value:
 * name, name, type, size, modified}), `history` + `history-at` (back / forward), `selected`
 * (a name), `preview` (an opened file's text), `new-name` (rename), `status`.
 */
interface Entry {
  name: string;
  type: string;
  size: number;
  modified?: string;
}

interface EntryItem extends Item {
  value: string;
  name: string;
  type: string;
  size: number;
  modified: string;
}

const HOME = '/home';
const PREVIEW_BYTES = 64 * 1024;
const MAX_HISTORY = 50;

const when = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

function itemOf(e: Entry): EntryItem {
  const dir = e.type === 'dir';
  const name = dir ? `${e.name}/` : e.name;
  const size = dir ? '' : humanBytes(e.size);
  return { label: `${col(name, 32)} ${col(size, 9, true)}  ${when(e.modified)}`, value: e.name, name: e.name, type: e.type, size: e.size, modified: e.modified ?? '' };
}

/** The folder shown (what relative paths, rename and delete are relative to). */
const shown = (ctx: ToolContext) => textIn(ctx, 'folder') || HOME;

/** A typed path made absolute against the folder shown (`..`, `.` and `~` understood). */
function absolute(ctx: ToolContext, raw: string): string {
  const typed = raw.trim();
  if (!typed) return shown(ctx);
  if (typed === '~' || typed.startsWith('~/')) return normalizePath(HOME + typed.slice(1));
  return normalizePath(typed, shown(ctx));
}

/** List a folder into state. History moves only when `remember` (back/forward do not). */
async function show(ctx: ToolContext, folder: string, remember: boolean): Promise<boolean> {
  let entries: Entry[];
  try {
    entries = await callService<Entry[]>(ctx, 'filesystem.list', { path: folder });
  } catch (e) {
    if (!isUserFacing(e)) throw e;
    ctx.state.set('status', problem(e));
    return false;
  }
  ctx.state.set('folder', folder);
  ctx.state.set('path', folder);
  ctx.state.set('entries', entries.map(itemOf));
  ctx.state.set('selected', '');
  ctx.state.set('preview', '');
  const files = entries.filter((e) => e.type !== 'dir').length;
  ctx.state.set('status', `${folder}: ${entries.length - files} folders, ${files} files`);
  if (remember) rememberVisit(ctx, folder, MAX_HISTORY, true);
  return true;
}

/** Open a path: a folder is shown, a file's text goes to the preview. */
async function open(ctx: ToolContext, target: string): Promise<boolean> {
  let st: { type: string; size: number };
  try {
    st = await callService(ctx, 'filesystem.stat', { path: target });
  } catch (e) {
    if (!isUserFacing(e)) throw e;
    ctx.state.set('status', problem(e));
    return false;
  }
  if (st.type === 'dir') return show(ctx, target, true);
  try {
    const text = await ctx.syscall<string>('fs.read', { path: target, length: PREVIEW_BYTES });
    // NUL bytes mean binary: show what it is rather than garbage.
    const binary = text.includes('\u0000');
    ctx.state.set('preview', binary ? `(binary file, ${humanBytes(st.size)})` : text);
    ctx.state.set('selected', basename(target));
    ctx.state.set('status', `${target}: ${humanBytes(st.size)}${st.size > PREVIEW_BYTES && !binary ? ` (first ${humanBytes(PREVIEW_BYTES)} shown)` : ''}`);
    return true;
  } catch (e) {
    if (!isUserFacing(e)) throw e;
    ctx.state.set('status', problem(e));
    return false;
  }
}

function selected(ctx: ToolContext, p: { index?: number; value?: string | number }): EntryItem | undefined {
  return pickItem(ctx, itemsIn<EntryItem>(ctx, 'entries'), p);
}

async function step(ctx: ToolContext, by: 1 | -1): Promise<boolean> {
  const target = historyStep(ctx, by);
  if (!target || !(await show(ctx, target.entry, false))) return false;
  ctx.state.set('history-at', target.at);
  return true;
}

const pathParam = z.string().max(4096).optional().describe('a folder or file (absolute, or relative to the folder shown)');

export const EXPLORER_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'explorer.open',
    doc: 'Show a folder or preview a file: `path`, else the path field (default /home).',
    service: 'filesystem',
    params: () => z.object({ path: pathParam }),
    run: (ctx, p) => open(ctx, absolute(ctx, p.path ?? textIn(ctx, 'path'))),
  }),
  defineTool({
    id: 'explorer.open_selected',
    doc: 'Open the picked (or selected) entry: a folder is entered, a file previewed.',
    service: 'filesystem',
    params: () => z.object(pickParams),
    async run(ctx, p) {
      const item = selected(ctx, p);
      if (!item) {
        ctx.state.set('status', 'Select a file or folder first');
        return false;
      }
      return open(ctx, joinPath(shown(ctx), item.name));
    },
  }),
  defineTool({
    id: 'explorer.select',
    doc: 'Select an entry (by index or name; default: the picked item) and put its name in new-name.',
    service: 'filesystem',
    params: () => z.object(pickParams),
    run(ctx, p) {
      const item = selectItem(ctx, itemsIn<EntryItem>(ctx, 'entries'), p);
      ctx.state.set('new-name', item?.name ?? '');
      if (item) ctx.state.set('status', `${item.name}: ${item.type === 'dir' ? 'folder' : humanBytes(item.size)}, modified ${when(item.modified)}`);
      return item?.name ?? null;
    },
  }),
  defineTool({
    id: 'explorer.up',
    doc: 'Show the parent folder.',
    service: 'filesystem',
    params: () => z.object({}),
    run: (ctx) => show(ctx, dirname(shown(ctx)), true),
  }),
  defineTool({
    id: 'explorer.back',
    doc: 'Show the previous folder in the history.',
    service: 'filesystem',
    params: () => z.object({}),
    run: (ctx) => step(ctx, -1),
  }),
  defineTool({
    id: 'explorer.forward',
    doc: 'Show the next folder in the history.',
    service: 'filesystem',
    params: () => z.object({}),
    run: (ctx) => step(ctx, 1),
  }),
  defineTool({
    id: 'explorer.refresh',
    doc: 'List the folder shown again.',
    service: 'filesystem',
    params: () => z.object({}),
    run: (ctx) => show(ctx, shown(ctx), false),
  }),
  defineTool({
    id: 'explorer.rename',
    doc: 'Rename the selected entry to `to` (default: the new-name field).',
    service: 'filesystem',
    params: () => z.object({ ...pickParams, to: z.string().max(255).optional().describe('the new name') }),
    async run(ctx, p) {
      const item = selected(ctx, p);
      const to = (p.to ?? textIn(ctx, 'new-name')).trim();
      if (!item) throw new KernelError('EINVAL', 'select the entry to rename first');
      if (!to || to.includes('/') || to === '.' || to === '..') {
        ctx.state.set('status', 'A new name is one file name, without "/"');
        return false;
      }
      if (to === item.name) return false;
      const folder = shown(ctx);
      try {
        if (await callService<boolean>(ctx, 'filesystem.exists', { path: joinPath(folder, to) })) {
          ctx.state.set('status', `${to} already exists here`);
          return false;
        }
        await callService(ctx, 'filesystem.move', { from: joinPath(folder, item.name), to: joinPath(folder, to) });
      } catch (e) {
        if (!isUserFacing(e)) throw e;
        ctx.state.set('status', problem(e));
        return false;
      }
      await show(ctx, folder, false);
      ctx.state.set('selected', to);
      ctx.state.set('status', `Renamed ${item.name} to ${to}`);
      return true;
    },
  }),
  defineTool({
    id: 'explorer.delete',
    doc: 'Delete the selected file (or folder, with what it holds).',
    service: 'filesystem',
    params: () => z.object(pickParams),
    async run(ctx, p) {
      const item = selected(ctx, p);
      if (!item) {
        ctx.state.set('status', 'Select the entry to delete first');
        return false;
      }
      const folder = shown(ctx);
      try {
        await callService(ctx, 'filesystem.delete', { path: joinPath(folder, item.name), recursive: true });
      } catch (e) {
        if (!isUserFacing(e)) throw e;
        ctx.state.set('status', problem(e));
        return false;
      }
      await show(ctx, folder, false);
      ctx.state.set('status', `Deleted ${item.name}`);
      return true;
    },
  }),
  defineTool({
    id: 'explorer.mkdir',
    doc: 'Create a folder named `name` (default: the new-name field) in the folder shown.',
    service: 'filesystem',
    params: () => z.object({ name: z.string().max(255).optional().describe('the folder name') }),
    async run(ctx, p) {
      const name = (p.name ?? textIn(ctx, 'new-name')).trim();
      if (!name || name.includes('/') || name === '.' || name === '..') {
        ctx.state.set('status', 'Type a folder name (without "/") in the name field');
        return false;
      }
      const folder = shown(ctx);
      try {
        await callService(ctx, 'filesystem.mkdir', { path: joinPath(folder, name), recursive: false });
      } catch (e) {
        if (!isUserFacing(e)) throw e;
        ctx.state.set('status', problem(e));
        return false;
      }
      await show(ctx, folder, false);
      ctx.state.set('status', `Created ${name}/`);
      return true;
    },
  }),
];
