import { z } from 'zod';
import { normalizeHost } from '../net/host.js';
import { pinBind, pinHost, type Pinned } from '../net/resolve.js';
import { OPTION_NAMES, SOCKET_OPTIONS } from '../net/options.js';
import type { CapSpec } from '../syscall.js';
import { defineSyscall } from '../syscall.js';
import { dataArg, decode, encode, encodingArg, idArg } from './data-args.js';

const id = idArg('socket');
const host = z.string().min(1).max(255).describe('a host name or IP address');
const port = z.number().int().min(0).max(65_535).describe('a port number (0: any free port)');
const remotePort = z.number().int().min(1).max(65_535).describe('the peer\'s port');
const maxBytes = z.number().int().min(1).max(64 * 1024 * 1024).default(65_536).describe('at most this many bytes');
const timeout = z.number().int().min(0).max(3_600_000).optional().describe('how long to wait, in ms (default: the recv_timeout_ms option; 0: do not wait)');

/**
 * Binding needs the port; binding anything but loopback also needs the host, checked
 * like a connection's: the name and every address it resolves to. The socket binds
 * only the pinned address.
 */
const bindCaps: CapSpec<{ host: string; port: number }>[] = [
  { cap: 'BIND_PORT', target: (x) => String(x.port) },
  { cap: 'NETWORK_ACCESS', check: (_k, proc, a) => pinBind(proc, normalizeHost(a.host)) },
];

/** NETWORK_ACCESS for host:port, checked on the name and on each address it resolves to; the socket uses only those. */
const pinned: CapSpec<{ host: string; port: number }> = { cap: 'NETWORK_ACCESS', check: (_k, proc, a) => pinHost(proc, normalizeHost(a.host), a.port) };

