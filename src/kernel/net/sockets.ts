import dgram from 'node:dgram';
import net from 'node:net';
import { KernelError } from '../errors.js';
import { ObjectCounts } from '../ipc/objects.js';
import { Deadline } from '../ipc/wait.js';
import { netError } from './errors.js';
import type { Pinned } from './resolve.js';
import { applyAll, setOption, type OptionName } from './options.js';
import { Sock, type SocketType } from './socket.js';

export const SOCKETS_PER_PROCESS = 256;

/**
 * Real sockets behind kernel ids. Received bytes wait in the socket's inbox until the
 * owner reads them; past `recv_buffer_bytes` the connection is paused, so a fast
 * peer is slowed down by TCP itself. Only the owner sees a socket.
 */
export class Sockets {
  private readonly socks = new Map<number, Sock>();
  private nextId = 1;
  /** Sockets per owner, so the per-process limit is one lookup. */
  private readonly perOwner = new Map<number, number>();

  constructor(private readonly objects = new ObjectCounts()) {}

  create(pid: number, type: SocketType): Sock {
    const mine = this.perOwner.get(pid) ?? 0;
    // The count of all IPC objects first: when both are full, its message says more.
    this.objects.take(pid, 'socket');
    if (mine >= SOCKETS_PER_PROCESS) {
      this.objects.give(pid, 'socket');
      throw new KernelError('EMFILE', `too many sockets: process ${pid} has ${mine}, the most one process may; close some with socket.close first`);
    }
    this.perOwner.set(pid, mine + 1);
    const s = new Sock(this.nextId++, pid, type);
    this.socks.set(s.id, s);
    return s;
  }

  /** The caller's socket; another process's socket id means nothing here. */
  get(pid: number, id: number): Sock {
    const s = this.socks.get(id);
    if (!s || s.owner !== pid) throw new KernelError('EBADF', `no socket ${id} in process ${pid}`);
    return s;
  }

  list(pid: number) {
    return [...this.socks.values()].filter((s) => s.owner === pid).map((s) => s.info());
  }

  /**
   * TCP: remember where to listen or connect from. UDP: bind now, so datagrams can arrive.
   * Always the pinned address: the name was resolved and checked once, by the door.
   */
  async bind(pid: number, id: number, pin: Pinned, port: number) {
    const s = this.get(pid, id);
    if (s.state !== 'new') throw new KernelError('EINVAL', `socket ${id} is already ${s.state}`);
    const host = pin.addresses[0]!.address;
    s.localHost = host;
    s.localPort = port;
    if (s.type === 'udp') {
      const udp = this.udpOf(s, host);
      await new Promise<void>((resolve, reject) => {
        const fail = (e: Error) => reject(netError(e, `bind ${host}:${port}`));
        udp.once('error', fail);
        udp.bind(port, host, () => {
          udp.off('error', fail);
          resolve();
        });
      });
      s.bound = true;
      s.localPort = udp.address().port;
      applyAll(s);
    }
    s.state = 'bound';
    return { id, host: pin.host, address: host, port: s.localPort };
  }

  async listen(pid: number, id: number, backlog?: number) {
    const s = this.get(pid, id);
    if (s.type !== 'tcp') throw new KernelError('EINVAL', `socket ${id} is udp; only tcp sockets listen`);
    if (s.state !== 'bound') throw new KernelError('EINVAL', `bind socket ${id} to a host and port first (socket.bind)`);
    if (backlog !== undefined) setOption(s, 'backlog', backlog);
    const server = net.createServer();
    server.on('connection', (c) => {
      // Until accepted a connection is only held; an error on it must not crash us.
      c.on('error', () => {});
      if (s.pending.length >= (s.options.backlog as number)) return void c.destroy();
      s.pending.push(c);
      s.waiters.wake();
    });
    await new Promise<void>((resolve, reject) => {
      const fail = (e: Error) => reject(netError(e, `listen on ${s.localHost}:${s.localPort}`));
      server.once('error', fail);
      server.listen({ host: s.localHost, port: s.localPort, backlog: s.options.backlog as number }, () => {
        server.off('error', fail);
        resolve();
      });
    });
    server.on('error', (e) => (s.error = netError(e, `socket ${id}`)));
    s.server = server;
    s.state = 'listening';
    s.localPort = (server.address() as net.AddressInfo).port;
    return { id, host: s.localHost, port: s.localPort };
  }

