import { refusal, type KernelError } from '../errors.js';
import { CAPABILITIES, type Capability, type Grant } from './capabilities.js';
import { globMatch, specificity } from './glob.js';

export interface CheckResult {
  allowed: boolean;
  reason: string;
  rule?: Grant;
}

/**
 * Decide one capability over one canonical target. Rules that match are ordered most
 * specific first; at equal specificity a deny wins. No matching rule means denied.
 */
export function decide(grants: readonly Grant[], cap: Capability, target?: string): CheckResult {
  let best: Grant | undefined;
  let bestRank = -1;
  for (const g of grants) {
    if (g.cap !== cap) continue;
    const rank = matchRank(g, cap, target);
    if (rank < 0) continue;
    if (rank > bestRank || (rank === bestRank && g.deny && !best?.deny)) {
      best = g;
      bestRank = rank;
    }
  }
  const what = CAPABILITIES[cap].display;
  if (!best) return { allowed: false, reason: `no grant to ${what}${target !== undefined ? ` for ${target}` : ''}` };
  if (best.deny) return { allowed: false, reason: `${what} is denied for ${target ?? 'this process'}`, rule: best };
  return { allowed: true, reason: `granted by ${cap}${best.scope ? ` ${best.scope.join(',')}` : ''}`, rule: best };
}

/** -1 when the grant does not cover the target; otherwise how specific the match is. */
function matchRank(g: Grant, cap: Capability, target?: string): number {
  if (!g.scope) return 0;
  if (target === undefined) return -1;
  let best = -1;
  for (const pattern of g.scope) {
    if (scopeMatches(CAPABILITIES[cap].scope, pattern, target)) best = Math.max(best, specificity(pattern));
  }
  return best;
}

function scopeMatches(kind: string, pattern: string, target: string): boolean {
  switch (kind) {
    case 'path':
      return globMatch(pattern, target);
    case 'host':
      return hostMatches(pattern, target);
    case 'port':
      return portMatches(pattern, target);
    case 'command':
      return pattern === '*' || pattern === target;
    default:
      return true;
  }
}

function hostMatches(pattern: string, host: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return h === p;
}

function portMatches(pattern: string, port: string): boolean {
  const n = Number(port);
  if (pattern === '*') return true;
  const m = /^(\d+)(?:-(\d+))?$/.exec(pattern);
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] ? Number(m[2]) : lo;
  return n >= lo && n <= hi;
}

/** `target`: the canonical value the check refused, recorded with the denial. */
export function denied(cap: Capability, result: CheckResult, target?: string): KernelError {
  return refusal('EACCES', `permission denied: ${result.reason} (needs ${cap})`, target);
}

/** Dropping may only shrink: we add deny rules, never remove them. */
export function dropGrant(grants: readonly Grant[], cap: Capability, scope?: string[]): Grant[] {
  if (!scope) return grants.filter((g) => g.cap !== cap || g.deny);
  return [...grants, { cap, scope, deny: true }];
}
