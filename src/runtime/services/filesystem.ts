import { z } from 'zod';
import type { Capability, Grant } from '../../kernel/sandbox/capabilities.js';
import { defineTool, type ToolDef } from '../tools/types.js';

/**
 * The filesystem service: thin tools over the fs.* syscalls, made with the app's pid, so
 * the app's path grants (its own plus what the tools it declared need) decide what it may touch and a denial reads as the kernel's
 * own EACCES line. The file explorer is built on these.
 */
/**
 * What each tool needs, granted when the app declares it (so a MINIMAL app declaring the
 * filesystem service can use it): the user's files and temp files, and reading the shipped
 * apps. /home/.agentos stays out of reach (every app process denies it, see permissions.ts).
 */
const READ_PLACES = ['/home/**', '/tmp/**', '/apps/**'];
const WRITE_PLACES = ['/home/**', '/tmp/**'];
const needs =
  (...caps: [Capability, string[]][]) =>
  (): Grant[] =>
    caps.map(([cap, scope]) => ({ cap, scope: [...scope] }));

const path = z.string().min(1, 'the path is empty').max(4096).describe('a path, e.g. /home/notes.txt');
const encoding = z.enum(['utf8', 'base64']).default('utf8').describe('utf8 (text, default) or base64 (bytes)');

interface Entry {
  name: string;
  type: string;
  size: number;
  modified?: string;
}

export const FILESYSTEM_TOOLS: ToolDef[] = [
  defineTool({
    id: 'filesystem.list',
    doc: 'The entries of a folder (folders first, then by name): name, type, size, modified.',
    service: 'filesystem',
    grants: needs(['LIST_DIRECTORY', READ_PLACES]),
    params: () => z.object({ path: path.default('/home'), hidden: z.boolean().default(true).describe('include names starting with "."') }),
    async run(ctx, p) {
      const entries = await ctx.syscall<Entry[]>('fs.list', { path: p.path });
      return entries
        .filter((e) => p.hidden || !e.name.startsWith('.'))
        .sort((a, b) => Number(b.type === 'dir') - Number(a.type === 'dir') || a.name.localeCompare(b.name));
    },
  }),
  defineTool({
    id: 'filesystem.stat',
    doc: 'Type, size, mode and times of a path.',
    service: 'filesystem',
    grants: needs(['READ_FILE', READ_PLACES]),
    params: () => z.object({ path }),
    run: (ctx, p) => ctx.syscall('fs.stat', { path: p.path }),
  }),
  defineTool({
    id: 'filesystem.read',
    doc: 'The content of a file, as text (or base64).',
    service: 'filesystem',
    grants: needs(['READ_FILE', READ_PLACES]),
    params: () => z.object({ path, encoding }),
    run: (ctx, p) => ctx.syscall('fs.read', { path: p.path, encoding: p.encoding }),
  }),
  defineTool({
    id: 'filesystem.write',
    doc: 'Write a file, replacing what was there.',
    service: 'filesystem',
    grants: needs(['WRITE_FILE', WRITE_PLACES]),
    params: () => z.object({ path, content: z.string().describe('the new content'), encoding }),
    run: (ctx, p) => ctx.syscall('fs.write', { path: p.path, content: p.content, encoding: p.encoding }),
  }),
  defineTool({
    id: 'filesystem.create',
    doc: 'Create a new file; fails if the path exists.',
    service: 'filesystem',
    grants: needs(['CREATE_FILE', WRITE_PLACES]),
    params: () => z.object({ path, content: z.string().default('').describe('the initial content'), encoding }),
    run: (ctx, p) => ctx.syscall('fs.create', { path: p.path, content: p.content, encoding: p.encoding }),
  }),
  defineTool({
    id: 'filesystem.mkdir',
    doc: 'Create a folder, with any missing parents.',
    service: 'filesystem',
    grants: needs(['CREATE_FILE', WRITE_PLACES]),
    params: () => z.object({ path, recursive: z.boolean().default(true).describe('create missing parents (default true)') }),
    run: (ctx, p) => ctx.syscall('fs.mkdir', { path: p.path, recursive: p.recursive }),
  }),
  defineTool({
    id: 'filesystem.delete',
    doc: 'Delete a file, or a folder (with what it holds when recursive).',
    service: 'filesystem',
    grants: needs(['READ_FILE', WRITE_PLACES], ['DELETE_FILE', WRITE_PLACES]),
    params: () => z.object({ path, recursive: z.boolean().default(false).describe('for a folder: delete its contents too') }),
    async run(ctx, p) {
      const st = await ctx.syscall<{ type: string }>('fs.stat', { path: p.path, follow: false });
      if (st.type === 'dir') return ctx.syscall('fs.rmdir', { path: p.path, recursive: p.recursive });
      return ctx.syscall('fs.delete', { path: p.path });
    },
  }),
  defineTool({
    id: 'filesystem.move',
    doc: 'Move or rename a file or folder.',
    service: 'filesystem',
    grants: needs(['DELETE_FILE', WRITE_PLACES], ['CREATE_FILE', WRITE_PLACES]),
    params: () => z.object({ from: path.describe('what to move'), to: path.describe('where it goes') }),
    run: (ctx, p) => ctx.syscall('fs.move', { from: p.from, to: p.to }),
  }),
  defineTool({
    id: 'filesystem.copy',
    doc: 'Copy a file or a folder with its contents.',
    service: 'filesystem',
    grants: needs(['READ_FILE', READ_PLACES], ['CREATE_FILE', WRITE_PLACES]),
    params: () => z.object({ from: path.describe('what to copy'), to: path.describe('the new path'), recursive: z.boolean().default(true).describe('copy folders with their contents (default true)') }),
    run: (ctx, p) => ctx.syscall('fs.copy', { from: p.from, to: p.to, recursive: p.recursive }),
  }),
  defineTool({
    id: 'filesystem.exists',
    doc: 'Whether a path exists.',
    service: 'filesystem',
    params: () => z.object({ path }),
    run: (ctx, p) => ctx.syscall<boolean>('fs.exists', { path: p.path }),
  }),
];
