import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import { admin, baseURL } from './server';

interface Me {
  csrfToken: string;
}

export interface CreatedUser {
  id: string;
  username: string;
  displayName: string;
  role: 'admin' | 'manager' | 'cashier';
}

export interface UserDetails extends CreatedUser {
  active: boolean;
  hasPin: boolean;
  terminalIds: string[];
}

export interface Licence {
  terminals: number;
  modules: string[];
  activeTerminals: number;
}

/** The parts of a terminal the suite looks at (docs/protocols/backoffice-api.md). */
export interface TerminalSummary {
  id: string;
  name: string;
  registerId: string;
  serialNumber: string;
  placeOfBusinessId: string;
  active: boolean;
  warnings: string[];
  skatteverket: Record<string, string | null>;
}

interface EnvironmentSummary {
  companyName: string;
  organisationNumber: string;
  placesOfBusiness: { id: string; name: string }[];
}

async function expectStatus(response: APIResponse, status: number, what: string): Promise<void> {
  if (response.status() !== status) {
    throw new Error(`${what} failed: ${response.status()} ${await response.text()}`);
  }
}

/** Direct API access as the administrator, for arranging data a scenario is not about. */
export class AdminApi {
  private constructor(
    private readonly context: APIRequestContext,
    private readonly csrfToken: string,
  ) {}

  static async signIn(): Promise<AdminApi> {
    const context = await request.newContext({ baseURL });
    const login = await context.post('/api/auth/login', {
      data: { username: admin.username, password: admin.password },
    });
    if (!login.ok())
      throw new Error(`admin sign-in failed: ${login.status()} ${await login.text()}`);
    const me = (await (await context.get('/api/auth/me')).json()) as Me;
    return new AdminApi(context, me.csrfToken);
  }

  private get writeHeaders() {
    return { 'X-CSRF-Token': this.csrfToken };
  }

  async createUser(user: Omit<CreatedUser, 'id'> & { password: string }): Promise<CreatedUser> {
    const response = await this.context.post('/api/users', {
      data: user,
      headers: this.writeHeaders,
    });
    await expectStatus(response, 201, `creating ${user.username}`);
    return ((await response.json()) as { user: CreatedUser }).user;
  }

  async user(id: string): Promise<UserDetails> {
    const response = await this.context.get(`/api/users/${id}`);
    await expectStatus(response, 200, 'reading a user');
    return ((await response.json()) as { user: UserDetails }).user;
  }

  async environment(): Promise<EnvironmentSummary> {
    const response = await this.context.get('/api/environment');
    return (await response.json()) as EnvironmentSummary;
  }

  async licence(): Promise<Licence> {
    const response = await this.context.get('/api/licence');
    await expectStatus(response, 200, 'reading the licence');
    return (await response.json()) as Licence;
  }

  async terminals(): Promise<TerminalSummary[]> {
    const response = await this.context.get('/api/terminals');
    await expectStatus(response, 200, 'listing terminals');
    return ((await response.json()) as { terminals: TerminalSummary[] }).terminals;
  }

  async terminalByRegisterId(registerId: string): Promise<TerminalSummary> {
    const terminal = (await this.terminals()).find((t) => t.registerId === registerId);
    if (terminal === undefined) throw new Error(`no terminal ${registerId}`);
    return terminal;
  }

  /** Creates an active terminal at the environment's first place of business. */
  async createTerminal(terminal: { name: string; registerId: string }): Promise<TerminalSummary> {
    const [place] = (await this.environment()).placesOfBusiness;
    if (place === undefined) throw new Error('the environment has no place of business');
    const response = await this.context.post('/api/terminals', {
      data: { ...terminal, placeOfBusinessId: place.id },
      headers: this.writeHeaders,
    });
    await expectStatus(response, 201, `creating terminal ${terminal.registerId}`);
    return ((await response.json()) as { terminal: TerminalSummary }).terminal;
  }

  async setTerminalActive(id: string, active: boolean): Promise<void> {
    const response = await this.context.patch(`/api/terminals/${id}`, {
      data: { active },
      headers: this.writeHeaders,
    });
    await expectStatus(response, 200, 'changing a terminal');
  }

  /** Deactivates terminals until the licence has room for `count` more active ones. */
  async freeTerminalSlots(count: number): Promise<void> {
    const licence = await this.licence();
    const missing = count - (licence.terminals - licence.activeTerminals);
    if (missing <= 0) return;
    const active = (await this.terminals()).filter((terminal) => terminal.active);
    for (const terminal of active.slice(0, missing)) {
      await this.setTerminalActive(terminal.id, false);
    }
  }

  /** Creates terminals until every licensed terminal is active; returns how many were made. */
  async fillLicence(makeRegisterId: () => string): Promise<number> {
    const licence = await this.licence();
    const room = licence.terminals - licence.activeTerminals;
    for (let i = 0; i < room; i += 1) {
      const registerId = makeRegisterId();
      await this.createTerminal({ name: `Extra ${registerId}`, registerId });
    }
    return Math.max(0, room);
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
  }
}
