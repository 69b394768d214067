import { ApiError, apiErrorFromResponse } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** The fetch cache mode; the till asks for `no-store`, its register's state changes by the second. */
  cache?: RequestCache;
}

/**
 * Thin fetch wrapper: JSON in and out, same-origin cookies, and a session's CSRF token (when one
 * is set) on every state-changing request. Throws {@link ApiError} for non-2xx answers and when
 * the server cannot be reached. The register's local API has no session: its client never sets a
 * token (it listens on 127.0.0.1 only).
 */
export class HttpClient {
  #csrfToken: string | null = null;
  readonly #fetch: FetchLike;
  readonly #cache: RequestCache | undefined;
  readonly #unauthenticatedListeners = new Set<() => void>();

  constructor(
    fetchImpl: FetchLike = (input, init) => fetch(input, init),
    options: HttpClientOptions = {},
  ) {
    this.#fetch = fetchImpl;
    this.#cache = options.cache;
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

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    const response = await this.#send(method, path, body, 'application/json');
    // The server and the register serialise their answers through their route schemas.
    return readJson(await response.text()) as T;
  }

  /**
   * A request whose answer is a file (e.g. the installer zip): the body as a Blob and the headers.
   * Refusals still come as the JSON error shape and are thrown as {@link ApiError}.
   */
  async requestFile(
    method: HttpMethod,
    path: string,
    body?: unknown,
  ): Promise<{ file: Blob; headers: Headers }> {
    const response = await this.#send(method, path, body, '*/*');
    return { file: await response.blob(), headers: response.headers };
  }

  /** Sends the request; resolves with a 2xx response, throws ApiError for anything else. */
  async #send(method: HttpMethod, path: string, body: unknown, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.#csrfToken !== null) headers['X-CSRF-Token'] = this.#csrfToken;

    let response: Response;
    try {
      response = await this.#fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(this.#cache === undefined ? {} : { cache: this.#cache }),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new ApiError(0, 'network-error', null, {}, { cause });
    }
    if (response.ok) return response;

    const error = apiErrorFromResponse(response.status, readJson(await response.text()));
    if (response.status === 401 && this.#csrfToken !== null) {
      this.#csrfToken = null;
      for (const listener of this.#unauthenticatedListeners) listener();
    }
    throw error;
  }
}

/** Parsed JSON, or undefined for an empty or non-JSON body. */
function readJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
