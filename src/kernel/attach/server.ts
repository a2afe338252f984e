import { chmodSync, existsSync, lstatSync, mkdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { z } from 'zod';
import { KernelError, fromNodeError } from '../errors.js';
import { KERNEL_VERSION, type Kernel } from '../kernel.js';
import { didYouMean } from '../../util/suggest.js';
import { attachPlace, canConnect, pidAlive, readInfo, type AttachPlace, type LiveInfo } from './client.js';
import {
  MAX_IN_FLIGHT,
  MAX_MESSAGE_BYTES,
  MethodTable,
  Request,
  defineMethod,
  methods,
  type AttachMethod,
  type MethodContext,
  type RequestId,
  type WireError,
} from './protocol.js';

/** Linux keeps unix socket paths in 108 bytes, the last one a NUL. */
const MAX_SOCKET_PATH = 107;
/** A client that stops reading its replies is dropped before it fills our memory. */
const MAX_UNREAD_REPLY_BYTES = 64 * 1024 * 1024;

export interface AttachServer {
  readonly socket: string;
  readonly infoFile: string;
  /** Add a method bound to this server's objects (process-wide ones go to `registerMethod`). */
  registerMethod<S extends z.ZodType>(m: AttachMethod<S>): void;
  /** Rewrite the info file from `kernel.info` (after the web server sets `kernel.info.web`). */
  publish(): void;
  /** Stop listening, drop connections, remove the socket and the info file. */
  close(): Promise<void>;
}

export interface AttachOptions {
  /** The runtime dir (places().runtime): socket and info file go here. */
  dir: string;
  maxMessageBytes?: number;
}

const builtins: AttachMethod[] = [
  defineMethod({
    name: 'syscall',
    doc: 'Make one syscall as the live kernel\'s user process.',
    params: z.object({ name: z.string().min(1).max(128), args: z.record(z.string(), z.unknown()).default({}) }),
    run: (ctx, p) => ctx.kernel.syscall(ctx.pid, p.name, p.args),
  }),
  defineMethod({
    name: 'info',
    doc: 'What this live kernel is: host pid, socket, start time, uptime, web URL.',
    params: z.unknown(),
    run: (ctx) => liveInfo(ctx.kernel),
  }),
];
for (const m of builtins) methods.register(m);

function liveInfo(kernel: Kernel): LiveInfo {
  return {
    pid: process.pid,
    socket: String(kernel.info.socket ?? ''),
    started: new Date(kernel.bootTime).toISOString(),
    uptime_s: Math.round((Date.now() - kernel.bootTime) / 1000),
    version: KERNEL_VERSION,
    user_pid: kernel.userPid,
    processes: kernel.procs.list().length,
    ...kernel.info,
  };
}

/**
 * Listen on the runtime dir's control socket so that one-shot commands, agents and views in
 * other processes reach this kernel. Refuses (EADDRINUSE) when a live kernel already listens
 * there; replaces a stale socket left by a crashed run.
 */
export async function startAttachServer(kernel: Kernel, opts: AttachOptions): Promise<AttachServer> {
  const place = attachPlace(opts.dir);
  const maxMessage = opts.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  if (Buffer.byteLength(place.socket) > MAX_SOCKET_PATH) {
    throw new KernelError('ENAMETOOLONG', `the control socket path ${place.socket} is longer than ${MAX_SOCKET_PATH} bytes; set AGENTOS_RUNTIME_DIR to a shorter folder`);
  }
  privateDir(place.dir);
  await clearStale(place);

  const table = new MethodTable(methods);
  table.register(
    defineMethod({
      name: 'methods',
      doc: 'Every method this socket answers, with what it does.',
      params: z.unknown(),
      run: () => table.list().map((m) => ({ name: m.name, doc: m.doc })),
    }),
  );
  const ctx: MethodContext = { kernel, pid: kernel.userPid };
  const connections = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    connections.add(sock);
    sock.on('close', () => connections.delete(sock));
    serveConnection(sock, table, ctx, maxMessage);
  });
  server.maxConnections = 256;
  await listenPrivately(server, place);
  const inode = statSync(place.socket).ino;

  kernel.info.socket = place.socket;
  const publish = () => writeAtomically(place.infoFile, JSON.stringify(liveInfoFile(kernel), null, 2) + '\n');
  publish();

  // A crash that still runs exit handlers should not leave a stale socket behind.
  const removeFiles = () => {
    try {
      if (statSync(place.socket).ino === inode) unlinkSync(place.socket);
    } catch {}
    if (readInfo(place.infoFile)?.pid === process.pid) rmSync(place.infoFile, { force: true });
  };
  process.on('exit', removeFiles);

  let closing: Promise<void> | undefined;
  return {
    socket: place.socket,
    infoFile: place.infoFile,
    registerMethod: (m) => table.register(m),
    publish,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const sock of connections) sock.destroy();
      }).then(() => {
        removeFiles();
        process.off('exit', removeFiles);
        delete kernel.info.socket;
      });
      return closing;
    },
  };
}

