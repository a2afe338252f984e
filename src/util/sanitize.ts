/**
 * Untrusted text (apps, models, processes) is drawn only after this: CSI, OSC, DCS and
 * other escape sequences and C0/C1 controls are removed, so text cannot move the cursor,
 * retitle the terminal, write the clipboard or fake a prompt. Newlines and tabs may stay.
 */
// eslint-disable-next-line no-control-regex
const SEQUENCES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*(?:\x07|\x9c)?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_NO_NL = /[\x00-\x1f\x7f-\x9f]/g;

export function stripControls(text: string, keepNewlines = true): string {
  return String(text).replace(SEQUENCES, '').replace(keepNewlines ? CONTROLS : CONTROLS_NO_NL, '');
}

/**
 * For one-line messages that quote untrusted text (a path, a key): controls are shown
 * escaped (`\n`, `\u001b`) rather than removed, so the user sees what was really there.
 */
// eslint-disable-next-line no-control-regex
const ESCAPABLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/g;
export const escapeControls = (text: string) => text.replace(ESCAPABLE, (c) => JSON.stringify(c).slice(1, -1));
