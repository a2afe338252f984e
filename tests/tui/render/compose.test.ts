import { describe, expect, it } from 'vitest';
import { lineCells, Screen } from '../../../src/tui/render/compose.js';
import { plain } from '../../../src/tui/render/style.js';

describe('Screen', () => {
  it('draws layers bottom to top, later ones over earlier ones', () => {
    const s = new Screen(10, 3);
    s.paint(0, 0, ['aaaaaa', 'aaaaaa']);
    s.paint(3, 1, ['\x1b[31mbbbb\x1b[0m', 'bbbb']);
    const lines = s.lines().map(plain);
    expect(lines).toEqual(['aaaaaa    ', 'aaabbbb   ', '   bbbb   ']);
    expect(s.lines()[1]).toBe('aaa\x1b[31mbbbb\x1b[0m   ');
  });

  it('clips at the screen edges and at the layer width', () => {
    const s = new Screen(5, 2);
    s.paint(-2, -1, ['xxxxxxxx', 'yyyyyyyy'], 4);
    expect(s.lines().map(plain)).toEqual(['yy   ', '     ']);
  });

  it('keeps wide characters whole, blanking halves that a layer cuts', () => {
    expect(lineCells('a😀b').map((c) => c.ch)).toEqual(['a', '😀', '', 'b']);
    const s = new Screen(6, 1);
    s.paint(0, 0, ['😀😀😀']);
    s.paint(1, 0, ['x']);
    expect(plain(s.lines()[0]!)).toBe(' x😀😀');
  });
});
