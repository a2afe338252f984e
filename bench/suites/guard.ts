/**
 * One figure's measurement, made so a failure or a hang is recorded in the figure (with
 * its goal) instead of stopping the other figures of the run.
 */
export async function guarded<T extends object>(goal: string, fn: () => Promise<T>, limitMs = 60_000): Promise<T | Failed> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${limitMs / 1000} s`)), limitMs);
  });
  try {
    return await Promise.race([fn(), timeout]);
  } catch (e) {
    return { status: 'failed', why: (e as Error).message, goal };
  } finally {
    clearTimeout(timer);
  }
}

export interface Failed {
  status: 'failed' | 'not measured';
  why: string;
  goal: string;
}

/** A figure this build cannot measure yet, and why. */
export const notMeasured = (goal: string, why: string): Failed => ({ status: 'not measured', why, goal });
