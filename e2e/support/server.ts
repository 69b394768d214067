// How the end-to-end suite reaches the server that playwright.config.ts starts.

export const port = Number(process.env.KASSA_E2E_PORT ?? 18080);
export const baseURL = `http://localhost:${port}`;

/** The first administrator the server creates from KASSA_ADMIN_PASSWORD on an empty data dir. */
export const admin = {
  username: 'admin',
  password: process.env.KASSA_E2E_ADMIN_PASSWORD ?? 'e2e-hemligt-losen-1',
} as const;

/** A username no other test (or earlier retry) uses: the suite shares one server. */
export function uniqueUsername(prefix: string): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${prefix}-${suffix}`;
}

/** A kassabeteckning (1–16 letters A–Z or digits) no other test uses. */
export function uniqueRegisterId(prefix = 'E'): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  return `${prefix}${suffix}`.toUpperCase().slice(0, 16);
}
