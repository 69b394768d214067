import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { selectRows } from '../src/db/database.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
import { as, buildEnvironment, buildTestApp, signInAs, type Session } from './support/test-app.js';

interface ErrorView {
  error: { code: string; sv: string; en: string; details?: Record<string, unknown> };
}

describeDb(
  'bad input gets a 4xx with a stable code and a Swedish message, and writes nothing',
  () => {
    let tdb: TestDatabase;
    let app: FastifyInstance;
    let admin: Session;

    beforeAll(async () => {
      tdb = await createTestDatabase();
      app = await buildTestApp(tdb.database);
      const env = await buildEnvironment(tdb.database, 'bad');
      admin = await signInAs(app, env.host, 'admin');
    });
    afterAll(async () => {
      await app.close();
      await tdb.drop();
    });

    async function counts(): Promise<string> {
      const rows = await selectRows(
        tdb.database.db,
        sql`select (select count(*) from users) as users, (select count(*) from audit_log) as audit, (select string_agg(company_name || organisation_number, ',') from tenants) as tenants`,
      );
      return JSON.stringify(rows);
    }

    const cases: {
      name: string;
      method: 'POST' | 'PATCH';
      url: string;
      body: string;
      contentType?: string;
      status: number;
      code: string;
    }[] = [
      {
        name: 'malformed JSON',
        method: 'POST',
        url: '/api/users',
        body: '{"username": "x",',
        status: 400,
        code: 'invalid-json',
      },
      {
        name: 'empty JSON body',
        method: 'POST',
        url: '/api/users',
        body: '',
        status: 400,
        code: 'invalid-json',
      },
      {
        name: 'wrong types',
        method: 'POST',
        url: '/api/users',
        body: '{"username": 5, "displayName": [], "role": "admin", "password": true}',
        status: 400,
        code: 'validation-failed',
      },
      {
        name: 'unknown role',
        method: 'POST',
        url: '/api/users',
        body: '{"username": "ny", "displayName": "Ny", "role": "owner", "password": "ett-bra-losenord-42"}',
        status: 400,
        code: 'validation-failed',
      },
      {
        name: 'unknown field',
        method: 'POST',
        url: '/api/users',
        body: '{"username": "ny", "displayName": "Ny", "role": "admin", "password": "ett-bra-losenord-42", "isSuperuser": true}',
        status: 400,
        code: 'validation-failed',
      },
      {
        name: 'empty password',
        method: 'POST',
        url: '/api/users',
        body: '{"username": "ny", "displayName": "Ny", "role": "admin", "password": ""}',
        status: 400,
        code: 'password-too-short',
      },
      {
        name: 'huge password',
        method: 'POST',
        url: '/api/users',
        body: JSON.stringify({
          username: 'ny',
          displayName: 'Ny',
          role: 'admin',
          password: 'x'.repeat(4000),
        }),
        status: 400,
        code: 'password-too-long',
      },
      {
        name: 'absurd password',
        method: 'POST',
        url: '/api/users',
        body: JSON.stringify({
          username: 'ny',
          displayName: 'Ny',
          role: 'admin',
          password: 'x'.repeat(50_000),
        }),
        status: 400,
        code: 'validation-failed',
      },
      {
        name: 'username with spaces',
        method: 'POST',
        url: '/api/users',
        body: '{"username": "två ord", "displayName": "Ny", "role": "admin", "password": "ett-bra-losenord-42"}',
        status: 400,
        code: 'validation-failed',
      },
      {
        name: 'oversized body',
        method: 'POST',
        url: '/api/users',
        body: JSON.stringify({
          username: 'ny',
          displayName: 'x'.repeat(200_000),
          role: 'admin',
          password: 'ett-bra-losenord-42',
        }),
        status: 413,
        code: 'body-too-large',
      },
      {
        name: 'not JSON at all',
        method: 'POST',
        url: '/api/users',
        body: 'username=ny',
        contentType: 'application/x-www-form-urlencoded',
        status: 415,
        code: 'unsupported-media-type',
      },
      {
        name: 'invalid organisation number',
        method: 'PATCH',
        url: '/api/environment',
        body: '{"organisationNumber": "556677-8890"}',
        status: 400,
        code: 'invalid-organisation-number',
      },
      {
        name: 'garbage organisation number',
        method: 'PATCH',
        url: '/api/environment',
        body: '{"organisationNumber": "hej"}',
        status: 400,
        code: 'invalid-organisation-number',
      },
      {
        name: 'empty company name',
        method: 'PATCH',
        url: '/api/environment',
        body: '{"companyName": "  "}',
        status: 400,
        code: 'validation-failed',
      },
      {
        name: 'login with an empty password',
        method: 'POST',
        url: '/api/auth/login',
        body: '{"username": "admin", "password": ""}',
        status: 400,
        code: 'validation-failed',
      },
      {
        name: 'login with a huge password',
        method: 'POST',
        url: '/api/auth/login',
        body: JSON.stringify({ username: 'admin', password: 'x'.repeat(60_000) }),
        status: 400,
        code: 'validation-failed',
      },
    ];

    for (const c of cases) {
      it(`${c.name} → ${c.status} ${c.code}`, async () => {
        const before = await counts();
        const response = await app.inject({
          method: c.method,
          url: c.url,
          headers: { ...as(admin), 'content-type': c.contentType ?? 'application/json' },
          payload: c.body,
        });
        expect(response.statusCode).toBe(c.status);
        const body = response.json<ErrorView>();
        expect(body.error.code).toBe(c.code);
        expect(body.error.sv).toMatch(/[A-ZÅÄÖ].*\./);
        expect(body.error.en.length).toBeGreaterThan(10);
        expect(await counts()).toBe(before);
      });
    }

    it('accepts a valid organisation number and normalises it', async () => {
      const response = await app.inject({
        method: 'PATCH',
        url: '/api/environment',
        headers: as(admin),
        payload: { organisationNumber: '5561234518', companyName: 'Nya Namnet AB' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        organisationNumber: '556123-4518',
        companyName: 'Nya Namnet AB',
      });
    });

    it('answers an unknown API path with a JSON 404 and an unknown environment with its own code', async () => {
      const missing = await app.inject({ url: '/api/nothing-here', headers: as(admin) });
      expect(missing.statusCode).toBe(404);
      expect(missing.json<ErrorView>().error.code).toBe('not-found');
      const nowhere = await app.inject({
        url: '/api/auth/me',
        headers: { host: 'okand.kassa.test' },
      });
      expect(nowhere.statusCode).toBe(404);
      expect(nowhere.json<ErrorView>().error.code).toBe('environment-not-found');
      const foreign = await app.inject({ url: '/api/auth/me', headers: { host: 'example.com' } });
      expect(foreign.json<ErrorView>().error.code).toBe('environment-not-found');
    });

    it('treats a malformed id as not found rather than failing', async () => {
      const response = await app.inject({
        url: "/api/users/'; drop table users;--",
        headers: as(admin),
      });
      expect(response.statusCode).toBe(404);
      expect(response.json<ErrorView>().error.code).toBe('user-not-found');
    });
  },
);
