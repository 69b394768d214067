/**
 * A real TLS case: the Kassa server over https with a certificate from a throwaway CA. The
 * register (a fresh child process, since Node reads NODE_EXTRA_CA_CERTS at start-up) fails with
 * the TLS message without the CA and connects with NODE_EXTRA_CA_CERTS set.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startKassaServer, type KassaServer } from './support/kassa-server.js';
import { kassa, kassaProcess, newPc } from './support/register-cli.js';
import { makeCertificates, type TestCertificates } from './support/tls.js';

let server: KassaServer;
let certificates: TestCertificates;
let httpsUrl: string;

beforeAll(async () => {
  certificates = await makeCertificates();
  server = await startKassaServer({ https: { cert: certificates.cert, key: certificates.key } });
  httpsUrl = `https://localhost:${server.port}`;
  await server.admin.createTerminal('T1', 'TLS-kassan');
});

afterAll(async () => {
  await server?.close();
});

function envWithout(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.NODE_EXTRA_CA_CERTS;
  return copy;
}

describe('TLS', () => {
  it('fails with the TLS message when the CA is not trusted, and connects when it is', async () => {
    const pc = await newPc('TLS-PC');
    const args = [
      'connect',
      '--url',
      httpsUrl,
      '--user',
      'admin',
      '--password',
      ADMIN_PASSWORD,
      '--terminal',
      'T1',
    ];

    const untrusted = await kassaProcess(args, envWithout(pc.env));
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain(
      `Den säkra anslutningen (TLS) till localhost:${server.port} misslyckades`,
    );
    expect(untrusted.stderr).toMatch(
      /\[(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\]/,
    );
    expect(untrusted.stderr).toContain('NODE_EXTRA_CA_CERTS');
    expect(untrusted.stderr).toContain('datum och klocka');

    const trusted = await kassaProcess(args, {
      ...envWithout(pc.env),
      NODE_EXTRA_CA_CERTS: certificates.caFile,
    });
    expect(trusted.stderr).toBe('');
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toContain('Ansluten! Den här datorn (TLS-PC) är nu terminal T1');

    const status = await kassaProcess(['status', '--json'], {
      ...envWithout(pc.env),
      NODE_EXTRA_CA_CERTS: certificates.caFile,
    });
    expect(JSON.parse(status.stdout)).toMatchObject({
      connected: true,
      online: true,
      binding: 'ok',
    });
  });

  it('refuses a certificate made for another name', async () => {
    const pc = await newPc();
    const run = await kassaProcess(
      ['connect', '--url', `https://127.0.0.1:${server.port}`, '--code', 'AAAA-BBBB-CCCC'],
      { ...envWithout(pc.env), NODE_EXTRA_CA_CERTS: certificates.caFile },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'certifikatet gäller inte för den här adressen [ERR_TLS_CERT_ALTNAME_INVALID]',
    );
  });

  it('says so when https:// is used against a plain http port', async () => {
    const plain: Server = createServer((_q, r) => r.end('{}'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as { port: number }).port;
    try {
      const run = await kassa(await newPc(), [
        'connect',
        '--url',
        `https://localhost:${port}`,
        '--code',
        'X',
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `Den säkra anslutningen (TLS) till localhost:${port} misslyckades`,
      );
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });
});
