import { KernelError } from '../errors.js';
import type { Sock } from './socket.js';

/** A socket option: its type, its default, and how it reaches the live socket. */
interface OptionDef {
  type: 'boolean' | 'number';
  doc: string;
  default: boolean | number;
  min?: number;
  max?: number;
  apply?: (s: Sock, v: never) => void;
}

export const SOCKET_OPTIONS = {
  nodelay: { type: 'boolean', default: false, doc: 'TCP_NODELAY: send small writes at once', apply: (s: Sock, v: boolean) => s.conn?.setNoDelay(v) },
  keepalive: { type: 'boolean', default: false, doc: 'SO_KEEPALIVE: probe idle connections', apply: (s: Sock, v: boolean) => s.conn?.setKeepAlive(v, s.options.keepalive_delay_ms as number) },
  keepalive_delay_ms: { type: 'number', default: 0, min: 0, max: 86_400_000, doc: 'idle time before the first keepalive probe' },
  recv_timeout_ms: { type: 'number', default: 30_000, min: 0, max: 3_600_000, doc: 'SO_RCVTIMEO: how long recv, recv_from and accept wait by default' },
  recv_buffer_bytes: { type: 'number', default: 1024 * 1024, min: 1024, max: 64 * 1024 * 1024, doc: 'SO_RCVBUF: unread bytes held before the peer is slowed down' },
  backlog: { type: 'number', default: 128, min: 1, max: 4096, doc: 'connections waiting for accept before new ones are refused' },
  broadcast: { type: 'boolean', default: false, doc: 'SO_BROADCAST (udp)', apply: (s: Sock, v: boolean) => s.bound && s.udp?.setBroadcast(v) },
  ttl: { type: 'number', default: 64, min: 1, max: 255, doc: 'IP_TTL (udp)', apply: (s: Sock, v: number) => s.bound && s.udp?.setTTL(v) },
} satisfies Record<string, OptionDef>;

export type OptionName = keyof typeof SOCKET_OPTIONS;
export const OPTION_NAMES = Object.keys(SOCKET_OPTIONS) as OptionName[];
export type Options = Record<OptionName, boolean | number>;

export const defaultOptions = (): Options => Object.fromEntries(OPTION_NAMES.map((n) => [n, SOCKET_OPTIONS[n].default])) as Options;

export function setOption(s: Sock, name: OptionName, value: boolean | number) {
  const def: OptionDef = SOCKET_OPTIONS[name];
  if (typeof value !== def.type) throw new KernelError('EINVAL', `option ${name} takes a ${def.type}, not ${JSON.stringify(value)}`);
  if (typeof value === 'number' && (!Number.isInteger(value) || value < def.min! || value > def.max!)) {
    throw new KernelError('EINVAL', `option ${name} must be a whole number from ${def.min} to ${def.max}`);
  }
  s.options[name] = value;
  def.apply?.(s, value as never);
}

/** Options set before a connection exists take effect when it does. */
export function applyAll(s: Sock) {
  for (const n of OPTION_NAMES) {
    const def: OptionDef = SOCKET_OPTIONS[n];
    if (def.apply && s.options[n] !== def.default) def.apply(s, s.options[n] as never);
  }
}
