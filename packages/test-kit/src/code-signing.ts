/**
 * Authenticode for tests, with the tools a release build uses (openssl, makensis, osslsigncode):
 * a throwaway self-made code-signing certificate, a small signed stand-in installer (a trivial
 * NSIS program) for suites that need a signed PE but not the real build, and `osslsigncode
 * verify` against the certificate. See docs/protocols/installer-tag.md and
 * docs/adr/0010-windows-installer.md.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SigningCertificate {
  /** PEM private key. */
  readonly key: string;
  /** PEM certificate: also the CA to verify signatures against (`osslsigncode verify -CAfile`). */
  readonly cert: string;
  /** PKCS#12 with key and certificate, for `KASSA_SIGN_PFX`. */
  readonly pfx: string;
  /** The PFX password, for `KASSA_SIGN_PASSWORD`. */
  readonly password: string;
}

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes a self-signed code-signing certificate (2 days) in `dir`. */
export function makeSigningCertificate(
  dir: string,
  options: { subject?: string; password?: string } = {},
): SigningCertificate {
  const subject = options.subject ?? '/CN=Kassa Test Signing/O=Kassa Test';
  const password = options.password ?? 'prov-lösen-1';
  const certificate = {
    key: path.join(dir, 'signing-key.pem'),
    cert: path.join(dir, 'signing-cert.pem'),
    pfx: path.join(dir, 'signing.pfx'),
    password,
  };
  run(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      subject,
      '-keyout',
      certificate.key,
      '-out',
      certificate.cert,
      '-addext',
      'extendedKeyUsage=codeSigning',
    ],
    dir,
  );
  run(
    'openssl',
    [
      'pkcs12',
      '-export',
      '-inkey',
      certificate.key,
      '-in',
      certificate.cert,
      '-out',
      certificate.pfx,
      '-passout',
      `pass:${password}`,
    ],
    dir,
  );
  return certificate;
}

/** Signs the PE `input` into `output` (osslsigncode, SHA-256, program name "Kassa"). */
export function signPe(input: string, output: string, certificate: SigningCertificate): void {
  run(
    'osslsigncode',
    [
      'sign',
      '-pkcs12',
      certificate.pfx,
      '-pass',
      certificate.password,
      '-h',
      'sha256',
      '-n',
      'Kassa',
      '-in',
      input,
      '-out',
      output,
    ],
    path.dirname(output),
  );
}

/** Builds the unsigned stand-in installer `<dir>/<name>` with makensis: a PE that does nothing. */
export function makeStandInInstaller(dir: string, name = 'stand-in-unsigned.exe'): string {
  const script = path.join(dir, 'stand-in.nsi');
  writeFileSync(
    script,
    `Unicode true\nTarget amd64-unicode\nOutFile "${name}"\nSection\nSectionEnd\n`,
  );
  run('makensis', ['-V1', script], dir);
  return path.join(dir, name);
}

/** A signed stand-in installer `<dir>/<name>` (default kassa-setup.exe) and its certificate. */
export function makeSignedStandInInstaller(
  dir: string,
  options: { name?: string; certificate?: SigningCertificate; subject?: string } = {},
): { file: string; certificate: SigningCertificate } {
  const certificate =
    options.certificate ??
    makeSigningCertificate(dir, options.subject ? { subject: options.subject } : {});
  const unsigned = makeStandInInstaller(dir);
  const file = path.join(dir, options.name ?? 'kassa-setup.exe');
  signPe(unsigned, file, certificate);
  return { file, certificate };
}

/** `osslsigncode verify` of `file` against `caFile`: exit code and output, never throws. */
export function verifyAuthenticode(
  file: string,
  caFile: string,
): { code: number | null; output: string } {
  try {
    const output = execFileSync('osslsigncode', ['verify', '-CAfile', caFile, '-in', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status?: number | null; stdout?: string; stderr?: string };
    return { code: failed.status ?? null, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
