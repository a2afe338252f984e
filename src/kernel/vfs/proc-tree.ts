import os from 'node:os';
import type { Kernel } from '../kernel.js';

/** The files of /proc, built from kernel state when read. */
export function procTree(k: Kernel): Map<string, () => string> {
  const files = new Map<string, () => string>();
  files.set('uptime', () => `${((Date.now() - k.bootTime) / 1000).toFixed(2)}\n`);
  files.set('version', () => `AgentOS kernel ${k.info.version ?? ''} on Node ${process.version} ${os.platform()}/${os.arch()}\n`.replace('  ', ' '));
  files.set('mounts', () =>
    k.vfs.list().map((m) => `${m.backend.source} ${m.point} ${m.backend.kind} ${m.backend.readOnly ? 'ro' : 'rw'}\n`).join(''),
  );
  files.set('meminfo', () => {
    const procs = k.procs.list();
    const charged = procs.reduce((n, p) => n + p.memoryBytes, 0);
    const lines = [
      ['HostTotal', os.totalmem()],
      ['HostFree', os.freemem()],
      ['KernelHeapUsed', process.memoryUsage().heapUsed],
      ['KernelRss', process.memoryUsage().rss],
      ['ProcessesCharged', charged],
    ];
    for (const m of k.vfs.list()) {
      const u = m.backend.usage?.();
      if (u) lines.push([`MemFS(${m.point})Used`, u.used]);
    }
    return lines.map(([name, bytes]) => `${String(name).padEnd(24)} ${Math.round(Number(bytes) / 1024)} kB\n`).join('');
  });
  files.set('syscalls', () => k.syscallNames().join('\n') + '\n');
  for (const p of k.procs.list()) {
    files.set(`${p.pid}/status`, () =>
      [
        ['Name', p.name],
        ['Kind', p.kind],
        ['State', p.state],
        ['Pid', p.pid],
        ['PPid', p.ppid],
        ['Priority', p.priority],
        ['Profile', p.profile],
        ['Memory', `${p.memoryBytes} bytes`],
        ['Cwd', p.cwd],
        ...(p.osPid ? [['HostPid', p.osPid]] : []),
      ]
        .map(([a, b]) => `${a}:\t${b}\n`)
        .join(''),
    );
    files.set(`${p.pid}/cmdline`, () => [p.command ?? p.name, ...(p.args ?? [])].join('\0'));
    files.set(`${p.pid}/grants`, () =>
      p.grants.map((g) => `${g.deny ? 'deny ' : 'allow'} ${g.cap}${g.scope ? ' ' + g.scope.join(',') : ''}\n`).join(''),
    );
  }
  return files;
}
