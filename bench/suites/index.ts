import type { Suite } from '../harness.js';
import { appsRegistry } from './apps.js';
import { blueprintParse } from './blueprint-parse.js';
import { cliOneshot } from './cli-oneshot.js';
import { generation } from './generation.js';
import { ipc } from './ipc.js';
import { kernelDispatch } from './kernel-dispatch.js';
import { mcpToolCall } from './mcp.js';
import { toolExec } from './tool-exec.js';
import { tuiDesktop } from './tui.js';
import { web } from './web.js';

/** Every benchmark, one entry per suite; `npm run bench -- NAME…` runs only those named. */
export const SUITES: Suite[] = [
  kernelDispatch,
  cliOneshot,
  ipc,
  toolExec,
  blueprintParse,
  appsRegistry,
  generation,
  tuiDesktop,
  web,
  mcpToolCall,
];
