import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripControls } from '../../src/util/sanitize.js';
import { FUZZ_RUNS } from '../fuzz/helpers.js';

/**
 * Text from apps, models and processes that would rewrite the screen or a prompt: every
 * escape sequence family (7-bit and 8-bit), with their payloads gone, and nothing left
 * that a terminal would act on, whatever is mixed in.
 */
// eslint-disable-next-line no-control-regex
const ACTIONABLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const CASES: [string, string, string][] = [
  ['CSI clear screen and home', 'a\x1b[2J\x1b[Hb', 'ab'],
  ['CSI cursor up and erase line (fake prompt)', 'ok\x1b[1A\x1b[2K$ sudo rm -rf ~', 'ok$ sudo rm -rf ~'],
  ['CSI with private parameters', '\x1b[?1049h\x1b[?25lx', 'x'],
  ['OSC 52 clipboard write, BEL', 'x\x1b]52;c;cm0gLXJmIH4K\x07y', 'xy'],
  ['OSC 52 clipboard write, ST', 'x\x1b]52;c;cm0gLXJmIH4K\x1b\\y', 'xy'],
  ['OSC 0 window title', '\x1b]0;you have been pwned\x07t', 't'],
  ['OSC 8 hyperlink', '\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\', 'click'],
  ['DCS request', 'a\x1bP$q"p\x1b\\b', 'ab'],
  ['APC and PM', 'a\x1b_payload\x1b\\b\x1b^pm\x1b\\c', 'abc'],
  ['8-bit CSI', 'a\x9b2Jb', 'ab'],
  ['8-bit OSC', 'a\x9d0;title\x07b', 'ab'],
  ['C1 controls alone', 'a\x84\x85\x8d\x90\x9cb', 'ab'],
  ['carriage return overwrite', 'safe\rEVIL', 'safeEVIL'],
  ['backspaces', 'rm -rf /\b\b\b\b\b\b\b\bls', 'rm -rf /ls'],
  ['lone ESC and DEL', 'a\x1b\x7fb', 'ab'],
  ['keeps newlines and tabs', 'a\n\tb', 'a\n\tb'],
];

describe('escape sequences in untrusted text', () => {
  for (const [name, input, out] of CASES) {
    it(name, () => {
      expect(stripControls(input)).toBe(out);
    });
  }

  it('drops newlines too where one line is wanted', () => {
    expect(stripControls('a\nb\r\n\tc', false)).toBe('abc');
  });

  it('leaves nothing a terminal acts on, for any mix of sequences and text', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('\x1b[', '\x1b]', '\x1bP', '\x1b\\', '\x9b', '\x9d', '\x90', '\x9c', '\x07', '\x1b', '52;c;', '0;', '2J', '?1049h', '\r', '\b'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), fc.boolean(), (text, keep) => {
        const clean = stripControls(text, keep);
        if (ACTIONABLE.test(clean)) throw new Error(`left a control in ${JSON.stringify(clean)} from ${JSON.stringify(text)}`);
        if (!keep && /[\n\t]/.test(clean)) throw new Error(`left a newline in ${JSON.stringify(clean)}`);
        if (stripControls(clean, keep) !== clean) throw new Error(`not idempotent on ${JSON.stringify(text)}`);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
