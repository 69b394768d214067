import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

/**
 * The query client both apps use (TanStack Query; docs/adr/0017-tanstack-query-and-mantine-form.md)
 * with the defaults that keep each screen's behaviour:
 *
 * - `networkMode: 'always'`: the till talks to the register on this PC, which sells offline; a
 *   browser that believes it is offline must not hold back a request to 127.0.0.1.
 * - `retry: false`: a refusal or an unreachable service is shown at once, with its "Försök igen",
 *   as the screens did before; nothing is sent again behind the user's back.
 * - `refetchOnWindowFocus: false`: a read is asked again when its screen opens, when an action
 *   changed it (invalidation) or when it polls; a query that wants the focus says so itself.
 * - `gcTime: 0`: an answer lives while a screen shows it. A screen opened again asks again, so no
 *   answer of an earlier visit (or of the user signed in before) is shown as if it were current,
 *   and a form starts from what the server holds now. Screens shown together share one answer.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { networkMode: 'always', retry: false, refetchOnWindowFocus: false, gcTime: 0 },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}

/** Gives the app one query client for its lifetime (or `client`, e.g. a test's). */
export function QueryProvider({ client, children }: { client?: QueryClient; children: ReactNode }) {
  const [own] = useState(() => client ?? createQueryClient());
  return <QueryClientProvider client={own}>{children}</QueryClientProvider>;
}