/** The info file: who listens where, without the per-call fields (uptime, process count). */
function liveInfoFile(kernel: Kernel) {
  const { uptime_s: _u, processes: _p, ...rest } = liveInfo(kernel);
  return rest;
}

/** 0700 for our own folder; a shared sticky folder (/tmp) we leave alone: the socket is 0600. */
function privateDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = statSync(dir);
  const ours = typeof process.getuid !== 'function' || st.uid === process.getuid();
  if (ours && (st.mode & 0o077) !== 0 && (st.mode & 0o1000) === 0) chmodSync(dir, 0o700);
}

async function clearStale(place: AttachPlace) {
  let st;
  try {
    st = lstatSync(place.socket);
  } catch {
    // No socket: an info file alone is left over from a crash.
    const info = readInfo(place.infoFile);
    if (existsSync(place.infoFile) && !(info && pidAlive(info.pid))) rmSync(place.infoFile, { force: true });
    return;
  }
  const info = readInfo(place.infoFile);
  // A dead pid is stale without asking; a live pid may be a reused one, so try the socket too.
  const live = info && !pidAlive(info.pid) ? false : await canConnect(place.socket);
  if (live) throw alreadyRunning(place, info);
  if (!st.isSocket() && !st.isFile()) throw new KernelError('EEXIST', `${place.socket} exists and is not a socket; remove it`);
  rmSync(place.socket, { force: true });
  rmSync(place.infoFile, { force: true });
}

function alreadyRunning(place: AttachPlace, info: LiveInfo | undefined) {
  const who = info ? `pid ${info.pid}, ` : '';
  const stop = info ? `stop it with \`kill ${info.pid}\` to start another` : 'stop it to start another';
  return new KernelError('EADDRINUSE', `a live kernel already runs (${who}socket ${place.socket}); commands attach to it, or ${stop}`);
}

/** Bind with a umask that makes the socket 0600 from its first moment, then make sure. */
function listenPrivately(server: net.Server, place: AttachPlace): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? alreadyRunning(place, readInfo(place.infoFile)) : fromNodeError(e, `listen on ${place.socket}`));
    });
    const umask = process.umask(0o177);
    try {
      server.listen(place.socket, () => {
        server.removeAllListeners('error');
        server.on('error', () => {}); // Accept errors (EMFILE) must not crash the kernel.
        try {
          chmodSync(place.socket, 0o600);
          resolve();
        } catch (e) {
          server.close();
          reject(fromNodeError(e, `chmod ${place.socket}`));
        }
      });
    } finally {
      process.umask(umask);
    }
  });
}

