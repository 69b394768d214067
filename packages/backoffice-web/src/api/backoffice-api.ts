import { HttpClient } from './http';
import type { Environment, Me, NewUser, User, UserChanges } from './types';

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

  async listUsers(): Promise<User[]> {
    const { users } = await this.http.get<{ users: User[] }>('/api/users');
    return users;
  }

  async createUser(user: NewUser): Promise<User> {
    const created = await this.http.post<{ user: User }>('/api/users', user);
    return created.user;
  }

  async updateUser(id: string, changes: UserChanges): Promise<User> {
    const updated = await this.http.patch<{ user: User }>(
      `/api/users/${encodeURIComponent(id)}`,
      changes,
    );
    return updated.user;
  }

  setPassword(id: string, password: string): Promise<void> {
    return this.http.post<void>(`/api/users/${encodeURIComponent(id)}/password`, { password });
  }
}
