import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
import {
  as,
  buildEnvironment,
  buildTestApp,
  createUserAs,
  signInAs,
  type Session,
} from './support/test-app.js';

interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  active: boolean;
}

describeDb('user administration and roles', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let host: string;
  let admin: Session;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database);
    host = (await buildEnvironment(tdb.database, 'users')).host;
    admin = await signInAs(app, host, 'admin');
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

  it('lets an admin create, list, rename, change role and deactivate users, audit-logging each change', async () => {
    const id = await createUserAs(app, admin, 'Lisa.Kassa', 'cashier');
    const list = await app.inject({ url: '/api/users', headers: as(admin) });
    const lisa = list.json<{ users: UserView[] }>().users.find((u) => u.id === id);
    expect(lisa).toMatchObject({ username: 'lisa.kassa', role: 'cashier', active: true });
    expect(JSON.stringify(list.json())).not.toContain('scrypt');

    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: as(admin),
      payload: { displayName: 'Lisa Larsson', role: 'manager' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json<{ user: UserView }>().user).toMatchObject({
      displayName: 'Lisa Larsson',
      role: 'manager',
    });

    const off = await app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: as(admin),
      payload: { active: false },
    });
    expect(off.json<{ user: UserView }>().user.active).toBe(false);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host },
      payload: { username: 'lisa.kassa', password: 'ett-bra-losenord-42' },
    });
    expect(signIn.statusCode).toBe(403);
    expect(errorCode(signIn.body)).toBe('account-deactivated');

    const audit = await app.inject({ url: '/api/audit-log', headers: as(admin) });
    const actions = audit
      .json<{ entries: { action: string; targetId: string; actor: string }[] }>()
      .entries.filter((e) => e.targetId === id)
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(['user.created', 'user.updated', 'user.updated']);
  });

  it('refuses a username that is taken', async () => {
    await createUserAs(app, admin, 'dubbel', 'cashier');
    const again = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(admin),
      payload: {
        username: 'DUBBEL',
        displayName: 'Dubbel',
        role: 'cashier',
        password: 'ett-bra-losenord-42',
      },
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again.body)).toBe('username-taken');
  });

  it('resets a password: the old one stops working and the user is signed out everywhere', async () => {
    const id = await createUserAs(app, admin, 'glomsk', 'manager', 'gamla-losenordet-1');
    const oldSession = await signInAs(app, host, 'glomsk', 'gamla-losenordet-1');
    const reset = await app.inject({
      method: 'POST',
      url: `/api/users/${id}/password`,
      headers: as(admin),
      payload: { password: 'nya-losenordet-2' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/me', headers: as(oldSession) })).statusCode).toBe(
      401,
    );
    await expect(signInAs(app, host, 'glomsk', 'gamla-losenordet-1')).rejects.toThrow(/401/);
    expect((await signInAs(app, host, 'glomsk', 'nya-losenordet-2')).userId).toBe(id);
  });

  it('keeps at least one active admin, and an admin cannot demote or deactivate themselves', async () => {
    const self = await app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.userId}`,
      headers: as(admin),
      payload: { active: false },
    });
    expect(self.statusCode).toBe(409);
    expect(errorCode(self.body)).toBe('cannot-change-own-account');

    const otherAdminId = await createUserAs(app, admin, 'admin2', 'admin');
    const other = await signInAs(app, host, 'admin2', 'ett-bra-losenord-42');
    // admin2 may demote the first admin, since admin2 remains...
    const demote = await app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.userId}`,
      headers: as(other),
      payload: { role: 'manager' },
    });
    expect(demote.statusCode).toBe(200);
    // ...but then admin2 is the last admin and cannot be deactivated by anyone.
    const firstAgain = await signInAs(app, host, 'admin');
    const last = await app.inject({
      method: 'PATCH',
      url: `/api/users/${otherAdminId}`,
      headers: as(firstAgain),
      payload: { active: false },
    });
    expect(last.statusCode).toBe(403); // the first admin is a manager now
    expect(errorCode(last.body)).toBe('forbidden-admin-only');
    const restore = await app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.userId}`,
      headers: as(other),
      payload: { role: 'admin' },
    });
    expect(restore.statusCode).toBe(200);
    admin = await signInAs(app, host, 'admin');
  });

  it('leaves the only remaining admin unable to demote themselves', async () => {
    const db = await createTestDatabase();
    const solo = await buildTestApp(db.database);
    try {
      const env = await buildEnvironment(db.database, 'solo');
      const a = await signInAs(solo, env.host, 'admin');
      const mgrId = await createUserAs(solo, a, 'chef', 'admin');
      const chef = await signInAs(solo, env.host, 'chef', 'ett-bra-losenord-42');
      // chef deactivates admin, leaving chef as the only admin; then nobody can remove chef
      const off = await solo.inject({
        method: 'PATCH',
        url: `/api/users/${a.userId}`,
        headers: as(chef),
        payload: { active: false },
      });
      expect(off.statusCode).toBe(200);
      const selfDemote = await solo.inject({
        method: 'PATCH',
        url: `/api/users/${mgrId}`,
        headers: as(chef),
        payload: { role: 'cashier' },
      });
      expect(errorCode(selfDemote.body)).toBe('cannot-change-own-account');
    } finally {
      await solo.close();
      await db.drop();
    }
  });

  it('gives managers 403 on user administration and cashiers 403 on every backoffice route, with clear codes', async () => {
    await createUserAs(app, admin, 'chefen', 'manager');
    await createUserAs(app, admin, 'kassoren', 'cashier');
    const manager = await signInAs(app, host, 'chefen', 'ett-bra-losenord-42');
    const cashier = await signInAs(app, host, 'kassoren', 'ett-bra-losenord-42');

    const managerUsers = await app.inject({ url: '/api/users', headers: as(manager) });
    expect(managerUsers.statusCode).toBe(403);
    expect(errorCode(managerUsers.body)).toBe('forbidden-admin-only');
    expect((await app.inject({ url: '/api/environment', headers: as(manager) })).statusCode).toBe(
      200,
    );

    for (const route of app.apiRoutes) {
      if (
        route.url.startsWith('/api/auth/') ||
        route.url.startsWith('/api/register/') ||
        route.url === '/api/health' ||
        route.url === '/api/openapi.json'
      )
        continue;
      const response = await app.inject({
        method: route.method as 'GET',
        url: route.url.replace(':id', admin.userId),
        headers: as(cashier),
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(errorCode(response.body)).toBe('forbidden-cashier');
      expect(JSON.parse(response.body)).toMatchObject({
        error: { sv: expect.stringContaining('Kassörer') as unknown },
      });
    }
    // A cashier may still ask who they are (the web app uses it to explain).
    expect((await app.inject({ url: '/api/auth/me', headers: as(cashier) })).statusCode).toBe(200);
  });
});
