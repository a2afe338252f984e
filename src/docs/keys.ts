import { buildKeymap, helpRows, KEYMAP } from '../tui/keymap.js';

const esc = (s: string) => s.replace(/\|/g, '\\|');

/** Mouse gestures are not rebindable; they are listed here so KEYS.md says everything. */
export const MOUSE_HELP: [gesture: string, effect: string][] = [
  ['click a window', 'focus it and press what is under the pointer'],
  ['drag a title bar', 'move the window; drop it on an edge or corner to snap (a preview shows where)'],
  ['drag a window edge or corner', 'resize the window'],
  ['click ✕ − □ in a title bar', 'close, minimize, maximize'],
  ['click an app in the dock', 'focus it, bring it back if minimized, or launch it'],
  ['wheel', 'scroll lists, windows and terminal scrollback'],
];

/** docs/KEYS.md, rendered from the keymap table in src/tui/keymap.ts. */
export function renderKeys(): string {
  const km = buildKeymap();
  const rows = helpRows(km);
  const groups = [...new Set(rows.map((r) => r.group))];
  const out = [
    '# Keys of the terminal desktop',
    '',
    '<!-- Generated from src/tui/keymap.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Window commands start with the **prefix key**, Ctrl+A by default (like screen and tmux): press',
    'Ctrl+A, let go, then the command key. The direct keys (Ctrl+K, F1, F2, Ctrl+Q) work everywhere',
    'except inside a terminal window, which gets every key but the prefix; there, use the prefix',
    'versions (Ctrl+A k, Ctrl+A ?, Ctrl+A c, Ctrl+A q). Ctrl+A Ctrl+A sends Ctrl+A itself to the window.',
    'Move, resize and scroll commands repeat: after Ctrl+A ←, keep pressing ← for a moment.',
    '',
    'Change the keys with `agentos config`:',
    '',
    '```sh',
    'agentos config set keymap.prefix C-b',
    'agentos config set keymap.bindings "close=x q; spotlight=C-k C-p"',
    '```',
    '',
    'Keys are written `C-a` (Ctrl), `M-x` (Alt), `S-tab` (Shift), `f1`, `enter`, `space`, `pageup`, or a',
    'character (`?`, `H`); `Ctrl+K` and `^K` are read too. Inside an app, its own `ui.keys` bindings',
    'apply when no input field has focus.',
    '',
  ];
  for (const g of groups) {
    out.push(`## ${g}`, '', '| keys | action | what it does |', '|---|---|---|');
    for (const r of rows.filter((x) => x.group === g)) out.push(`| ${esc(r.keys)} | \`${r.action}\` | ${esc(r.doc)} |`);
    out.push('');
  }
  out.push('## Mouse', '', 'Where the terminal reports the mouse (xterm, tmux with `set -g mouse on`, most modern terminals):', '', '| gesture | effect |', '|---|---|');
  for (const [g, e] of MOUSE_HELP) out.push(`| ${g} | ${e} |`);
  out.push('', `${Object.keys(KEYMAP).length} actions in all.`, '');
  return out.join('\n');
}
