import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS, type SettingKey } from './schema.js';

export type Settings = { [K in SettingKey]: (typeof SETTINGS)[K]['default'] extends number ? number : string };

/**
 * Settings as stored by `agentos config` (conf writes <config dir>/config.json, nested by
 * dots). Read with a plain JSON parse so that a one-shot command does not load conf.
 */
export function readSettings(configDir: string): Settings {
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'));
  } catch {
    // Missing or unreadable: defaults. `agentos config list` reports a broken file.
  }
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(SETTINGS)) {
    const v = getPath(stored, key);
    const parsed = v === undefined ? undefined : def.schema.safeParse(v);
    out[key] = parsed?.success ? parsed.data : def.default;
  }
  return out as Settings;
}

export function getPath(obj: Record<string, unknown>, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
