import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SERVICE_TOOLS } from '../../../src/runtime/services/index.js';
import { tempDir, testKernel } from '../../helpers/kernel.js';
import { appContext, failure, runTool } from './tool-context.js';

const run = (ctx: Parameters<typeof runTool>[1], id: string, params?: Record<string, unknown>) => runTool(SERVICE_TOOLS, ctx, id, params);

afterEach(() => {
  vi.useRealTimers();
});

describe('auth service', () => {
  test('register stores a scrypt hash with a salt, never the password, and never returns either', async () => {
    const home = tempDir();
    const ctx = appContext(testKernel({ home }));
    const user = await run(ctx, 'auth.register', { username: 'alice', password: 'correct horse' });
    expect(user).toEqual({ username: 'alice', created: expect.any(String), lastLogin: null });
    const file = readFileSync(path.join(home, '.agentos/auth/users.json'), 'utf8');
    expect(file).not.toContain('correct horse');
    const stored = JSON.parse(file).alice;
    expect(stored.kdf.name).toBe('scrypt');
    expect(Buffer.from(stored.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(stored.hash, 'base64')).toHaveLength(64);
  });

  test('a duplicate user (in any case) is refused clearly', async () => {
    const ctx = appContext(testKernel());
    await run(ctx, 'auth.register', { username: 'bob', password: 'password1' });
    const err = await failure(run(ctx, 'auth.register', { username: 'BOB', password: 'password2' }));
    expect(err.code).toBe('EEXIST');
    expect(err.message).toBe('auth.register: the user "bob" already exists; log in or choose another name');
  });

  test('login checks the password; the token verifies, names its user, and stops after logout', async () => {
    const ctx = appContext(testKernel());
    await run(ctx, 'auth.register', { username: 'carol', password: 'open sesame' });

    const wrong = await failure(run(ctx, 'auth.login', { username: 'carol', password: 'open sesame!' }));
    expect(wrong.message).toBe('auth.login: wrong password for "carol"');
    expect(wrong.code).toBe('EACCES');
    const nobody = await failure(run(ctx, 'auth.login', { username: 'dave', password: 'whatever1' }));
    expect(nobody.message).toBe('auth.login: there is no user "dave"; register first');

    const login = await run(ctx, 'auth.login', { username: 'Carol', password: 'open sesame' });
    expect(login.token).toMatch(/^[0-9a-f]{64}$/);
    expect(login.username).toBe('carol');
    expect(Date.parse(login.expires) - Date.now()).toBeGreaterThan(3500 * 1000);

    expect(await run(ctx, 'auth.verify', { token: login.token })).toEqual({ valid: true, username: 'carol', expires: login.expires });
    const me = await run(ctx, 'auth.getUser', { token: login.token });
    expect(me).toEqual({ username: 'carol', created: expect.any(String), lastLogin: expect.any(String) });
    expect(JSON.stringify(me)).not.toMatch(/hash|salt/);

    expect(await run(ctx, 'auth.logout', { token: login.token })).toEqual({ loggedOut: true });
    const after = await failure(run(ctx, 'auth.verify', { token: login.token }));
    expect(after.message).toMatch(/^auth\.verify: the token is not valid/);
  });

  test('a token expires after its ttl', async () => {
    const ctx = appContext(testKernel());
    await run(ctx, 'auth.register', { username: 'erin', password: 'longpassword' });
    const { token } = await run(ctx, 'auth.login', { username: 'erin', password: 'longpassword', ttl_seconds: 1 });
    expect(await run(ctx, 'auth.verify', { token })).toMatchObject({ valid: true });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 1500);
    const err = await failure(run(ctx, 'auth.verify', { token }));
    expect(err.code).toBe('EACCES');
    expect(err.message).toMatch(/^auth\.verify: the token expired at .*; log in again$/);
    expect((await failure(run(ctx, 'auth.getUser', { token }))).message).toMatch(/expired/);
  });

  test('users and tokens survive a restart; the sessions file holds no usable token', async () => {
    const home = tempDir();
    const first = appContext(testKernel({ home }));
    await run(first, 'auth.register', { username: 'frank', password: 'frankfrank' });
    const { token } = await run(first, 'auth.login', { username: 'frank', password: 'frankfrank' });
    expect(readFileSync(path.join(home, '.agentos/auth/sessions.json'), 'utf8')).not.toContain(token);
    const second = appContext(testKernel({ home }));
    expect(await run(second, 'auth.verify', { token })).toMatchObject({ username: 'frank' });
  });

  test('bad input is refused before anything runs', () => {
    const register = SERVICE_TOOLS.find((t) => t.id === 'auth.register')!;
    expect(register.params.safeParse({ username: 'ok', password: 'short' }).success).toBe(false);
    expect(register.params.safeParse({ username: 'no spaces', password: 'longenough' }).success).toBe(false);
    const verify = SERVICE_TOOLS.find((t) => t.id === 'auth.verify')!;
    expect(verify.params.safeParse({ token: 'abc' }).success).toBe(false);
  });
});
