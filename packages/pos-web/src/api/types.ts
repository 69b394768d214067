// Shapes of the Register local API (docs/protocols/register-protocol.md, "Register local API").
// The register's local service answers these; the client trusts them as the backoffice app
// trusts its server's schemas.

export const roles = ['admin', 'manager', 'cashier'] as const;
export type Role = (typeof roles)[number];

export type BindingState = 'ok' | 'removed' | 'unknown';

export interface StatusEnvironment {
  slug: string;
  companyName: string;
  /** The environment's address. */
  url?: string;
}

export interface StatusTerminal {
  id: string;
  name: string;
  /** Kassabeteckning. */
  registerId: string;
  /** Tillverkningsnummer. */
  serialNumber: string;
}

export interface SignedInCashier {
  username: string;
  displayName: string;
  role: Role;
}

/** A reason in the register's own words, e.g. `binding-removed` or `terminal-deactivated`. */
export interface StatusProblem {
  code: string;
  sv: string;
  en: string;
}

/** `GET /local/status` (localStatusSchema in @kassa/contracts). */
export interface LocalStatus {
  connected: boolean;
  environment?: StatusEnvironment;
  terminal?: StatusTerminal;
  binding: BindingState;
  signedIn: SignedInCashier | null;
  /** Why the register cannot sell now (binding removed, terminal deactivated), if it cannot. */
  problem?: StatusProblem | null;
  /** When the register last reached its backoffice (ISO time), null before the first contact. */
  lastContactAt?: string | null;
  /** The register program's version. */
  programVersion?: string;
}

/** One terminal an administrator may connect this PC to (`POST /local/terminals`). */
export interface ConnectableTerminal {
  id: string;
  name: string;
  registerId: string;
  placeOfBusinessName: string;
  active: boolean;
  binding: null | { pcName: string; boundAt: string };
}

export interface TerminalList {
  environment: { slug: string; companyName: string };
  terminals: ConnectableTerminal[];
}

export interface AdminCredentials {
  url: string;
  username: string;
  password: string;
}

/** `POST /local/connect`: admin credentials and a terminal, or a pairing code. */
export type ConnectRequest =
  (AdminCredentials & { terminalId: string }) | { url?: string; code: string };

/** The documented refusal body `{ error: { code, sv, en, details? } }`. */
export interface ApiErrorBody {
  code: string;
  sv: string;
  en: string;
  details: Record<string, unknown>;
}
