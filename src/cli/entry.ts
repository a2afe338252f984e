import { fastPathFor } from './fast-path.js';

// Last-resort handlers: a user sees one line, never a stack (unless AGENTOS_DEBUG=1).
process.on('unhandledRejection', async (err) => {
  process.exitCode = (await import('./report.js')).report(err);
});
process.on('uncaughtException', async (err) => {
  process.exit((await import('./report.js')).report(err));
});

const argv = process.argv.slice(2);
const fast = fastPathFor(argv);
if (fast) {
  try {
    const code = await fast();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (err) {
    process.exitCode = (await import('./report.js')).report(err);
  }
} else {
  process.exitCode = await (await import('./main.js')).main(argv);
}
