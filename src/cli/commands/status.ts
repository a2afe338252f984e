import { places } from '../../config/paths.js';
import { probeLive } from '../../kernel/attach/client.js';
import { outFor, print } from '../output.js';

interface Opts {
  json?: boolean;
}

/** Exit code when no live kernel answers (like `systemctl status` for a stopped unit). */
const NOT_RUNNING = 3;

export default async function status(opts: Opts): Promise<number> {
  const live = await probeLive(places().runtime);
  const out = outFor(opts);
  if (live.state === 'running') {
    const { pid, socket, started, web, version } = live.info;
    const uptime_s = Math.max(0, Math.round((Date.now() - Date.parse(started)) / 1000));
    if (out.json) print({ running: true, pid, socket, started, uptime_s, web: web ?? null, version }, out);
    else print({ status: 'running', pid, socket, started, uptime: duration(uptime_s), web: web ?? '-' }, out);
    return 0;
  }
  const info = live.state === 'none' ? undefined : live.info;
  if (out.json) print({ running: false, state: live.state, socket: live.place.socket, pid: info?.pid ?? null }, out);
  else process.stdout.write(`${WHY[live.state](info?.pid)}\n`);
  return NOT_RUNNING;
}

const WHY = {
  none: () => 'not running (start a live kernel with `agentos serve` or `agentos shell`)',
  stale: (pid?: number) => `not running (a stale socket${pid ? ` from pid ${pid}` : ''} remains; the next \`agentos serve\` replaces it)`,
  unresponsive: (pid?: number) => `not responding (a kernel${pid ? `, pid ${pid},` : ''} holds the socket but does not answer)`,
};

function duration(s: number): string {
  const parts: [number, string][] = [[Math.floor(s / 86400), 'd'], [Math.floor(s / 3600) % 24, 'h'], [Math.floor(s / 60) % 60, 'm'], [s % 60, 's']];
  const shown = parts.filter(([n]) => n > 0).slice(0, 2);
  return shown.length ? shown.map(([n, u]) => `${n}${u}`).join(' ') : '0s';
}
