/** What a policy sees of a process with work waiting. */
export interface Runnable {
  pid: number;
  /** 0 (lowest) to 10 (highest); 5 is normal. */
  priority: number;
  /** Virtual runtime: CPU time divided by the priority's weight (fair policy). */
  vruntime: number;
  /** When it was last dispatched (a sequence number; 0: never). Least recent goes first. */
  lastRan: number;
}

export interface SliceState {
  /** The process holding the current slice, when it still has work and may go on. */
  holder?: Runnable;
  /** Milliseconds of the slice used so far. */
  used: number;
  quantum: number;
}

export type Policy = (ready: Runnable[], slice: SliceState) => Runnable;

export const POLICY_NAMES = ['round_robin', 'priority', 'fair'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

/** CFS-like weights: each priority step is 25% more CPU under `fair`. */
export const weightOf = (priority: number) => 1.25 ** (priority - 5);

const leastRecent = (list: Runnable[]) => list.reduce((a, b) => (b.lastRan < a.lastRan || (b.lastRan === a.lastRan && b.pid < a.pid) ? b : a));

/** Round robin among `among`: the holder keeps its slice until the quantum is used. */
function rotate(among: Runnable[], s: SliceState): Runnable {
  if (s.holder && among.includes(s.holder) && s.used < s.quantum) return s.holder;
  const others = among.filter((r) => r !== s.holder);
  return leastRecent(others.length ? others : among);
}

/**
 * The three policies, each a pure choice of who runs next among processes with work:
 * - round_robin: everyone in turn, a quantum each.
 * - priority: the highest priority always first; round robin among equals.
 * - fair: the least virtual runtime first (so CPU shares follow priority weights); the
 *   holder keeps running until it is a quantum ahead, which bounds switching.
 */
export const POLICIES: Record<PolicyName, Policy> = {
  round_robin: rotate,
  priority(ready, s) {
    const top = Math.max(...ready.map((r) => r.priority));
    return rotate(
      ready.filter((r) => r.priority === top),
      s,
    );
  },
  fair(ready, s) {
    const min = ready.reduce((a, b) => (b.vruntime < a.vruntime || (b.vruntime === a.vruntime && b.lastRan < a.lastRan) ? b : a));
    if (s.holder && ready.includes(s.holder) && s.holder.vruntime - min.vruntime < s.quantum) return s.holder;
    return min;
  },
};
