import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeDb,
  TEST_DB_KIND,
  type TestDatabase,
} from './support/test-db.js';
import { buildEnvironment, buildTestApp } from './support/test-app.js';

describeDb('health, API documentation and environment resolution', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { version: '1.2.3' });
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  it('reports health with the database engine and version, on any host', async () => {
    const response = await app.inject({
      url: '/api/health',
      headers: { host: 'whatever.example' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: TEST_DB_KIND, version: '1.2.3' });
  });

  it('serves an OpenAPI 3 document listing the routes, and a browsable docs page', async () => {
    const spec = await app.inject({ url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/users/{id}', '/api/health']),
    );
    const docs = await app.inject({ url: '/api/docs' });
    const page =
      docs.statusCode === 302 ? await app.inject({ url: docs.headers.location as string }) : docs;
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('answers localhost with the only environment, and refuses it when there are several', async () => {
    const single = await createTestDatabase();
    const singleApp = await buildTestApp(single.database);
    try {
      expect(
        (
          await singleApp.inject({ url: '/api/auth/me', headers: { host: 'localhost:8080' } })
        ).json(),
      ).toMatchObject({
        error: { code: 'environment-not-found' },
      });
      await buildEnvironment(single.database, 'ensam');
      const me = await singleApp.inject({
        url: '/api/auth/me',
        headers: { host: 'localhost:8080' },
      });
      expect(me.statusCode).toBe(401); // found the environment; just not signed in
      await buildEnvironment(single.database, 'andra');
      const ambiguous = await singleApp.inject({
        url: '/api/auth/me',
        headers: { host: '127.0.0.1:8080' },
      });
      expect(ambiguous.json()).toMatchObject({ error: { code: 'environment-not-found' } });
      const named = await buildTestApp(single.database, {
        tenancy: { baseDomain: 'kassa.test', defaultEnvironment: 'andra' },
      });
      expect(
        (await named.inject({ url: '/api/auth/me', headers: { host: 'localhost' } })).statusCode,
      ).toBe(401);
      await named.close();
    } finally {
      await singleApp.close();
      await single.drop();
    }
  });
});
