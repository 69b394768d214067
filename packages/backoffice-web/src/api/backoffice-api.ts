import { HttpClient } from './http';
import type {
  AuditEntry,
  Environment,
  Licence,
  Me,
  NewTerminal,
  NewUser,
  Terminal,
  TerminalChanges,
  TerminalRegistration,
  User,
  UserChanges,
} from './types';

const at = (id: string) => encodeURIComponent(id);

/** The backoffice routes, one method each. */
export class BackofficeApi {
  readonly http: HttpClient;

  constructor(http: HttpClient = new HttpClient()) {
    this.http = http;
  }

  login(username: string, password: string): Promise<Me> {
    return this.http.post<Me>('/api/auth/login', { username, password });
  }

  me(): Promise<Me> {
    return this.http.get<Me>('/api/auth/me');
  }

  logout(): Promise<void> {
    return this.http.post<void>('/api/auth/logout');
  }

  environment(): Promise<Environment> {
    return this.http.get<Environment>('/api/environment');
  }

  licence(): Promise<Licence> {
    return this.http.get<Licence>('/api/licence');
  }

  async listUsers(): Promise<User[]> {
    const { users } = await this.http.get<{ users: User[] }>('/api/users');
    return users;
  }

  async createUser(user: NewUser): Promise<User> {
    const created = await this.http.post<{ user: User }>('/api/users', user);
    return created.user;
  }

  async updateUser(id: string, changes: UserChanges): Promise<User> {
    const updated = await this.http.patch<{ user: User }>(`/api/users/${at(id)}`, changes);
    return updated.user;
  }

  setPassword(id: string, password: string): Promise<void> {
    return this.http.post<void>(`/api/users/${at(id)}/password`, { password });
  }

  /** A cashier's register PIN, 4–8 digits. */
  setPin(id: string, pin: string): Promise<void> {
    return this.http.put<void>(`/api/users/${at(id)}/pin`, { pin });
  }

  /** The terminals a cashier may sign in at (replaces the whole set). */
  async setUserTerminals(id: string, terminalIds: string[]): Promise<User> {
    const updated = await this.http.put<{ user: User }>(`/api/users/${at(id)}/terminals`, {
      terminalIds,
    });
    return updated.user;
  }

  async listTerminals(): Promise<Terminal[]> {
    const { terminals } = await this.http.get<{ terminals: Terminal[] }>('/api/terminals');
    return terminals;
  }

  async createTerminal(terminal: NewTerminal): Promise<Terminal> {
    const created = await this.http.post<{ terminal: Terminal }>('/api/terminals', terminal);
    return created.terminal;
  }

  async updateTerminal(id: string, changes: TerminalChanges): Promise<Terminal> {
    const updated = await this.http.patch<{ terminal: Terminal }>(
      `/api/terminals/${at(id)}`,
      changes,
    );
    return updated.terminal;
  }

  async setTerminalRegistration(id: string, registration: TerminalRegistration): Promise<Terminal> {
    const updated = await this.http.put<{ terminal: Terminal }>(
      `/api/terminals/${at(id)}/registration`,
      registration,
    );
    return updated.terminal;
  }

  async auditLog(): Promise<AuditEntry[]> {
    const { entries } = await this.http.get<{ entries: AuditEntry[] }>('/api/audit-log');
    return entries;
  }
}
