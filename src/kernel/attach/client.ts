import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ERROR_CODES, KernelError, type ErrorCode } from '../errors.js';
import type { Reply, WireError } from './protocol.js';

// Only types come from protocol.ts: a one-shot command attaching to a live kernel should not
// load zod or the kernel just to talk to it.

/** Where a live kernel's control socket and its info file live, in the runtime dir. */
export interface AttachPlace {
  dir: string;
  socket: string;
  infoFile: string;
}

export function attachPlace(runtimeDir: string): AttachPlace {
  return { dir: runtimeDir, socket: path.join(runtimeDir, 'kernel.sock'), infoFile: path.join(runtimeDir, 'kernel.json') };
}

/** What a live kernel publishes about itself (the info file, and the `info` method). */
export interface LiveInfo {
  pid: number;
  socket: string;
  /** ISO time the kernel booted. */
  started: string;
  version?: string;
  /** The web view's URL, once a web server runs. */
  web?: string;
  [key: string]: unknown;
}

/** The info file, or undefined when it is missing or unreadable (a crash mid-write cannot leave half of one). */
export function readInfo(file: string): LiveInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8'));
    return info && typeof info === 'object' && Number.isInteger(info.pid) ? (info as LiveInfo) : undefined;
  } catch {
    return undefined;
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const NOBODY_LISTENS = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTSOCK', 'ENOTDIR']);

function openSocket(socketPath: string): Promise<net.Socket | undefined> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(socketPath);
    sock.once('connect', () => {
      sock.removeAllListeners('error');
      resolve(sock);
    });
    sock.once('error', (e: NodeJS.ErrnoException) => {
      sock.destroy();
      if (e.code && NOBODY_LISTENS.has(e.code)) resolve(undefined);
      else reject(new KernelError('EIO', `cannot reach the live kernel at ${socketPath} (${e.code ?? e.message}); add --local for a private kernel`));
    });
  });
}

/** Connect to a live kernel; undefined when nobody listens there (no socket, or a stale one). */
export async function connect(socketPath: string): Promise<AttachClient | undefined> {
  const sock = await openSocket(socketPath);
  return sock && new AttachClient(sock, socketPath);
}

/** Whether something accepts connections on the socket (the stale-socket test). */
export async function canConnect(socketPath: string): Promise<boolean> {
  const sock = await openSocket(socketPath).catch(() => undefined);
  sock?.destroy();
  return !!sock;
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** A wire error back into the KernelError it was, so it prints exactly like a local one. */
export function toKernelError(e: WireError): KernelError {
  const code = (KNOWN_CODES.has(e.code) ? e.code : 'EIO') as ErrorCode;
  return new KernelError(code, e.message, e.syscall, e.path);
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: KernelError): void;
  timer?: NodeJS.Timeout;
}

/** One connection to a live kernel. Calls may overlap; replies are matched by id. */
export class AttachClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered: Buffer[] = [];
  private closedBecause?: string;

  constructor(private readonly sock: net.Socket, readonly socketPath: string) {
    // Idle connections do not keep the process alive; a call in flight does.
    sock.unref();
    sock.on('data', (chunk) => this.receive(chunk));
    sock.on('error', (e) => this.fail(`the connection to the live kernel failed: ${e.message}`));
    sock.on('close', () => this.fail('the live kernel closed the connection (did it stop?)'));
  }

  call<R = unknown>(method: string, params?: unknown, opts: { timeoutMs?: number } = {}): Promise<R> {
    if (this.closedBecause) return Promise.reject(new KernelError('EIO', this.closedBecause));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const p: Pending = { resolve: resolve as (v: unknown) => void, reject };
      if (opts.timeoutMs) {
        p.timer = setTimeout(() => this.settle(id, () => reject(new KernelError('ETIMEDOUT', `the live kernel did not answer ${method} within ${opts.timeoutMs} ms`))), opts.timeoutMs);
      }
      this.pending.set(id, p);
      this.sock.ref();
      this.sock.write(JSON.stringify({ id, method, params }) + '\n');
    });
  }

  /** A syscall in the live kernel, as its user process. */
  syscall<R = unknown>(name: string, args: Record<string, unknown> = {}): Promise<R> {
    return this.call<R>('syscall', { name, args });
  }

  close(): void {
    this.closedBecause ??= 'the connection to the live kernel is closed';
    this.sock.end();
    this.sock.destroy();
  }

  private receive(chunk: Buffer) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.buffered.push(chunk.subarray(start, nl));
      start = nl + 1;
      const line = Buffer.concat(this.buffered).toString('utf8');
      this.buffered = [];
      this.handle(line);
    }
    if (start < chunk.length) this.buffered.push(chunk.subarray(start));
  }

  private handle(line: string) {
    let reply: Reply;
    try {
      reply = JSON.parse(line);
    } catch {
      return; // Not ours to guess at; the caller's timeout or the close reports it.
    }
    if (!reply || typeof reply !== 'object' || typeof reply.id !== 'number') return;
    const id = reply.id;
    if (reply.ok === true) this.settle(id, (p) => p.resolve(reply.result));
    else if (reply.ok === false && reply.error) this.settle(id, (p) => p.reject(toKernelError(reply.error)));
  }

  private settle(id: number, fn: (p: Pending) => void) {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (!this.pending.size) this.sock.unref();
    fn(p);
  }

  private fail(why: string) {
    this.closedBecause ??= why;
    for (const id of [...this.pending.keys()]) this.settle(id, (p) => p.reject(new KernelError('EIO', why)));
  }
}

export type LiveState =
  | { state: 'running'; place: AttachPlace; info: LiveInfo }
  | { state: 'unresponsive'; place: AttachPlace; info?: LiveInfo }
  | { state: 'stale'; place: AttachPlace; info?: LiveInfo }
  | { state: 'none'; place: AttachPlace };

/** Whether a live kernel runs in this runtime dir, asking it for its current info. */
export async function probeLive(runtimeDir: string, timeoutMs = 3000): Promise<LiveState> {
  const place = attachPlace(runtimeDir);
  const fileInfo = readInfo(place.infoFile);
  const client = await connect(place.socket).catch(() => undefined);
  if (!client) {
    return existsSync(place.socket) || fileInfo ? { state: 'stale', place, info: fileInfo } : { state: 'none', place };
  }
  try {
    return { state: 'running', place, info: await client.call<LiveInfo>('info', undefined, { timeoutMs }) };
  } catch {
    return { state: 'unresponsive', place, info: fileInfo };
  } finally {
    client.close();
  }
}
