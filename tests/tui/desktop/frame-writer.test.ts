import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FrameWriter } from '../../../src/tui/desktop/frame-writer.js';

class FakeTty extends EventEmitter {
  columns = 20;
  rows = 4;
  out: string[] = [];
  write(s: string) {
    this.out.push(s);
    return true;
  }
}

describe('FrameWriter', () => {
  it('writes only the rows that changed, by absolute position, in one synchronized update', () => {
    const tty = new FakeTty();
    const w = new FrameWriter(tty as unknown as NodeJS.WriteStream);
    w.write('a\nb\nc\n');
    expect(tty.out).toHaveLength(1);
    expect(tty.out[0]).toContain('\x1b[1;1Ha');
    // Ink's plain mode erases and rewrites every line; only row 2 really changed.
    w.write('\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\x1b[Ga\nB\nc\n');
    expect(tty.out).toHaveLength(2);
    expect(tty.out[1]).toBe('\x1b[?2026h\x1b[2;1HB\x1b[0m\x1b[K\x1b[?2026l');
    // Nothing changed: nothing written.
    w.write('\x1b[2K\x1b[Ga\nB\nc\n');
    expect(tty.out).toHaveLength(2);
    // Control-only writes (cursor, sync) are not frames.
    w.write('\x1b[?25l');
    expect(tty.out).toHaveLength(2);
  });

  it('repaints everything after a resize', () => {
    const tty = new FakeTty();
    const w = new FrameWriter(tty as unknown as NodeJS.WriteStream);
    let resized = 0;
    w.on('resize', () => resized++);
    w.write('a\nb');
    tty.emit('resize');
    expect(resized).toBe(1);
    w.write('a\nb');
    expect(tty.out.at(-1)).toContain('\x1b[1;1Ha');
    expect(tty.out.at(-1)).toContain('\x1b[2;1Hb');
  });
});
