import { KernelError } from '../errors.js';

/**
 * Callers blocked on one condition (a pipe with data, a queue with a message). `wake`
 * releases every waiter; each re-checks its condition, so a spurious wake costs one loop.
 */
export class WaitList {
  private waiters: (() => void)[] = [];

  get size() {
    return this.waiters.length;
  }

  /** Resolves on the next wake, or after `ms` milliseconds. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        const i = waiters.indexOf(done);
        if (i >= 0) waiters.splice(i, 1);
        resolve();
      }
      waiters.push(done);
    });
  }

  wake() {
    if (!this.waiters.length) return;
    const all = this.waiters;
    this.waiters = [];
    for (const w of all) w();
  }
}

/** A point in time after which a blocked call gives up; 0 means "do not block at all". */
export class Deadline {
  private readonly end: number;
  constructor(readonly timeoutMs: number) {
    this.end = Date.now() + timeoutMs;
  }

  /** Milliseconds left, or a thrown EAGAIN (non-blocking) / ETIMEDOUT (waited long enough). */
  left(what: string): number {
    if (this.timeoutMs <= 0) throw new KernelError('EAGAIN', `${what}; try again later (or pass a timeout to wait)`);
    const ms = this.end - Date.now();
    if (ms <= 0) throw new KernelError('ETIMEDOUT', `${what} after waiting ${this.timeoutMs} ms`);
    return ms;
  }
}
