import {
  keepPreviousData,
  useQueries,
  useQuery,
  useQueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi } from '../api/ApiProvider';
import type { ApiQuery } from '../api/queries';

export type ApiData<T> =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

/** A failed read shows its error (with "Försök igen") even when an older answer is cached. */
function dataOf<T>(query: UseQueryResult<T>): ApiData<T> {
  if (query.isError) return { status: 'error', error: query.error };
  return query.data === undefined ? { status: 'loading' } : { status: 'ready', data: query.data };
}

/**
 * One read (TanStack Query, keyed by its request), loaded when a screen shows it and again when
 * an action invalidates it or `reload()` is called. With `keepPrevious` (a filter in the key),
 * the last answer stays on screen, marked `stale`, until the new one arrives, so a filter change
 * does not blank the page.
 */
export function useApiData<T>(
  query: ApiQuery<T>,
  options: { keepPrevious?: boolean; enabled?: boolean } = {},
): { result: ApiData<T>; stale: boolean; reload: () => void } {
  const api = useApi();
  const answer = useQuery({
    queryKey: query.key,
    queryFn: () => query.load(api),
    enabled: options.enabled ?? true,
    ...(options.keepPrevious === true ? { placeholderData: keepPreviousData } : {}),
  });
  const { refetch } = answer;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { result: dataOf(answer), stale: answer.isPlaceholderData, reload };
}

type Answers<Q> = { [K in keyof Q]: Q[K] extends ApiQuery<infer T> ? T : never };

/** Several reads a screen needs together: ready when all are, an error when one fails. */
export function useApiDataAll<Q extends Record<string, ApiQuery<unknown>>>(
  queries: Q,
): { result: ApiData<Answers<Q>>; reload: () => void } {
  const api = useApi();
  const names = Object.keys(queries);
  const nameList = names.join('\u0000');
  // Stable while the names are, so the combined answer keeps its identity until one read changes.
  const combine = useCallback(
    (answers: UseQueryResult[]) => {
      const failed = answers.find((answer) => answer.isError);
      const reload = () => {
        for (const answer of answers) void answer.refetch();
      };
      if (failed !== undefined) return { result: { status: 'error', error: failed.error }, reload };
      if (answers.some((answer) => answer.data === undefined)) {
        return { result: { status: 'loading' }, reload };
      }
      const keys = nameList.split('\u0000');
      const data = Object.fromEntries(keys.map((name, index) => [name, answers[index]?.data]));
      return { result: { status: 'ready', data: data as Answers<Q> }, reload };
    },
    [nameList],
  );
  return useQueries({
    queries: names.map((name) => {
      const query = queries[name] as ApiQuery<unknown>;
      return { queryKey: query.key, queryFn: () => query.load(api) };
    }),
    combine,
  }) as { result: ApiData<Answers<Q>>; reload: () => void };
}

/** Marks what an action changed as out of date: every screen showing it asks again. */
export function useInvalidate(): (...resources: (readonly unknown[])[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (...resources) => {
      await Promise.all(resources.map((key) => client.invalidateQueries({ queryKey: key })));
    },
    [client],
  );
}
