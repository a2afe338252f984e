import { z } from 'zod';
import { readSettings } from '../../config/config.js';
import { places } from '../../config/paths.js';
import { SETTINGS, type SettingKey } from '../../config/schema.js';
import { KernelError } from '../../kernel/errors.js';
import { didYouMean } from '../../util/suggest.js';
import { defineTool, type ToolContext, type ToolDef } from './types.js';

/**
 * settings.*: the settings app's access to `agentos config` (the conf store in the config
 * dir, the same file `agentos config set` writes). Only settings that change how the
 * desktop looks and which model it uses are open to apps; API keys, endpoints and sandbox
 * profiles are not, so an app can neither read a secret nor widen its own grants.
 *
 * In state, a setting's key has its dots as dashes (`keymap.prefix` -> `keymap-prefix`), so
 * a Blueprint names the field by the setting.
 */
export const APP_SETTINGS = ['provider', 'model', 'theme', 'keymap.prefix', 'keymap.bindings', 'session.autosaveSeconds'] as const satisfies readonly SettingKey[];
type AppSetting = (typeof APP_SETTINGS)[number];

export const settingStateKey = (key: string) => key.replace(/\./g, '-');
const isAppSetting = (k: string): k is AppSetting => (APP_SETTINGS as readonly string[]).includes(k);

function requireAppSetting(key: string): AppSetting {
  if (isAppSetting(key)) return key;
  const why = Object.hasOwn(SETTINGS, key) ? `"${key}" can only be changed with \`agentos config set\`` : `unknown setting "${key}"${didYouMean(key, APP_SETTINGS)}`;
  throw new KernelError('EPERM', `${why}; apps may change ${APP_SETTINGS.join(', ')}`);
}

/** A value as the setting stores it, or the reason it is refused. Empty text means "back to the default". */
function checked(key: AppSetting, raw: unknown): { ok: true; value: unknown; unset: boolean } | { ok: false; message: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: SETTINGS[key].default, unset: true };
  const r = SETTINGS[key].schema.safeParse(typeof raw === 'string' ? raw.trim() : raw);
  if (!r.success) return { ok: false, message: `${key}: ${r.error.issues[0]!.message.replace(/^Invalid input: /, '')}` };
  return { ok: true, value: r.data, unset: false };
}

interface Store {
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** conf loads on first write: reading needs only a JSON parse. */
async function openStore(dir: string): Promise<Store> {
  const { default: Conf } = await import('conf');
  return new Conf<Record<string, unknown>>({ projectName: 'agentos', cwd: dir, configName: 'config' });
}

function load(ctx: ToolContext, dir: string) {
  const values = readSettings(dir);
  for (const key of APP_SETTINGS) ctx.state.set(settingStateKey(key), values[key]);
  return values;
}

/** The settings tools, reading and writing the config in `dir()` (default: the user's config dir). */
export function settingsTools(dir: () => string = () => places().config): ToolDef<any>[] {
  return [
    defineTool({
      id: 'settings.load',
      doc: `Read the settings apps may change (${APP_SETTINGS.join(', ')}) into state (dots as dashes).`,
      params: () => z.object({}),
      run(ctx) {
        load(ctx, dir());
        ctx.state.set('status', 'Settings loaded');
        return true;
      },
    }),
    defineTool({
      id: 'settings.get',
      doc: 'One setting\'s value (into `key` when given).',
      params: () => z.object({ setting: z.string().min(1).describe('the setting, e.g. theme'), key: z.string().min(1).optional().describe('state key for the value') }),
      run(ctx, p) {
        const k = requireAppSetting(p.setting);
        const value = readSettings(dir())[k];
        if (p.key) ctx.state.set(p.key, value);
        return value;
      },
    }),
    defineTool({
      id: 'settings.set',
      doc: 'Change one setting (empty: back to the default); it takes effect for the desktop and `agentos config`.',
      params: () => z.object({ setting: z.string().min(1).describe('the setting, e.g. theme'), value: z.unknown().describe('the new value') }),
      async run(ctx, p) {
        const k = requireAppSetting(p.setting);
        const c = checked(k, p.value);
        if (!c.ok) throw new KernelError('EINVAL', c.message);
        const store = await openStore(dir());
        if (c.unset) store.delete(k);
        else store.set(k, c.value);
        ctx.state.set(settingStateKey(k), c.value);
        ctx.state.set('status', `${k} = ${JSON.stringify(c.value)}`);
        return c.value;
      },
    }),
    defineTool({
      id: 'settings.save',
      doc: 'Save every setting field of the app at once; nothing is saved when one is invalid.',
      params: () => z.object({}),
      async run(ctx) {
        const current = readSettings(dir());
        const changes: [AppSetting, { value: unknown; unset: boolean }][] = [];
        const problems: string[] = [];
        for (const key of APP_SETTINGS) {
          const raw = ctx.state.get(settingStateKey(key));
          if (raw === undefined) continue;
          const c = checked(key, raw);
          if (!c.ok) problems.push(c.message);
          // An empty field is a change only if the setting differs from its default now.
          else if (c.value !== current[key]) changes.push([key, c]);
        }
        if (problems.length) {
          ctx.state.set('status', `Not saved: ${problems.join('; ')}`);
          return false;
        }
        if (changes.length) {
          const store = await openStore(dir());
          for (const [key, c] of changes) (c.unset ? store.delete(key) : store.set(key, c.value));
        }
        load(ctx, dir());
        ctx.state.set('status', changes.length ? `Saved ${changes.map(([k]) => k).join(', ')}` : 'Nothing changed');
        return changes.length;
      },
    }),
    defineTool({
      id: 'settings.reset',
      doc: 'Put one setting (or every one apps may change) back to its default.',
      params: () => z.object({ setting: z.string().min(1).optional().describe('the setting (default: all of them)') }),
      async run(ctx, p) {
        const keys = p.setting ? [requireAppSetting(p.setting)] : [...APP_SETTINGS];
        const store = await openStore(dir());
        for (const k of keys) store.delete(k);
        load(ctx, dir());
        ctx.state.set('status', `Reset ${keys.join(', ')}`);
        return keys.length;
      },
    }),
  ];
}

export const SETTINGS_TOOLS: ToolDef<any>[] = settingsTools();
