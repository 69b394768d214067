// What the register scenarios (tests/register-screens.spec.ts) run against: a backoffice server of
// their own and real `kassa start` processes.
//
// - The backoffice is e2e/support/serve.mjs (the built server on a fresh temporary data dir) on a
//   free port. A server of their own gives the scenarios their own environment and terminal
//   licence, so they never compete with terminals.spec.ts for the two licensed terminals.
//   KASSA_REGISTER_DIST points at a stand-in build (an empty kassa-bundle/), so the installer
//   download works and hands out pairing codes without `npm run build:register`.
// - Each register is `node packages/register/dist/src/cli.js start --port 0` (built by
//   `npm run build`) with its own temporary KASSA_HOME, KASSA_HARDWARE_ID and KASSA_PC_NAME: several
//   PCs on one machine. It serves packages/pos-web/dist.
// - connectPc() runs `kassa connect` the same way (tests/binding.spec.ts): in the unpacked
//   installer folder (it reads kassa-provisioning.json) or with --code.
//
// Every process is started in its own process group and stopped by signalling that group.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import { admin } from './server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const registerCli = path.join(root, 'packages/register/dist/src/cli.js');
const posWebDir = path.join(root, 'packages/pos-web/dist');

/** A free TCP port on 127.0.0.1 (closed again at once; the caller binds it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Process groups still running: ended when this worker exits, even if a cleanup was skipped. */
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const group of liveGroups) {
    try {
      process.kill(-group, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});

/** A child process in its own process group, with its recent output kept for error messages. */
class Child {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const pid = child.pid;
    if (pid !== undefined) liveGroups.add(pid);
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        if (pid !== undefined) liveGroups.delete(pid);
        resolve();
      }),
    );
  }

  static start(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Child(name, child);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get recentOutput(): string {
    return this.output;
  }

  /** Resolves with the first match of `pattern` in the output; fails if the process ends first. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (!this.running) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} did not print ${String(pattern)}:\n${this.output}`);
  }

  /** SIGTERM to the process group, SIGKILL if it is still there after a grace period. */
  async stop(): Promise<void> {
    if (!this.running || this.child.pid === undefined) return;
    const group = -this.child.pid;
    try {
      process.kill(group, 'SIGTERM');
    } catch {
      return; // already gone
    }
    const killed = setTimeout(() => {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await this.exited;
    clearTimeout(killed);
  }
}

export interface BackofficeServer {
  /** The environment's address as a register is given it, e.g. http://127.0.0.1:43121. */
  url: string;
  /**
   * The server's KASSA_REGISTER_DIST: a stand-in build (an empty kassa-bundle/). Without its
   * kassa-bundle/ the installer download answers `503 installer-not-built`.
   */
  registerDist: string;
  stop(): Promise<void>;
}

/** Starts a backoffice server with a fresh environment ("Demokaféet AB", admin from server.ts). */
export async function startBackoffice(): Promise<BackofficeServer> {
  const port = await freePort();
  const registerDist = await mkdtemp(path.join(tmpdir(), 'kassa-e2e-register-dist-'));
  await mkdir(path.join(registerDist, 'kassa-bundle'));
  const child = Child.start('backoffice server', ['e2e/support/serve.mjs'], {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KASSA_ADMIN_PASSWORD: admin.password,
    KASSA_REGISTER_DIST: registerDist,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await child.stop();
    await rm(registerDist, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.running) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, registerDist, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const output = child.recentOutput;
  await stop();
  throw new Error(`the backoffice server did not start on ${url}:\n${output}`);
}

export interface RegisterPc {
  /** Where its POS web app and local API answer, e.g. http://127.0.0.1:40675/. */
  url: string;
  pcName: string;
  /** Its KASSA_HOME (the data folder). */
  dataDir: string;
  /** Stops and starts `kassa start` again on the same data folder and hardware. */
  restart(): Promise<void>;
  /** Stops it and deletes its data folder. */
  remove(): Promise<void>;
}

/**
 * Starts `kassa start` as a PC of its own (given hardware id and name) on a temporary KASSA_HOME,
 * or on `home` — the folder of a PC that connectPc() connected (its `home`), whose data folder
 * may hold settings written before the start.
 */
export async function startRegister(pc: {
  hardwareId: string;
  pcName: string;
  home?: string;
}): Promise<RegisterPc> {
  if (!existsSync(registerCli)) {
    throw new Error(`${registerCli} is missing: run \`npm run build\` first`);
  }
  const home = pc.home ?? (await mkdtemp(path.join(tmpdir(), 'kassa-e2e-register-')));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KASSA_HOME: path.join(home, 'data'),
    KASSA_HARDWARE_ID: pc.hardwareId,
    KASSA_PC_NAME: pc.pcName,
    KASSA_POS_WEB_DIR: posWebDir,
    KASSA_NO_BROWSER: '1',
  };
  delete env.KASSA_PORT;

  let child: Child;
  let url = '';
  const launch = async () => {
    child = Child.start(`kassa start (${pc.pcName})`, [registerCli, 'start', '--port', '0'], env);
    const match = await child.waitForOutput(/(http:\/\/127\.0\.0\.1:\d+\/)/, 30_000);
    url = match[1] ?? '';
  };
  await launch();
  return {
    get url() {
      return url;
    },
    pcName: pc.pcName,
    dataDir: path.join(home, 'data'),
    async restart() {
      await child.stop();
      await launch();
    },
    async remove() {
      await child.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export interface ConnectedPc {
  pcName: string;
  /** The PC's temporary folder; startRegister({ home }) starts `kassa start` on it. */
  home: string;
  /** Its KASSA_HOME (the register's data folder: register.json, settings.json, journal.sqlite). */
  dataDir: string;
  /** What `kassa connect` printed. */
  output: string;
  /**
   * A heartbeat signed with this PC's device key, as the register sends it (register-protocol.md),
   * reporting `unsyncedEntries` entries not uploaded. The register has no journal yet, so its own
   * heartbeat always reports 0; this stands in for a PC with a backlog. Answers the HTTP status
   * and the refusal code, if any.
   */
  heartbeat(unsyncedEntries: number): Promise<{ status: number; code: string | null }>;
  /** Deletes its data folder. */
  remove(): Promise<void>;
}

/**
 * Runs `kassa connect` as a PC of its own (temporary KASSA_HOME, given hardware id and name) in
 * `cwd` — the unpacked installer, whose kassa-provisioning.json it reads — or with `args` such as
 * `['--url', url, '--code', code]`. Fails with the program's output unless it exits with 0.
 */
export async function connectPc(pc: {
  hardwareId: string;
  pcName: string;
  cwd?: string;
  args?: string[];
}): Promise<ConnectedPc> {
  if (!existsSync(registerCli)) {
    throw new Error(`${registerCli} is missing: run \`npm run build\` first`);
  }
  const home = await mkdtemp(path.join(tmpdir(), 'kassa-e2e-pc-'));
  const dataDir = path.join(home, 'data');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KASSA_HOME: dataDir,
    KASSA_HARDWARE_ID: pc.hardwareId,
    KASSA_PC_NAME: pc.pcName,
  };
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [registerCli, 'connect', ...(pc.args ?? [])],
      { cwd: pc.cwd ?? home, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const text = `${stdout}${stderr}`;
        if (error) reject(new Error(`kassa connect (${pc.pcName}) failed: ${text}`));
        else resolve(text);
      },
    );
  });
  const register = JSON.parse(await readFile(path.join(dataDir, 'register.json'), 'utf8')) as {
    url: string;
    bindingId: string;
  };
  const privateKey = createPrivateKey(await readFile(path.join(dataDir, 'device-key.pem'), 'utf8'));

  return {
    pcName: pc.pcName,
    home,
    dataDir,
    output,
    async heartbeat(unsyncedEntries) {
      const requestPath = '/api/register/heartbeat';
      const body = JSON.stringify({ programVersion: '0.1.0', unsyncedEntries });
      const timestamp = String(Date.now());
      const nonce = randomBytes(18).toString('base64url');
      const digest = createHash('sha256').update(body, 'utf8').digest('hex');
      const signed = ['POST', requestPath, timestamp, nonce, digest].join('\n');
      const response = await fetch(`${register.url}${requestPath}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kassa-protocol': '1',
          'x-kassa-binding': register.bindingId,
          'x-kassa-timestamp': timestamp,
          'x-kassa-nonce': nonce,
          'x-kassa-signature': sign(null, Buffer.from(signed, 'utf8'), privateKey).toString(
            'base64',
          ),
        },
        body,
      });
      const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
      return { status: response.status, code: answer.error?.code ?? null };
    },
    async remove() {
      await rm(home, { recursive: true, force: true });
    },
  };
}

async function expectStatus(response: APIResponse, status: number, what: string): Promise<void> {
  if (response.status() !== status) {
    throw new Error(`${what} failed: ${response.status()} ${await response.text()}`);
  }
}

export interface ScenarioTerminal {
  id: string;
  name: string;
  registerId: string;
}

/** The administrator's API of a backoffice from startBackoffice(), for arranging the scenarios. */
export class RegisterScenarioApi {
  private constructor(
    private readonly context: APIRequestContext,
    private readonly csrfToken: string,
  ) {}

  static async signIn(baseURL: string): Promise<RegisterScenarioApi> {
    const context = await request.newContext({ baseURL });
    const login = await context.post('/api/auth/login', {
      data: { username: admin.username, password: admin.password },
    });
    await expectStatus(login, 200, 'admin sign-in');
    const me = (await (await context.get('/api/auth/me')).json()) as { csrfToken: string };
    return new RegisterScenarioApi(context, me.csrfToken);
  }

  private get headers() {
    return { 'X-CSRF-Token': this.csrfToken };
  }

  async companyName(): Promise<string> {
    const response = await this.context.get('/api/environment');
    await expectStatus(response, 200, 'reading the environment');
    return ((await response.json()) as { companyName: string }).companyName;
  }

  /** An active terminal at the environment's first place of business. */
  async createTerminal(terminal: { name: string; registerId: string }): Promise<ScenarioTerminal> {
    const environment = (await (await this.context.get('/api/environment')).json()) as {
      placesOfBusiness: { id: string }[];
    };
    const place = environment.placesOfBusiness[0];
    if (place === undefined) throw new Error('the environment has no place of business');
    const response = await this.context.post('/api/terminals', {
      data: { ...terminal, placeOfBusinessId: place.id },
      headers: this.headers,
    });
    await expectStatus(response, 201, `creating terminal ${terminal.registerId}`);
    return ((await response.json()) as { terminal: ScenarioTerminal }).terminal;
  }

  /** A cashier with a register PIN who may sign in at the given terminals. */
  async createCashier(cashier: {
    username: string;
    displayName: string;
    pin: string;
    terminalIds: string[];
  }): Promise<void> {
    await this.createRegisterUser({ ...cashier, role: 'cashier' });
  }

  /** A user of the given role with a register PIN who may sign in at the given terminals. */
  async createRegisterUser(user: {
    username: string;
    displayName: string;
    role: 'cashier' | 'manager';
    pin: string;
    terminalIds: string[];
  }): Promise<void> {
    const created = await this.context.post('/api/users', {
      data: {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        password: 'kassor-losen-123',
      },
      headers: this.headers,
    });
    await expectStatus(created, 201, `creating ${user.username}`);
    const { id } = ((await created.json()) as { user: { id: string } }).user;
    await expectStatus(
      await this.context.put(`/api/users/${id}/pin`, {
        data: { pin: user.pin },
        headers: this.headers,
      }),
      204,
      `setting the PIN of ${user.username}`,
    );
    await expectStatus(
      await this.context.put(`/api/users/${id}/terminals`, {
        data: { terminalIds: user.terminalIds },
        headers: this.headers,
      }),
      200,
      `choosing the terminals of ${user.username}`,
    );
  }

  /** A product in the catalogue (POST /api/products); the price is in öre incl. VAT. */
  async createProduct(product: {
    articleNumber: string;
    name: string;
    barcodes: string[];
    priceOre: number;
    vatCategory: 'standard' | 'food' | 'restaurant' | 'reduced' | 'exempt';
    group: string | null;
  }): Promise<void> {
    const response = await this.context.post('/api/products', {
      data: product,
      headers: this.headers,
    });
    await expectStatus(response, 201, `creating product ${product.articleNumber}`);
  }

  /** The company name and organisation number every receipt carries. */
  async company(): Promise<{ companyName: string; organisationNumber: string }> {
    const response = await this.context.get('/api/environment');
    await expectStatus(response, 200, 'reading the environment');
    return (await response.json()) as { companyName: string; organisationNumber: string };
  }

  /** A store manager (butikschef) who may sign in to the backoffice. */
  async createManager(manager: { username: string; password: string }): Promise<void> {
    const created = await this.context.post('/api/users', {
      data: { ...manager, displayName: 'Maja Chef', role: 'manager' },
      headers: this.headers,
    });
    await expectStatus(created, 201, `creating ${manager.username}`);
  }

  /** Downloads the terminal's installer and returns its new pairing code (ABCD-EFGH-JKLM). */
  async pairingCode(terminalId: string): Promise<string> {
    const response = await this.context.post(
      `/api/terminals/${terminalId}/installer?platform=linux`,
      {
        headers: this.headers,
      },
    );
    await expectStatus(response, 200, 'downloading the installer');
    const code = response.headers()['x-kassa-pairing-code'];
    if (code === undefined) throw new Error('the installer download had no pairing code');
    return code;
  }

  /** "Ta bort koppling mot hårdvara" for a terminal. */
  async removeBinding(terminal: ScenarioTerminal, reason: string): Promise<void> {
    const response = await this.context.post(`/api/terminals/${terminal.id}/binding/remove`, {
      data: { confirmation: terminal.registerId, reason },
      headers: this.headers,
    });
    await expectStatus(response, 200, `removing the binding of ${terminal.registerId}`);
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
  }
}
