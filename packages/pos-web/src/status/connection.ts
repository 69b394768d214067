import type { LocalStatus } from '@kassa/contracts';

/**
 * How long after its last contact with the backoffice the register still counts as online. The
 * register syncs about once a minute, so three minutes allow two missed rounds before the bar
 * says offline.
 */
export const onlineWindowMs = 3 * 60_000;

export type Connection =
  /** The screen cannot reach the register program on this PC. */
  | { state: 'service-down' }
  /** Not connected to an environment yet: there is no server to be in contact with. */
  | { state: 'not-connected' }
  /** Connected, but no contact with the backoffice so far (or an unreadable time). */
  | { state: 'no-contact-yet' }
  | { state: 'online'; lastContactAt: string }
  | { state: 'offline'; lastContactAt: string };

/** The status bar's connection line, from the register's last contact with its backoffice. */
export function describeConnection(
  status: LocalStatus | null,
  reachable: boolean,
  now: number,
): Connection {
  if (!reachable) return { state: 'service-down' };
  if (status?.connected !== true) return { state: 'not-connected' };
  const lastContactAt = status.lastContactAt ?? null;
  const at = lastContactAt === null ? NaN : Date.parse(lastContactAt);
  if (lastContactAt === null || Number.isNaN(at)) return { state: 'no-contact-yet' };
  return now - at <= onlineWindowMs
    ? { state: 'online', lastContactAt }
    : { state: 'offline', lastContactAt };
}