function writeAtomically(file: string, text: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

/** Read request lines, answer each as it finishes. Nothing a client sends can throw out of here. */
function serveConnection(sock: net.Socket, table: MethodTable, ctx: MethodContext, maxMessage: number) {
  let parts: Buffer[] = [];
  let size = 0;
  /** After an oversized line: drop bytes until its end. */
  let skipping = false;
  let inFlight = 0;

  const send = (reply: object) => {
    if (sock.destroyed) return;
    let text: string;
    try {
      text = JSON.stringify(reply, wireValue);
    } catch (e) {
      const id = (reply as { id: RequestId | null }).id;
      text = JSON.stringify({ id, ok: false, error: { code: 'EIO', message: `the result cannot be sent: ${(e as Error).message}` } });
    }
    sock.write(text + '\n');
    if (sock.writableLength > MAX_UNREAD_REPLY_BYTES) sock.destroy();
  };
  const fail = (id: RequestId | null, error: WireError) => send({ id, ok: false, error });
  const tooBig = () => fail(null, { code: 'E2BIG', message: `message longer than ${maxMessage} bytes; it was skipped` });

  const handle = (line: string) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      return fail(null, { code: 'EINVAL', message: `not valid JSON (${(e as Error).message}); send one request object per line` });
    }
    const req = Request.safeParse(raw);
    if (!req.success) {
      const id = requestIdOf(raw);
      const issue = req.error.issues[0]!;
      return fail(id, { code: 'EINVAL', message: `${issue.path.join('.') || 'request'}: ${issue.message}; a request is {"id", "method", "params"}` });
    }
    const { id, method, params } = req.data;
    if (inFlight >= MAX_IN_FLIGHT) return fail(id, { code: 'EAGAIN', message: `${MAX_IN_FLIGHT} calls already running on this connection; wait for replies` });
    inFlight++;
    callMethod(table, ctx, method, params)
      .then(
        (result) => send({ id, ok: true, result }),
        (e) => {
          const err = e instanceof KernelError ? e : fromNodeError(e, method);
          fail(id, { code: err.code, message: err.message, syscall: err.syscall, path: err.path });
        },
      )
      .finally(() => inFlight--);
  };

  sock.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (skipping) {
        skipping = false;
        continue;
      }
      if (size + piece.length > maxMessage) {
        parts = [];
        size = 0;
        tooBig();
        continue;
      }
      parts.push(piece);
      const line = Buffer.concat(parts).toString('utf8');
      parts = [];
      size = 0;
      handle(line);
    }
    const rest = chunk.subarray(start);
    if (skipping || !rest.length) return;
    if (size + rest.length > maxMessage) {
      parts = [];
      size = 0;
      skipping = true;
      tooBig();
      return;
    }
    parts.push(rest);
    size += rest.length;
  });
  sock.on('error', () => {}); // A client vanishing mid-reply is its business, not a kernel crash.
}

/**
 * The one door for methods: look up, check params, run. The socket uses it, and so does a
 * command without a live kernel (the same methods, run in its private kernel).
 */
export async function callMethod(table: MethodTable, ctx: MethodContext, method: string, params: unknown): Promise<unknown> {
  const m = table.get(method);
  if (!m) {
    const names = table.list().map((x) => x.name);
    throw new KernelError('ENOSYS', `unknown method "${method}"${didYouMean(method, names)}; methods: ${names.join(', ')}`);
  }
  const parsed = m.params.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const field = path.length ? path.join('.') : 'params';
    throw new KernelError('EINVAL', `${method}: ${field}: ${issue.message.replace(/^Invalid input: /, '')}`, undefined, path);
  }
  return m.run(ctx, parsed.data);
}

/** The id of a malformed request, when it has a usable one, so its sender can match the error. */
function requestIdOf(raw: unknown): RequestId | null {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return (typeof id === 'number' && Number.isInteger(id)) || (typeof id === 'string' && id.length <= 128) ? id : null;
}

/** JSON has no bigint or bytes: numbers when exact, else text; bytes as base64. */
function wireValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
    return Buffer.from((value as { data: number[] }).data).toString('base64');
  }
  return value;
}
