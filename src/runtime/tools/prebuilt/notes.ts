import { z } from 'zod';
import { defineTool, type ToolContext, type ToolDef } from '../types.js';
import { callService, itemsIn, pickItem, pickParams, textIn, type Item } from './common.js';

/**
 * The notes app: each note is one storage key (`note:<id>` -> {id, title, body, updated}),
 * so notes survive restarts and one damaged note never takes the others with it.
 *
 * State: `notes` (the list: items {label, value: id}), `note-title` and `note-body` (the
 * editor), `current` (the open note's id, "" for a new one), `status`.
 */
const PREFIX = 'note:';

interface Note {
  id: string;
  title: string;
  body: string;
  updated: string;
}

const isNote = (v: unknown): v is Note => !!v && typeof v === 'object' && typeof (v as Note).id === 'string';

async function readNotes(ctx: ToolContext): Promise<Note[]> {
  const keys = await callService<string[]>(ctx, 'storage.list', { prefix: PREFIX });
  const notes: Note[] = [];
  for (const key of keys) {
    const v = await callService<unknown>(ctx, 'storage.get', { key });
    if (isNote(v)) notes.push({ id: v.id, title: String(v.title ?? ''), body: String(v.body ?? ''), updated: String(v.updated ?? '') });
  }
  // Most recently changed first, as a notes sidebar shows them.
  return notes.sort((a, b) => b.updated.localeCompare(a.updated) || a.title.localeCompare(b.title));
}

const itemOf = (n: Note): Item => ({ label: n.title || 'Untitled', value: n.id, updated: n.updated });

async function refresh(ctx: ToolContext): Promise<Note[]> {
  const notes = await readNotes(ctx);
  ctx.state.set('notes', notes.map(itemOf));
  ctx.state.set('notes-count', notes.length === 1 ? '1 note' : `${notes.length} notes`);
  return notes;
}

/** A new id that sorts by creation time and never collides with an existing note. */
function newId(existing: readonly Item[]): string {
  const taken = new Set(existing.map((i) => String(i.value)));
  const base = Date.now().toString(36);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function openInEditor(ctx: ToolContext, n: Note | null) {
  ctx.state.set('current', n?.id ?? '');
  ctx.state.set('note-title', n?.title ?? '');
  ctx.state.set('note-body', n?.body ?? '');
}

export const NOTES_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'notes.load',
    doc: 'Load the saved notes into the list (`notes`).',
    service: 'storage',
    params: () => z.object({}),
    async run(ctx) {
      const notes = await refresh(ctx);
      return notes.length;
    },
  }),
  defineTool({
    id: 'notes.new',
    doc: 'Start a new, empty note in the editor.',
    service: 'storage',
    params: () => z.object({}),
    run(ctx) {
      openInEditor(ctx, null);
      ctx.state.set('status', 'New note');
      return true;
    },
  }),
  defineTool({
    id: 'notes.open',
    doc: 'Open a note from the list in the editor (by index or id; default: the picked item).',
    service: 'storage',
    params: () => z.object(pickParams),
    async run(ctx, p) {
      const item = pickItem(ctx, itemsIn(ctx, 'notes'), p);
      if (!item) {
        ctx.state.set('status', 'Pick a note in the list first');
        return false;
      }
      const note = await callService<unknown>(ctx, 'storage.get', { key: PREFIX + String(item.value) });
      if (!isNote(note)) {
        ctx.state.set('status', `Note "${item.label}" is gone`);
        await refresh(ctx);
        return false;
      }
      openInEditor(ctx, note);
      ctx.state.set('status', `Opened "${note.title || 'Untitled'}"`);
      return note.id;
    },
  }),
  defineTool({
    id: 'notes.save',
    doc: 'Save the note in the editor (a new note gets an id), then refresh the list.',
    service: 'storage',
    params: () => z.object({
      title: z.string().max(500).optional().describe('the title (default: the editor\'s note-title)'),
      body: z.string().max(500_000).optional().describe('the text (default: the editor\'s note-body)'),
    }),
    async run(ctx, p) {
      const title = (p.title ?? textIn(ctx, 'note-title')).trim();
      const body = p.body ?? textIn(ctx, 'note-body');
      if (!title && !body.trim()) {
        ctx.state.set('status', 'Nothing to save: write a title or some text');
        return false;
      }
      const id = textIn(ctx, 'current') || newId(itemsIn(ctx, 'notes'));
      const note: Note = { id, title: title || body.trim().split('\n')[0]!.slice(0, 60), body, updated: new Date().toISOString() };
      await callService(ctx, 'storage.set', { key: PREFIX + id, value: note });
      ctx.state.set('current', id);
      ctx.state.set('note-title', note.title);
      await refresh(ctx);
      ctx.state.set('status', `Saved "${note.title}"`);
      return id;
    },
  }),
  defineTool({
    id: 'notes.delete',
    doc: 'Delete the open note (or the one given), then refresh the list.',
    service: 'storage',
    params: () => z.object(pickParams),
    async run(ctx, p) {
      const given = p.index !== undefined || p.value !== undefined;
      const id = given ? pickItem(ctx, itemsIn(ctx, 'notes'), p)?.value : textIn(ctx, 'current');
      if (id === undefined || id === '') {
        ctx.state.set('status', 'No note is open');
        return false;
      }
      await callService(ctx, 'storage.remove', { key: PREFIX + String(id) });
      if (String(id) === textIn(ctx, 'current')) openInEditor(ctx, null);
      await refresh(ctx);
      ctx.state.set('status', 'Note deleted');
      return true;
    },
  }),
];
