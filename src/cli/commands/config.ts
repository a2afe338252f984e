import { places } from '../../config/paths.js';
import { readSettings, getPath } from '../../config/config.js';
import { SETTINGS, SETTING_KEYS, isSettingKey, type SettingKey } from '../../config/schema.js';
import { didYouMean } from '../../util/suggest.js';
import { UsageError } from '../errors.js';
import { outFor, print, table } from '../output.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Opts {
  json?: boolean;
}

function requireKey(key: string): SettingKey {
  if (!isSettingKey(key)) throw new UsageError(`unknown setting "${key}"${didYouMean(key, SETTING_KEYS)}; see \`agentos config list\``);
  return key;
}

const shown = (key: SettingKey, value: unknown) => ('secret' in SETTINGS[key] && value ? '********' : value);

async function store() {
  const { default: Conf } = await import('conf');
  return new Conf<Record<string, unknown>>({ projectName: 'agentos', cwd: places().config, configName: 'config' });
}

export async function get(key: string, opts: Opts) {
  const k = requireKey(key);
  const value = readSettings(places().config)[k];
  print(opts.json ? { key: k, value } : value, outFor(opts));
  return 0;
}

export async function set(key: string, value: string, opts: Opts) {
  const k = requireKey(key);
  const parsed = SETTINGS[k].schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${k}: ${parsed.error.issues[0]!.message.replace(/^Invalid input: /, '')} (${SETTINGS[k].doc})`);
  (await store()).set(k, parsed.data);
  print(opts.json ? { key: k, value: shown(k, parsed.data) } : `${k} = ${shown(k, parsed.data)}`, outFor(opts));
  return 0;
}

export async function unset(key: string, opts: Opts) {
  const k = requireKey(key);
  (await store()).delete(k);
  print(opts.json ? { key: k, value: SETTINGS[k].default } : `${k} reset to ${JSON.stringify(SETTINGS[k].default)}`, outFor(opts));
  return 0;
}

export async function list(opts: Opts) {
  const dir = places().config;
  const file = path.join(dir, 'config.json');
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') process.stderr.write(`agentos: ${file} is not valid JSON; using defaults (fix or delete it)\n`);
  }
  const values = readSettings(dir);
  const rows = SETTING_KEYS.map((key) => ({ key, value: shown(key, values[key]), set: getPath(stored, key) !== undefined, doc: SETTINGS[key].doc }));
  if (opts.json) print(rows, outFor(opts));
  else process.stdout.write(table(rows.map((r) => ({ key: r.key, value: r.value === '' ? '(unset)' : r.value, meaning: r.doc }))) + `\n${file}\n`);
  return 0;
}
