import { PassThrough } from 'node:stream';
import { render } from 'ink';
import { Desktop } from './desktop/Desktop.js';
import type { DesktopController } from './desktop/controller.js';
import type { FrameWriter } from './desktop/frame-writer.js';

/**
 * Ink drawing the desktop into the terminal through the frame writer. Input is read by our
 * own parser (keys, SGR mouse, paste), so Ink gets a stdin that never speaks.
 */
export function mountDesktop(ctl: DesktopController, frames: FrameWriter): { unmount(): void } {
  const ink = render(<Desktop ctl={ctl} sink={(lines) => frames.paint(lines)} />, {
    stdout: frames as unknown as NodeJS.WriteStream,
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    // FrameWriter does the incremental part: Ink's own miscounts on a full-height frame.
    incrementalRendering: false,
    maxFps: 60,
  });
  return { unmount: () => ink.unmount() };
}
