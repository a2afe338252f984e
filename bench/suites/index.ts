import type { Suite } from '../harness.js';
import { cliOneshot } from './cli-oneshot.js';
import { kernelDispatch } from './kernel-dispatch.js';
import { toolExec } from './tool-exec.js';
import { tuiDesktop } from './tui.js';

/** Every benchmark; `npm run bench -- NAME…` runs only those named. */
export const SUITES: Suite[] = [kernelDispatch, cliOneshot, toolExec, tuiDesktop];
