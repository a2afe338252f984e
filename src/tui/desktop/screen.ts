/**
 * The terminal modes the desktop needs, turned on together and always turned off
 * together: on quit, on a crash, on SIGTERM/SIGHUP/SIGINT. A terminal left in the
 * alternate screen with mouse reporting on is unusable, so cleanup runs at most once from
 * wherever the process ends.
 */
export const ENTER =
  '\x1b[?1049h' + // alternate screen
  '\x1b[?1000h\x1b[?1002h\x1b[?1006h' + // mouse: presses, drags, SGR coordinates
  '\x1b[?2004h' + // bracketed paste
  '\x1b[?25l' + // hide the cursor (we draw our own)
  '\x1b[H\x1b[2J';
export const LEAVE = '\x1b[?2004l\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?25h\x1b[?1049l';

export interface ScreenHandle {
  restore(): void;
}

export function enterScreen(out: NodeJS.WriteStream, stdin: NodeJS.ReadStream): ScreenHandle {
  let done = false;
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  if (stdin.isTTY) stdin.setRawMode(true);
  out.write(ENTER);
  const restore = () => {
    if (done) return;
    done = true;
    try {
      out.write(LEAVE);
      if (stdin.isTTY) stdin.setRawMode(wasRaw);
    } catch {
      // The terminal went away; nothing left to restore.
    }
    process.off('exit', restore);
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('uncaughtException', onCrash);
  };
  const onSignal = (sig: NodeJS.Signals) => {
    restore();
    process.kill(process.pid, sig);
  };
  const onCrash = (err: Error) => {
    restore();
    process.stderr.write(`agentos: the desktop crashed: ${err.message}\n`);
    if (process.env.AGENTOS_DEBUG) process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  };
  process.on('exit', restore);
  for (const s of SIGNALS) process.once(s, onSignal);
  process.prependListener('uncaughtException', onCrash);
  return { restore };
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
