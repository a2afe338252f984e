import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { defineTool, type ToolContext, type ToolDef } from '../tools/types.js';
import { ServiceError } from './errors.js';
import { privateIo, readJsonMap, SERVICE_DIR, serialized, writeJsonMap } from './json-file.js';

/**
 * The auth service: users with scrypt-hashed passwords and login tokens that expire, kept
 * in /home/.agentos/auth by the auth service's own process (no app's grants reach it).
 * Tokens are stored only as SHA-256 hashes, so reading the sessions file does not let
 * anyone log in; no tool ever returns a password hash.
 */
export const USERS_PATH = `${SERVICE_DIR}/auth/users.json`;
export const SESSIONS_PATH = `${SERVICE_DIR}/auth/sessions.json`;

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };
const DEFAULT_TTL_S = 3600;

interface User {
  username: string;
  salt: string;
  hash: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; keylen: number };
  created: string;
  lastLogin?: string;
}
interface Session {
  user: string;
  created: number;
  expires: number;
}

const username = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a username is 1–64 letters, digits, ".", "_" or "-"')
  .describe('the user name');
const password = z.string().min(8, 'a password needs at least 8 characters').max(1024).describe('the password');
const token = z.string().regex(/^[0-9a-f]{64}$/, 'a token is 64 hex digits, as auth.login returns').describe('the token from auth.login');

/** One account per name whatever its case: "Bob" and "bob" are the same user. */
const userKey = (name: string) => name.toLowerCase();
const tokenKey = (t: string) => createHash('sha256').update(t).digest('hex');

