import { z } from 'zod';
import { defineTool, type ToolContext, type ToolDef } from '../tools/types.js';
import { ServiceError } from './errors.js';
import { fileNameFor, privateIo, readJsonMap, SERVICE_DIR, serialized, writeJsonMap } from './json-file.js';

/**
 * Per-app key/value storage: one JSON file per app (keyed by its stable Blueprint id) under
 * /home/.agentos/storage, read and written by the storage service's own process once the
 * runtime checked the app declared the tool: apps' grants never reach each other's files.
 */
const MAX_VALUE_BYTES = 1024 * 1024;
const MAX_APP_BYTES = 8 * 1024 * 1024;

export const storagePath = (appId: string) => `${SERVICE_DIR}/storage/${fileNameFor(appId)}.json`;

const key = z.string().min(1, 'the key is empty').max(256, 'a key is at most 256 characters').describe('the key');

function change<T>(ctx: ToolContext, tool: string, edit: (data: Map<string, unknown>) => T): Promise<T> {
  const path = storagePath(ctx.appId);
  return serialized(path, async () => {
    const io = privateIo(ctx, tool);
    const data = await readJsonMap<unknown>(io, tool, path);
    const result = edit(data);
    const bytes = Buffer.byteLength(JSON.stringify(Object.fromEntries(data)));
    if (bytes > MAX_APP_BYTES) throw new ServiceError(tool, 'ENOSPC', `the app's storage would exceed ${MAX_APP_BYTES / 1024 / 1024} MiB; remove some keys first`);
    await writeJsonMap(io, path, data);
    return result;
  });
}

const read = (ctx: ToolContext, tool: string) => {
  const path = storagePath(ctx.appId);
  return serialized(path, () => readJsonMap<unknown>(privateIo(ctx, tool), tool, path));
};

export const STORAGE_TOOLS: ToolDef[] = [
  defineTool({
    id: 'storage.set',
    doc: 'Save a JSON value under a key, for this app; it survives restarts.',
    service: 'storage',
    params: () => z.object({ key, value: z.unknown().describe('any JSON value') }),
    run(ctx, p) {
      const text = JSON.stringify(p.value ?? null);
      if (Buffer.byteLength(text) > MAX_VALUE_BYTES) throw new ServiceError('storage.set', 'E2BIG', `the value is over ${MAX_VALUE_BYTES / 1024} KiB`);
      // Store what JSON round-trips to, so get returns exactly what a restart would.
      const value: unknown = JSON.parse(text);
      return change(ctx, 'storage.set', (data) => {
        data.set(p.key, value);
        return { key: p.key, saved: true };
      });
    },
  }),
  defineTool({
    id: 'storage.get',
    doc: 'The value saved under a key (or the default, null unless given).',
    service: 'storage',
    params: () => z.object({ key, default: z.unknown().optional().describe('what to return when the key is missing') }),
    async run(ctx, p) {
      const data = await read(ctx, 'storage.get');
      return data.has(p.key) ? data.get(p.key) : (p.default ?? null);
    },
  }),
  defineTool({
    id: 'storage.remove',
    doc: 'Remove a key.',
    service: 'storage',
    params: () => z.object({ key }),
    run: (ctx, p) => change(ctx, 'storage.remove', (data) => ({ key: p.key, removed: data.delete(p.key) })),
  }),
  defineTool({
    id: 'storage.list',
    doc: 'The keys this app has saved, sorted.',
    service: 'storage',
    params: () => z.object({ prefix: z.string().max(256).optional().describe('only keys starting with this') }),
    async run(ctx, p) {
      const keys = [...(await read(ctx, 'storage.list')).keys()].sort();
      return p.prefix ? keys.filter((k) => k.startsWith(p.prefix!)) : keys;
    },
  }),
  defineTool({
    id: 'storage.clear',
    doc: 'Remove every key this app has saved.',
    service: 'storage',
    params: () => z.object({}),
    run: (ctx) =>
      change(ctx, 'storage.clear', (data) => {
        const cleared = data.size;
        data.clear();
        return { cleared };
      }),
  }),
];
