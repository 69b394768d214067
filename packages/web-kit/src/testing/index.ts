import type { FetchLike } from '../api/http';

/** One request a {@link fakeFetch} received. */
export interface FetchCall {
  input: string;
  init: RequestInit;
}

/**
 * A fetch for the HTTP client's tests: answers with `respond` and records every call, so a test
 * reads the verbs, paths, headers and bodies an API client sent.
 */
export function fakeFetch(respond: (call: FetchCall) => Response) {
  const calls: FetchCall[] = [];
  const fetchImpl: FetchLike = (input, init) => {
    const call = { input, init };
    calls.push(call);
    return Promise.resolve(respond(call));
  };
  return { calls, fetchImpl };
}

/** A JSON answer with this status. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** The headers a call sent (the client always sends them as a plain record). */
export function headersOf(call: FetchCall | undefined): Record<string, string> {
  // The HttpClient builds its headers as a Record<string, string>; see ../api/http.ts.
  return (call?.init.headers ?? {}) as Record<string, string>;
}