  /** The next connection, as a new socket of the caller. */
  async accept(pid: number, id: number, timeoutMs?: number) {
    const s = this.get(pid, id);
    if (s.state !== 'listening') throw new KernelError('EINVAL', `socket ${id} is not listening (socket.listen first)`);
    const deadline = new Deadline(timeoutMs ?? (s.options.recv_timeout_ms as number));
    for (;;) {
      if (s.closed) throw new KernelError('EBADF', `socket ${id} was closed`);
      const c = s.pending.shift();
      if (c) {
        if (c.destroyed) continue;
        let conn: Sock;
        try {
          conn = this.create(pid, 'tcp');
        } catch (e) {
          c.destroy();
          throw e;
        }
        this.adopt(conn, c);
        return { id: conn.id, remote_host: conn.remoteHost, remote_port: conn.remotePort };
      }
      await s.waiters.wait(deadline.left(`no connection is waiting on socket ${id}`));
    }
  }

  /**
   * Connect to one of the pinned addresses (tried in the resolver's order, within one
   * timeout): never to the name, which a second lookup could send elsewhere.
   */
  async connect(pid: number, id: number, pin: Pinned, port: number, timeoutMs: number) {
    const s = this.get(pid, id);
    if (s.state === 'connected' || s.state === 'listening' || s.state === 'closed') throw new KernelError('EINVAL', `socket ${id} is ${s.state}`);
    const { host } = pin;
    if (s.type === 'udp') {
      const { address } = this.addressFor(s, pin);
      const udp = this.udpOf(s, address);
      await new Promise<void>((resolve, reject) => {
        const fail = (e: Error) => reject(netError(e, `connect ${host}:${port}`));
        udp.once('error', fail);
        udp.connect(port, address, () => {
          udp.off('error', fail);
          resolve();
        });
      });
      s.bound = true;
      applyAll(s);
      s.remoteHost = address;
      s.remotePort = port;
      s.state = 'connected';
      return { id, host, address, port };
    }
    const deadline = Date.now() + timeoutMs;
    let c: net.Socket | undefined;
    let failure: KernelError | undefined;
    for (const { address } of pin.addresses) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      try {
        c = await this.dial(s, host, address, port, left);
        break;
      } catch (e) {
        failure = e as KernelError;
        if (failure.code === 'ETIMEDOUT') break;
      }
    }
    if (!c) throw failure ?? new KernelError('ETIMEDOUT', `connect ${host}:${port}: no answer in ${timeoutMs} ms`);
    if (this.socks.get(id) !== s) {
      c.destroy();
      throw new KernelError('EBADF', `socket ${id} was closed while connecting`);
    }
    this.adopt(s, c);
    return { id, host, address: c.remoteAddress ?? pin.addresses[0]!.address, port, local_port: s.localPort };
  }

  /** One TCP connection attempt to one address. */
  private dial(s: Sock, host: string, address: string, port: number, timeoutMs: number): Promise<net.Socket> {
    return new Promise<net.Socket>((resolve, reject) => {
      const c = net.connect({ host: address, port, localAddress: s.localHost, localPort: s.localPort || undefined });
      const timer = setTimeout(() => {
        c.destroy();
        reject(new KernelError('ETIMEDOUT', `connect ${host}:${port}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      c.once('error', (e) => {
        clearTimeout(timer);
        reject(netError(e, `connect ${host}:${port}`));
      });
      c.once('connect', () => {
        clearTimeout(timer);
        c.removeAllListeners('error');
        resolve(c);
      });
    });
  }

  /** The pinned address a UDP socket uses: one of its family once it has one. */
  private addressFor(s: Sock, pin: Pinned) {
    return pin.addresses.find((a) => s.udpFamily === undefined || a.family === s.udpFamily) ?? pin.addresses[0]!;
  }

  async send(pid: number, id: number, data: Buffer) {
    const s = this.get(pid, id);
    if (s.error) throw s.error;
    if (s.state !== 'connected') throw new KernelError('ENOTCONN', `socket ${id} is not connected`);
    if (s.udp) {
      await new Promise<void>((resolve, reject) => s.udp!.send(data, (e) => (e ? reject(netError(e, `send on socket ${id}`)) : resolve())));
    } else {
      const c = s.conn!;
      if (c.destroyed || c.writableEnded) throw new KernelError('EPIPE', `socket ${id}: the connection is closed`);
      await new Promise<void>((resolve, reject) => c.write(data, (e) => (e ? reject(netError(e, `send on socket ${id}`)) : resolve())));
    }
    s.bytesSent += data.length;
    return { id, sent: data.length };
  }

  /** Up to maxBytes of what arrived; empty with eof once the peer has closed and all was read. */
  async recv(pid: number, id: number, maxBytes: number, timeoutMs?: number): Promise<{ data: Buffer; eof: boolean }> {
    const s = this.get(pid, id);
    if (s.udp && s.state === 'connected') {
      const d = await this.recvFrom(pid, id, maxBytes, timeoutMs);
      return { data: d.data, eof: false };
    }
    if (s.state !== 'connected') throw new KernelError('ENOTCONN', `socket ${id} is not connected`);
    const deadline = new Deadline(timeoutMs ?? (s.options.recv_timeout_ms as number));
    for (;;) {
      if (s.closed) throw new KernelError('EBADF', `socket ${id} was closed`);
      if (s.inbox.length) {
        const data = s.inbox.take(maxBytes);
        if (s.conn?.isPaused() && s.inbox.length < (s.options.recv_buffer_bytes as number)) s.conn.resume();
        return { data, eof: false };
      }
      if (s.error) throw s.error;
      if (s.eof) return { data: Buffer.alloc(0), eof: true };
      await s.waiters.wait(deadline.left(`nothing has arrived on socket ${id}`));
    }
  }

  async sendTo(pid: number, id: number, data: Buffer, pin: Pinned, port: number) {
    const s = this.get(pid, id);
    if (s.type !== 'udp') throw new KernelError('EINVAL', `socket ${id} is tcp; send_to is for udp (use connect and send)`);
    if (s.state === 'connected') throw new KernelError('EINVAL', `socket ${id} is connected; use send`);
    const { host } = pin;
    const { address } = this.addressFor(s, pin);
    const udp = this.udpOf(s, address);
    await new Promise<void>((resolve, reject) => udp.send(data, port, address, (e) => (e ? reject(netError(e, `send_to ${host}:${port}`)) : resolve())));
    if (!s.bound) {
      s.bound = true;
      s.localPort = udp.address().port;
      applyAll(s);
    }
    s.bytesSent += data.length;
    return { id, sent: data.length };
  }

  /** The next datagram and who sent it; a datagram longer than maxBytes is cut (truncated: true). */
  async recvFrom(pid: number, id: number, maxBytes: number, timeoutMs?: number) {
    const s = this.get(pid, id);
    if (s.type !== 'udp') throw new KernelError('EINVAL', `socket ${id} is tcp; recv_from is for udp (use recv)`);
    if (!s.udp) throw new KernelError('EINVAL', `socket ${id} has no address yet (socket.bind first)`);
    const deadline = new Deadline(timeoutMs ?? (s.options.recv_timeout_ms as number));
    for (;;) {
      if (s.closed) throw new KernelError('EBADF', `socket ${id} was closed`);
      const d = s.datagrams.shift();
      if (d) {
        s.datagramBytes -= d.data.length;
        return { data: d.data.subarray(0, maxBytes), host: d.host, port: d.port, truncated: d.data.length > maxBytes };
      }
      if (s.error) throw s.error;
      await s.waiters.wait(deadline.left(`no datagram has arrived on socket ${id}`));
    }
  }

  setOption(pid: number, id: number, name: OptionName, value: boolean | number) {
    const s = this.get(pid, id);
    setOption(s, name, value);
    return { id, name, value: s.options[name] };
  }

  getOption(pid: number, id: number, name: OptionName) {
    return { id, name, value: this.get(pid, id).options[name] };
  }

  close(pid: number, id: number) {
    this.remove(this.get(pid, id), false);
    return { id, closed: true };
  }

  bytesOwnedBy(pid: number): number {
    let n = 0;
    for (const s of this.socks.values()) if (s.owner === pid) n += s.buffered;
    return n;
  }

  release(pid: number) {
    for (const s of [...this.socks.values()]) if (s.owner === pid) this.remove(s, true);
  }

  shutdown() {
    for (const s of [...this.socks.values()]) this.remove(s, true);
  }

  /** A live TCP connection becomes this socket's: its bytes go to the inbox. */
  private adopt(s: Sock, c: net.Socket) {
    s.conn = c;
    s.state = 'connected';
    s.localHost = c.localAddress;
    s.localPort = c.localPort;
    s.remoteHost = c.remoteAddress;
    s.remotePort = c.remotePort;
    applyAll(s);
    c.on('data', (chunk: Buffer) => {
      s.inbox.push(chunk);
      s.bytesReceived += chunk.length;
      if (s.inbox.length >= (s.options.recv_buffer_bytes as number)) c.pause();
      s.waiters.wake();
    });
    c.on('end', () => {
      s.eof = true;
      s.waiters.wake();
    });
    c.on('error', (e) => {
      s.error = netError(e, `socket ${s.id}`);
      s.waiters.wake();
    });
    c.on('close', () => {
      s.eof = true;
      s.waiters.wake();
    });
  }

  private udpOf(s: Sock, host: string): dgram.Socket {
    if (s.udp) return s.udp;
    s.udpFamily = net.isIPv6(host) || host === '::' ? 6 : 4;
    const udp = dgram.createSocket({ type: s.udpFamily === 6 ? 'udp6' : 'udp4' });
    udp.on('message', (msg, rinfo) => {
      // Like a full socket buffer: datagrams that do not fit are dropped.
      if (s.datagramBytes + msg.length > (s.options.recv_buffer_bytes as number)) return;
      s.datagrams.push({ data: msg, host: rinfo.address, port: rinfo.port });
      s.datagramBytes += msg.length;
      s.bytesReceived += msg.length;
      s.waiters.wake();
    });
    udp.on('error', (e) => {
      s.error = netError(e, `socket ${s.id}`);
      s.waiters.wake();
    });
    s.udp = udp;
    return udp;
  }

  /** Close gracefully (buffered writes are sent) unless the owner is gone. */
  private remove(s: Sock, hard: boolean) {
    if (!this.socks.delete(s.id)) return;
    const mine = (this.perOwner.get(s.owner) ?? 1) - 1;
    if (mine > 0) this.perOwner.set(s.owner, mine);
    else this.perOwner.delete(s.owner);
    this.objects.give(s.owner, 'socket');
    s.state = 'closed';
    for (const c of s.pending.splice(0)) c.destroy();
    s.server?.close();
    if (hard) s.conn?.destroy();
    else s.conn?.destroySoon();
    if (s.udp) {
      try {
        s.udp.close();
      } catch {
        // Never bound: nothing to close.
      }
    }
    s.inbox.clear();
    s.datagrams.length = 0;
    s.datagramBytes = 0;
    s.waiters.wake();
  }
}
