import { request, type APIRequestContext } from '@playwright/test';
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

  async createUser(user: Omit<CreatedUser, 'id'> & { password: string }): Promise<CreatedUser> {
    const response = await this.context.post('/api/users', {
      data: user,
      headers: { 'X-CSRF-Token': this.csrfToken },
    });
    if (response.status() !== 201) {
      throw new Error(
        `creating ${user.username} failed: ${response.status()} ${await response.text()}`,
      );
    }
    return ((await response.json()) as { user: CreatedUser }).user;
  }

  async environment(): Promise<{ companyName: string; organisationNumber: string }> {
    const response = await this.context.get('/api/environment');
    return (await response.json()) as { companyName: string; organisationNumber: string };
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
  }
}