function derive(secret: string, salt: Buffer, kdf: User['kdf']): Promise<Buffer> {
  const opts: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r };
  return new Promise((resolve, reject) => scrypt(secret, salt, kdf.keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** A user's public face: never the salt or the hash. */
const profile = (u: User) => ({ username: u.username, created: u.created, lastLogin: u.lastLogin ?? null });

/** Drop expired sessions so the file does not grow forever. */
function prune(sessions: Map<string, Session>, now: number) {
  for (const [k, s] of sessions) if (s.expires <= now) sessions.delete(k);
}

/** The live session of a token, or a clear error: unknown, logged out or expired. */
async function sessionOf(ctx: ToolContext, tool: string, t: string): Promise<Session> {
  const sessions = await serialized(SESSIONS_PATH, () => readJsonMap<Session>(privateIo(ctx, tool), tool, SESSIONS_PATH));
  const s = sessions.get(tokenKey(t));
  if (!s) throw new ServiceError(tool, 'EACCES', 'the token is not valid (never issued, or logged out); log in again');
  if (s.expires <= Date.now()) throw new ServiceError(tool, 'EACCES', `the token expired at ${new Date(s.expires).toISOString()}; log in again`);
  return s;
}

async function userOf(ctx: ToolContext, tool: string, name: string): Promise<User | undefined> {
  const users = await serialized(USERS_PATH, () => readJsonMap<User>(privateIo(ctx, tool), tool, USERS_PATH));
  return users.get(userKey(name));
}

/** Compared in constant time; an unknown user costs a hash too, so timing tells nothing. */
async function passwordMatches(user: User | undefined, secret: string): Promise<boolean> {
  const salt = user ? Buffer.from(user.salt, 'base64') : randomBytes(16);
  const kdf = user?.kdf ?? { name: 'scrypt' as const, ...SCRYPT };
  const got = await derive(secret, salt, kdf);
  if (!user) return false;
  const want = Buffer.from(user.hash, 'base64');
  return want.length === got.length && timingSafeEqual(want, got);
}

export const AUTH_TOOLS: ToolDef[] = [
  defineTool({
    id: 'auth.register',
    doc: 'Create a user with a password (at least 8 characters).',
    service: 'auth',
    params: () => z.object({ username, password }),
    async run(ctx, p) {
      const salt = randomBytes(16);
      const kdf = { name: 'scrypt' as const, ...SCRYPT };
      const hash = await derive(p.password, salt, kdf);
      return serialized(USERS_PATH, async () => {
        const users = await readJsonMap<User>(privateIo(ctx, 'auth.register'), 'auth.register', USERS_PATH);
        const existing = users.get(userKey(p.username));
        if (existing) throw new ServiceError('auth.register', 'EEXIST', `the user "${existing.username}" already exists; log in or choose another name`);
        const user: User = { username: p.username, salt: salt.toString('base64'), hash: hash.toString('base64'), kdf, created: new Date().toISOString() };
        users.set(userKey(p.username), user);
        await writeJsonMap(privateIo(ctx, 'auth.register'), USERS_PATH, users);
        return profile(user);
      });
    },
  }),
  defineTool({
    id: 'auth.login',
    doc: 'Check a password and get a token that expires (after an hour unless ttl_seconds says otherwise).',
    service: 'auth',
    params: () => z.object({
      username,
      password: z.string().min(1, 'the password is empty').max(1024).describe('the password'),
      ttl_seconds: z.number().positive().max(30 * 24 * 3600).default(DEFAULT_TTL_S).describe('how long the token lasts (default 3600, at most 30 days)'),
    }),
    async run(ctx, p) {
      const user = await userOf(ctx, 'auth.login', p.username);
      const ok = await passwordMatches(user, p.password);
      if (!user) throw new ServiceError('auth.login', 'ENOENT', `there is no user "${p.username}"; register first`);
      if (!ok) throw new ServiceError('auth.login', 'EACCES', `wrong password for "${user.username}"`);
      const t = randomBytes(32).toString('hex');
      const now = Date.now();
      const session: Session = { user: userKey(user.username), created: now, expires: now + p.ttl_seconds * 1000 };
      await serialized(SESSIONS_PATH, async () => {
        const sessions = await readJsonMap<Session>(privateIo(ctx, 'auth.login'), 'auth.login', SESSIONS_PATH);
        prune(sessions, now);
        sessions.set(tokenKey(t), session);
        await writeJsonMap(privateIo(ctx, 'auth.login'), SESSIONS_PATH, sessions);
      });
      await serialized(USERS_PATH, async () => {
        const users = await readJsonMap<User>(privateIo(ctx, 'auth.login'), 'auth.login', USERS_PATH);
        const u = users.get(userKey(user.username));
        if (!u) return;
        u.lastLogin = new Date(now).toISOString();
        await writeJsonMap(privateIo(ctx, 'auth.login'), USERS_PATH, users);
      });
      return { token: t, username: user.username, expires: new Date(session.expires).toISOString() };
    },
  }),
  defineTool({
    id: 'auth.logout',
    doc: 'End a login: the token stops working.',
    service: 'auth',
    params: () => z.object({ token }),
    run: (ctx, p) =>
      serialized(SESSIONS_PATH, async () => {
        const sessions = await readJsonMap<Session>(privateIo(ctx, 'auth.logout'), 'auth.logout', SESSIONS_PATH);
        const loggedOut = sessions.delete(tokenKey(p.token));
        prune(sessions, Date.now());
        await writeJsonMap(privateIo(ctx, 'auth.logout'), SESSIONS_PATH, sessions);
        return { loggedOut };
      }),
  }),
  defineTool({
    id: 'auth.verify',
    doc: 'Check a token: {valid, username, expires}, or an error saying it expired or is unknown.',
    service: 'auth',
    params: () => z.object({ token }),
    async run(ctx, p) {
      const s = await sessionOf(ctx, 'auth.verify', p.token);
      const user = await userOf(ctx, 'auth.verify', s.user);
      if (!user) throw new ServiceError('auth.verify', 'EACCES', 'the token belongs to a user who no longer exists');
      return { valid: true, username: user.username, expires: new Date(s.expires).toISOString() };
    },
  }),
  defineTool({
    id: 'auth.getUser',
    doc: 'The logged-in user of a token: username, created, lastLogin (never the password hash).',
    service: 'auth',
    params: () => z.object({ token }),
    async run(ctx, p) {
      const s = await sessionOf(ctx, 'auth.getUser', p.token);
      const user = await userOf(ctx, 'auth.getUser', s.user);
      if (!user) throw new ServiceError('auth.getUser', 'ENOENT', 'the token belongs to a user who no longer exists');
      return profile(user);
    },
  }),
];
