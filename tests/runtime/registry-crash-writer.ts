/**
 * A child process for registry-crash.test.ts: it saves apps in a loop through the app
 * registry (syscalls of the registry's own process on a real kernel, atomic writes on
 * /home/apps), printing `<id> <counter>` after each save returned. The test kills it with
 * SIGKILL at random moments. Usage: node writer.js HOME START
 */
import { Kernel } from '../../src/kernel/kernel.js';
import { AppRegistry } from '../../src/runtime/registry/registry.js';
import { crashAppText } from './registry-crash-app.js';

const [home, startText] = process.argv.slice(2);
const kernel = new Kernel({ home: home! });
// The registry alone (openRegistry would also load every prebuilt app's tools): a quick start.
const registry = new AppRegistry({ syscall: (name, args) => kernel.syscall(kernel.userPid, name, args ?? {}) });
await registry.seed();
process.stdout.write('ready\n');
for (let i = Number(startText); ; i++) {
  const id = `crash-${i % 3}`;
  // One of the three is a generated app: /home/apps/generated is written too.
  await registry.save(crashAppText(id, i), { source: i % 3 === 2 ? 'generated' : 'saved' });
  process.stdout.write(`${id} ${i}\n`);
}
