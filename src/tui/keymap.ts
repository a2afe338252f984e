import { describeKey, normalizeKey } from './input/key-id.js';

/**
 * The one keymap table of the terminal desktop: every action, its default keys and what it
 * does. The desktop, the F1 help overlay and docs/KEYS.md all read this table; the user
 * changes it with `agentos config set keymap.prefix C-b` and `keymap.bindings`.
 *
 * Window commands sit behind a prefix key (Ctrl+A, like screen and tmux) so that a shell
 * in a terminal window keeps every key it needs: plain xterm and tmux pass Ctrl+letters
 * through, while the original's Alt+Tab and ⌘W never reach a terminal program. The few
 * direct keys (Ctrl+K, F1, Ctrl+Q) work anywhere except inside a terminal window, where the
 * prefix reaches them (Ctrl+A k, Ctrl+A ?, Ctrl+A q).
 */
export type KeyScope = 'direct' | 'prefix' | 'window';

export interface KeySpec {
  /** Default keys in `keyId` spelling. */
  keys: string[];
  scope: KeyScope;
  group: string;
  doc: string;
  /** Prefix commands that may repeat without pressing the prefix again (move, resize). */
  repeat?: boolean;
}

export const SNAP_KEYS = {
  'snap-top-left': '7',
  'snap-top': '8',
  'snap-top-right': '9',
  'snap-left': '4',
  'snap-center': '5',
  'snap-right': '6',
  'snap-bottom-left': '1',
  'snap-bottom': '2',
  'snap-bottom-right': '3',
} as const;
export type SnapAction = keyof typeof SNAP_KEYS;

const snapDocs: Record<SnapAction, string> = {
  'snap-top-left': 'snap the window to the top-left quarter',
  'snap-top': 'snap the window to the top half',
  'snap-top-right': 'snap the window to the top-right quarter',
  'snap-left': 'snap the window to the left half',
  'snap-center': 'fill the desktop (the middle zone)',
  'snap-right': 'snap the window to the right half',
  'snap-bottom-left': 'snap the window to the bottom-left quarter',
  'snap-bottom': 'snap the window to the bottom half',
  'snap-bottom-right': 'snap the window to the bottom-right quarter',
};

export const KEYMAP = {
  spotlight: { keys: ['C-k'], scope: 'direct', group: 'Desktop', doc: 'open the spotlight: search apps and commands, or generate an app' },
  help: { keys: ['f1'], scope: 'direct', group: 'Desktop', doc: 'show every key binding' },
  quit: { keys: ['C-q'], scope: 'direct', group: 'Desktop', doc: 'save the session and quit' },
  chat: { keys: ['f2'], scope: 'direct', group: 'Desktop', doc: 'show or hide the chat panel' },

  'prefix-spotlight': { keys: ['k', '/'], scope: 'prefix', group: 'Desktop', doc: 'open the spotlight (from inside a terminal window)' },
  'prefix-help': { keys: ['?'], scope: 'prefix', group: 'Desktop', doc: 'show every key binding (from inside a terminal window)' },
  'prefix-quit': { keys: ['q'], scope: 'prefix', group: 'Desktop', doc: 'save the session and quit (from inside a terminal window)' },
  'prefix-chat': { keys: ['c'], scope: 'prefix', group: 'Desktop', doc: 'show or hide the chat panel' },
  'new-terminal': { keys: ['enter'], scope: 'prefix', group: 'Desktop', doc: 'open a terminal window with your shell' },
  'save-session': { keys: ['s'], scope: 'prefix', group: 'Desktop', doc: 'save the session now' },
  'send-prefix': { keys: ['C-a'], scope: 'prefix', group: 'Desktop', doc: 'send the prefix key itself to the focused window' },

  'focus-next': { keys: ['tab', 'n', 'o'], scope: 'prefix', group: 'Windows', doc: 'focus the next window' },
  'focus-prev': { keys: ['S-tab', 'p'], scope: 'prefix', group: 'Windows', doc: 'focus the previous window' },
  close: { keys: ['x', 'w'], scope: 'prefix', group: 'Windows', doc: 'close the focused window' },
  minimize: { keys: ['m'], scope: 'prefix', group: 'Windows', doc: 'minimize the focused window to the dock' },
  maximize: { keys: ['z'], scope: 'prefix', group: 'Windows', doc: 'maximize the focused window, or restore it' },
  fullscreen: { keys: ['f'], scope: 'prefix', group: 'Windows', doc: 'fullscreen the focused window (no menu bar or dock), or restore it' },
  restore: { keys: ['r'], scope: 'prefix', group: 'Windows', doc: 'bring back the last minimized window' },
  'move-left': { keys: ['left'], scope: 'prefix', group: 'Windows', doc: 'move the window left (repeat without the prefix)', repeat: true },
  'move-right': { keys: ['right'], scope: 'prefix', group: 'Windows', doc: 'move the window right', repeat: true },
  'move-up': { keys: ['up'], scope: 'prefix', group: 'Windows', doc: 'move the window up', repeat: true },
  'move-down': { keys: ['down'], scope: 'prefix', group: 'Windows', doc: 'move the window down', repeat: true },
  'resize-narrower': { keys: ['S-left', 'H'], scope: 'prefix', group: 'Windows', doc: 'make the window narrower', repeat: true },
  'resize-wider': { keys: ['S-right', 'L'], scope: 'prefix', group: 'Windows', doc: 'make the window wider', repeat: true },
  'resize-shorter': { keys: ['S-up', 'K'], scope: 'prefix', group: 'Windows', doc: 'make the window shorter', repeat: true },
  'resize-taller': { keys: ['S-down', 'J'], scope: 'prefix', group: 'Windows', doc: 'make the window taller', repeat: true },
  'scroll-up': { keys: ['pageup'], scope: 'prefix', group: 'Windows', doc: 'scroll the window (or terminal scrollback) up a page', repeat: true },
  'scroll-down': { keys: ['pagedown'], scope: 'prefix', group: 'Windows', doc: 'scroll the window (or terminal scrollback) down a page', repeat: true },
  ...(Object.fromEntries(
    Object.entries(SNAP_KEYS).map(([action, key]) => [action, { keys: [key], scope: 'prefix', group: 'Snap zones (like a numeric keypad)', doc: snapDocs[action as SnapAction] }]),
  ) as Record<SnapAction, KeySpec>),
  'tiling-toggle': { keys: ['t'], scope: 'prefix', group: 'Tiling', doc: 'switch between floating and tiled windows' },
  'tiling-next': { keys: ['space'], scope: 'prefix', group: 'Tiling', doc: 'next tiling layout: columns, rows, grid, main and stack' },

  'control-next': { keys: ['tab'], scope: 'window', group: 'Inside a window', doc: 'focus the next control, in reading order' },
  'control-prev': { keys: ['S-tab'], scope: 'window', group: 'Inside a window', doc: 'focus the previous control' },
  activate: { keys: ['enter', 'space'], scope: 'window', group: 'Inside a window', doc: 'press the button, toggle the checkbox, open the select' },
  'page-up': { keys: ['pageup'], scope: 'window', group: 'Inside a window', doc: 'scroll up a page' },
  'page-down': { keys: ['pagedown'], scope: 'window', group: 'Inside a window', doc: 'scroll down a page' },
  dismiss: { keys: ['escape'], scope: 'window', group: 'Inside a window', doc: 'close the open modal, select or overlay' },
} as const satisfies Record<string, KeySpec>;

