import { existsSync } from 'node:fs';
import { places } from '../config/paths.js';
import { attachPlace, connect } from '../kernel/attach/client.js';

// Transitional: commands not yet on openKernel() still boot their own kernel with this.
export { bootKernel } from './local-kernel.js';

/** What a one-shot command talks to: the live kernel over its socket, or a private one. */
export interface KernelClient {
  /** A syscall as the kernel's user process. */
  syscall<R = unknown>(name: string, args?: Record<string, unknown>): Promise<R>;
  /**
   * An attach method (`info`, or what the runtime registers: apps.launch...): over the socket
   * when live, else run in the private kernel through the same method table.
   */
  call<R = unknown>(method: string, params?: unknown): Promise<R>;
  /** True when attached to a running desktop or `agentos serve`. */
  readonly live: boolean;
  close(): Promise<void>;
}

/**
 * The live kernel when one runs (so state persists across commands), else a private kernel
 * for this command alone; `local` forces the private one. Without a socket file this costs
 * one existsSync; with a live kernel nothing of the kernel is loaded here.
 */
export async function openKernel(opts: { local?: boolean } = {}): Promise<KernelClient> {
  if (!opts.local) {
    const { socket } = attachPlace(places().runtime);
    if (existsSync(socket)) {
      // A stale socket (nobody listening) means no live kernel: fall through to a private one.
      const client = await connect(socket);
      if (client) {
        return {
          live: true,
          syscall: (name, args) => client.syscall(name, args),
          call: (method, params) => client.call(method, params),
          close: async () => client.close(),
        };
      }
    }
  }
  const { bootKernel } = await import('./local-kernel.js');
  const kernel = bootKernel();
  return {
    live: false,
    syscall: (name, args) => kernel.syscall(kernel.userPid, name, args ?? {}),
    async call<R>(method: string, params?: unknown) {
      const [{ callMethod }, { methods }] = await Promise.all([import('../kernel/attach/server.js'), import('../kernel/attach/protocol.js')]);
      return (await callMethod(methods, { kernel, pid: kernel.userPid }, method, params)) as R;
    },
    close: () => kernel.shutdown(),
  };
}
