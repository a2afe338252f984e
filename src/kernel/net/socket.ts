import type { Socket as UdpSocket } from 'node:dgram';
import type { Server, Socket as TcpSocket } from 'node:net';
import type { KernelError } from '../errors.js';
import { ByteQueue } from '../ipc/byte-queue.js';
import { WaitList } from '../ipc/wait.js';
import { defaultOptions, type Options } from './options.js';

export type SocketType = 'tcp' | 'udp';
export type SocketState = 'new' | 'bound' | 'listening' | 'connected' | 'closed';

export interface Datagram {
  data: Buffer;
  host: string;
  port: number;
}

/** One kernel socket: a TCP listener, a TCP connection, or a UDP endpoint. */
export class Sock {
  state: SocketState = 'new';
  bound = false;
  localHost?: string;
  localPort?: number;
  remoteHost?: string;
  remotePort?: number;
  server?: Server;
  conn?: TcpSocket;
  udp?: UdpSocket;
  /** The address family of the UDP socket, once it has one. */
  udpFamily?: 4 | 6;
  /** TCP bytes received and not yet read. */
  readonly inbox = new ByteQueue();
  /** UDP datagrams received and not yet read. */
  readonly datagrams: Datagram[] = [];
  datagramBytes = 0;
  /** Connections waiting for accept. */
  readonly pending: TcpSocket[] = [];
  readonly waiters = new WaitList();
  readonly options: Options = defaultOptions();
  /** The peer finished sending (TCP FIN). */
  eof = false;
  error?: KernelError;
  bytesSent = 0;
  bytesReceived = 0;

  constructor(readonly id: number, readonly owner: number, readonly type: SocketType) {}

  /** Closed while a call waited on it. */
  get closed() {
    return this.state === 'closed';
  }

  get buffered() {
    return this.inbox.length + this.datagramBytes;
  }

  info() {
    return {
      id: this.id,
      type: this.type,
      state: this.state,
      local: this.localPort !== undefined ? { host: this.localHost, port: this.localPort } : null,
      remote: this.remotePort !== undefined ? { host: this.remoteHost, port: this.remotePort } : null,
      buffered: this.buffered,
      pending: this.pending.length,
      bytes_sent: this.bytesSent,
      bytes_received: this.bytesReceived,
      eof: this.eof,
    };
  }
}