export type Action = keyof typeof KEYMAP;
export const ACTIONS = Object.keys(KEYMAP) as Action[];

/** The keymap in force: the prefix and, per scope, key id -> action. */
export interface Keymap {
  prefix: string;
  direct: Map<string, Action>;
  prefixed: Map<string, Action>;
  window: Map<string, Action>;
  /** Action -> keys in force (for help). */
  keysOf: Map<Action, string[]>;
  /** Overrides that could not be used, one line each, to show the user. */
  problems: string[];
}

export interface KeymapSettings {
  /** `keymap.prefix`, e.g. `C-a`, `C-b`, `Ctrl+Space`. */
  prefix?: string;
  /** `keymap.bindings`: `action=key key; action=key` overrides. */
  bindings?: string;
}

/** Resolve the table with the user's settings. Bad overrides are reported, never fatal. */
export function buildKeymap(settings: KeymapSettings = {}): Keymap {
  const problems: string[] = [];
  let prefix = 'C-a';
  if (settings.prefix) {
    const p = normalizeKey(settings.prefix);
    if (p) prefix = p;
    else problems.push(`keymap.prefix: "${settings.prefix}" is not a key; using Ctrl+A`);
  }
  const keysOf = new Map<Action, string[]>(ACTIONS.map((a) => [a, [...KEYMAP[a].keys]]));
  keysOf.set('send-prefix', [prefix]);
  for (const [action, keys] of parseBindings(settings.bindings ?? '', problems)) keysOf.set(action, keys);

  const km: Keymap = { prefix, direct: new Map(), prefixed: new Map(), window: new Map(), keysOf, problems };
  const byScope = { direct: km.direct, prefix: km.prefixed, window: km.window };
  for (const action of ACTIONS) {
    for (const k of keysOf.get(action)!) {
      const map = byScope[KEYMAP[action].scope];
      const taken = map.get(k);
      if (taken && taken !== action) problems.push(`${describeKey(k)} is bound to both ${taken} and ${action}; ${action} wins`);
      map.set(k, action);
    }
  }
  if (km.direct.has(prefix)) problems.push(`the prefix ${describeKey(prefix)} hides the direct key for ${km.direct.get(prefix)}`);
  return km;
}

/** `close=x w; spotlight=C-k,C-p` -> [[close, [x, w]], [spotlight, [C-k, C-p]]]. */
export function parseBindings(text: string, problems: string[] = []): [Action, string[]][] {
  const out: [Action, string[]][] = [];
  for (const entry of text.split(/[;\n]/)) {
    if (!entry.trim()) continue;
    const eq = entry.indexOf('=');
    const name = (eq === -1 ? entry : entry.slice(0, eq)).trim();
    if (eq === -1 || !Object.hasOwn(KEYMAP, name)) {
      problems.push(`keymap.bindings: "${name}" is not an action (see docs/KEYS.md)`);
      continue;
    }
    const keys: string[] = [];
    for (const word of entry.slice(eq + 1).split(/[\s,]+/).filter(Boolean)) {
      const k = normalizeKey(word);
      if (k) keys.push(k);
      else problems.push(`keymap.bindings: "${word}" is not a key`);
    }
    out.push([name as Action, keys]);
  }
  return out;
}

/** One help row per action: keys as people read them, with the prefix spelled out. */
export interface HelpRow {
  group: string;
  action: Action;
  keys: string;
  doc: string;
}

export function helpRows(km: Keymap): HelpRow[] {
  const prefix = describeKey(km.prefix);
  return ACTIONS.map((action) => {
    const spec = KEYMAP[action];
    const keys = km.keysOf.get(action)!.map((k) => (spec.scope === 'prefix' ? `${prefix} ${describeKey(k)}` : describeKey(k)));
    return { group: spec.group, action, keys: keys.join(', ') || '(unbound)', doc: spec.doc };
  });
}