export const socketSyscalls = [
  defineSyscall({
    name: 'socket.create',
    doc: 'Make a socket (tcp or udp) owned by the caller; bind and listen, or connect, to use it.',
    args: () => z.object({ type: z.enum(['tcp', 'udp']).default('tcp').describe('tcp (a stream) or udp (datagrams)') }),
    caps: [],
    returns: '{id, type}',
    run: (ctx, a) => ({ id: ctx.kernel.net.sockets.create(ctx.proc.pid, a.type).id, type: a.type }),
  }),
  defineSyscall({
    name: 'socket.bind',
    doc: 'Give a socket a local address: needs BIND_PORT for the port, and NETWORK_ACCESS for a host other than 127.0.0.1, ::1 or localhost, and for every address a name resolves to (the socket binds that address, not the name).',
    args: () => z.object({ id, host: host.default('127.0.0.1'), port }),
    caps: bindCaps,
    returns: '{id, host, address, port}',
    run: (ctx, a) => ctx.kernel.net.sockets.bind(ctx.proc.pid, a.id, ctx.checked.NETWORK_ACCESS as Pinned, a.port),
  }),
  defineSyscall({
    name: 'socket.listen',
    doc: 'Accept connections on a bound tcp socket (port 0 picks a free one; the answer says which).',
    args: () => z.object({ id, backlog: z.number().int().min(1).max(4096).optional().describe('connections that may wait for accept') }),
    caps: [],
    returns: '{id, host, port}',
    run: (ctx, a) => ctx.kernel.net.sockets.listen(ctx.proc.pid, a.id, a.backlog),
  }),
  defineSyscall({
    name: 'socket.accept',
    doc: 'Take the next incoming connection as a new socket, waiting for one.',
    args: () => z.object({ id, timeout_ms: timeout }),
    caps: [],
    returns: '{id, remote_host, remote_port}',
    run: (ctx, a) => ctx.kernel.net.sockets.accept(ctx.proc.pid, a.id, a.timeout_ms),
  }),
  defineSyscall({
    name: 'socket.connect',
    doc: 'Connect to host:port. Needs NETWORK_ACCESS for that host:port, or for the host, and for every address a name resolves to (private and loopback addresses must be granted as such).',
    args: () => z.object({ id, host, port: remotePort, timeout_ms: z.number().int().min(1).max(300_000).default(10_000).describe('how long to try, in ms') }),
    caps: [pinned],
    returns: '{id, host, address, port, local_port}',
    run: (ctx, a) => ctx.kernel.net.sockets.connect(ctx.proc.pid, a.id, ctx.checked.NETWORK_ACCESS as Pinned, a.port, a.timeout_ms),
  }),
  defineSyscall({
    name: 'socket.send',
    doc: 'Send bytes on a connected socket.',
    args: () => z.object({ id, data: dataArg, encoding: encodingArg }),
    caps: [],
    returns: '{id, sent}',
    async run(ctx, a) {
      const r = await ctx.kernel.net.sockets.send(ctx.proc.pid, a.id, decode(a.data, a.encoding));
      ctx.wrote(r.sent);
      return r;
    },
  }),
  defineSyscall({
    name: 'socket.recv',
    doc: 'Receive what has arrived on a connected socket (up to max_bytes), waiting for data; eof once the peer closed.',
    args: () => z.object({ id, max_bytes: maxBytes, timeout_ms: timeout, encoding: encodingArg }),
    caps: [],
    returns: '{id, data, bytes, eof}',
    async run(ctx, a) {
      const r = await ctx.kernel.net.sockets.recv(ctx.proc.pid, a.id, a.max_bytes, a.timeout_ms);
      ctx.read(r.data.length);
      return { id: a.id, data: encode(r.data, a.encoding), bytes: r.data.length, eof: r.eof };
    },
  }),
  defineSyscall({
    name: 'socket.send_to',
    doc: 'Send one datagram from a udp socket to host:port (needs NETWORK_ACCESS for it, and for every address a name resolves to).',
    args: () => z.object({ id, data: dataArg, host, port: remotePort, encoding: encodingArg }),
    caps: [pinned],
    returns: '{id, sent}',
    async run(ctx, a) {
      const r = await ctx.kernel.net.sockets.sendTo(ctx.proc.pid, a.id, decode(a.data, a.encoding), ctx.checked.NETWORK_ACCESS as Pinned, a.port);
      ctx.wrote(r.sent);
      return r;
    },
  }),
  defineSyscall({
    name: 'socket.recv_from',
    doc: 'Receive one datagram on a udp socket and who sent it, waiting for one.',
    args: () => z.object({ id, max_bytes: maxBytes, timeout_ms: timeout, encoding: encodingArg }),
    caps: [],
    returns: '{id, data, bytes, host, port, truncated}',
    async run(ctx, a) {
      const r = await ctx.kernel.net.sockets.recvFrom(ctx.proc.pid, a.id, a.max_bytes, a.timeout_ms);
      ctx.read(r.data.length);
      return { id: a.id, data: encode(r.data, a.encoding), bytes: r.data.length, host: r.host, port: r.port, truncated: r.truncated };
    },
  }),
  defineSyscall({
    name: 'socket.close',
    doc: 'Close a socket (what was sent is still delivered).',
    args: () => z.object({ id }),
    caps: [],
    returns: '{id, closed}',
    run: (ctx, a) => ctx.kernel.net.sockets.close(ctx.proc.pid, a.id),
  }),
  defineSyscall({
    name: 'socket.set_option',
    doc: `Set a socket option: ${OPTION_NAMES.join(', ')}.`,
    args: () => z.object({
      id,
      name: z.enum(OPTION_NAMES).describe(OPTION_NAMES.map((n) => `${n} (${SOCKET_OPTIONS[n].doc})`).join('; ')),
      value: z.union([z.boolean(), z.number()]).describe('true/false or a number, as the option takes'),
    }),
    caps: [],
    returns: '{id, name, value}',
    run: (ctx, a) => ctx.kernel.net.sockets.setOption(ctx.proc.pid, a.id, a.name, a.value),
  }),
  defineSyscall({
    name: 'socket.get_option',
    doc: 'Read a socket option.',
    args: () => z.object({ id, name: z.enum(OPTION_NAMES).describe('the option') }),
    caps: [],
    returns: '{id, name, value}',
    run: (ctx, a) => ctx.kernel.net.sockets.getOption(ctx.proc.pid, a.id, a.name),
  }),
  defineSyscall({
    name: 'socket.list',
    doc: 'The calling process\'s sockets: type, state, addresses and byte counts.',
    args: () => z.object({}),
    caps: [],
    returns: '[{id, type, state, local, remote, buffered, pending, bytes_sent, bytes_received, eof}]',
    run: (ctx) => ctx.kernel.net.sockets.list(ctx.proc.pid),
  }),
];
