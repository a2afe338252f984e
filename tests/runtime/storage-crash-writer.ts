/**
 * A child process for storage-crash.test.ts: an app sets keys in a loop through the
 * storage service's tool (its syscalls made by a storage service process holding only the
 * service's grants, as the runtime makes them; atomic writes of
 * /home/.agentos/storage/<app>.json), printing `<key> <counter>` after each set returned.
 * The test kills it with SIGKILL at random moments. Usage: node writer.js HOME START
 *
 * Not a whole runtime: it would load every tool (the math engine too) and take seconds to
 * start, on every one of the test's rounds.
 */
import { Kernel } from '../../src/kernel/kernel.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { serviceGrants } from '../../src/runtime/service-procs.js';
import { STORAGE_TOOLS } from '../../src/runtime/services/storage.js';
import type { ToolContext } from '../../src/runtime/tools/types.js';

const [home, startText] = process.argv.slice(2);
const kernel = new Kernel({ home: home! });
const app = kernel.spawnProcess({ name: 'crash-notes', kind: 'app', grants: grantsFor('MINIMAL'), profile: 'MINIMAL', ppid: kernel.userPid });
const service = kernel.spawnProcess({ name: 'storage-service', kind: 'service', grants: serviceGrants('storage'), profile: 'custom', ppid: kernel.userPid, cwd: '/home/.agentos' });
const ctx: ToolContext = {
  appId: 'crash-notes',
  pid: app.pid,
  syscall: (name, args = {}) => kernel.syscall(app.pid, name, args),
  serviceSyscall: (_tool, name, args = {}) => kernel.syscall(service.pid, name, args),
  state: { get: () => undefined, set: () => {}, delete: () => {}, all: () => ({}) },
  event: {},
};
const set = STORAGE_TOOLS.find((t) => t.id === 'storage.set')!;
// Values of some size, so that a kill often lands in the middle of a write.
const ballast = 'x'.repeat(16 * 1024);
process.stdout.write('ready\n');
for (let i = Number(startText); ; i++) {
  const key = `k${i % 3}`;
  await set.run(ctx, set.params.parse({ key, value: { counter: i, ballast } }));
  process.stdout.write(`${key} ${i}\n`);
}
