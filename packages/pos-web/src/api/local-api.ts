import { HttpClient } from './http';
import type {
  AdminCredentials,
  ConnectRequest,
  LocalStatus,
  SignedInCashier,
  TerminalList,
} from './types';

/** The Register local API, one method per route. */
export class LocalApi {
  constructor(private readonly http: HttpClient = new HttpClient()) {}

  status(): Promise<LocalStatus> {
    return this.http.get<LocalStatus>('/local/status');
  }

  terminals(credentials: AdminCredentials): Promise<TerminalList> {
    return this.http.post<TerminalList>('/local/terminals', credentials);
  }

  async connect(request: ConnectRequest): Promise<LocalStatus> {
    return (await this.http.post<{ status: LocalStatus }>('/local/connect', request)).status;
  }

  async signIn(username: string, pin: string): Promise<SignedInCashier> {
    const answer = await this.http.post<{ signedIn: SignedInCashier }>('/local/sign-in', {
      username,
      pin,
    });
    return answer.signedIn;
  }

  async signOut(): Promise<void> {
    await this.http.post<undefined>('/local/sign-out');
  }
}
