import { main, report } from './main.js';

// Last-resort handlers: a user sees one line, never a stack (unless AGENTOS_DEBUG=1).
process.on('unhandledRejection', (err) => {
  process.exitCode = report(err);
});
process.on('uncaughtException', (err) => {
  process.exit(report(err));
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
