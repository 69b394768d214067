import { ApiError, apiErrorFromResponse } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Thin fetch wrapper: JSON in and out, same-origin cookies, and the session's CSRF token on every
 * state-changing request. Throws {@link ApiError} for non-2xx answers and unreachable servers.
 */
export class HttpClient {
  #csrfToken: string | null = null;
  readonly #fetch: FetchLike;
  readonly #unauthenticatedListeners = new Set<() => void>();

  constructor(fetchImpl: FetchLike = (input, init) => fetch(input, init)) {
    this.#fetch = fetchImpl;
  }

  setCsrfToken(token: string | null): void {
    this.#csrfToken = token;
  }

  /** Called when a request with a session is answered 401 (the session expired or was revoked). */
  onUnauthenticated(listener: () => void): () => void {
    this.#unauthenticatedListeners.add(listener);
    return () => {
      this.#unauthenticatedListeners.delete(listener);
    };
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.#csrfToken !== null) headers['X-CSRF-Token'] = this.#csrfToken;

    let response: Response;
    try {
      response = await this.#fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new ApiError(0, 'network-error', null, {}, { cause });
    }

    const text = await response.text();
    let data: unknown = undefined;
    if (text !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
    }

    if (!response.ok) {
      const error = apiErrorFromResponse(response.status, data);
      if (response.status === 401 && this.#csrfToken !== null) {
        this.#csrfToken = null;
        for (const listener of this.#unauthenticatedListeners) listener();
      }
      throw error;
    }
    // The server serialises its answers through the route schemas; see ./types.ts.
    return data as T;
  }
}
