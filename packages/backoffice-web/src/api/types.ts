// Shapes of the backoffice API (docs/protocols/backoffice-api.md). The server validates and
// serialises every answer against its schemas, so the client trusts these shapes.

export const roles = ['admin', 'manager', 'cashier'] as const;
export type Role = (typeof roles)[number];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

export interface Me {
  user: SessionUser;
  environment: { slug: string; companyName: string };
  csrfToken: string;
}

export interface User extends SessionUser {
  createdAt: string;
}

export interface PlaceOfBusiness {
  id: string;
  name: string;
  streetAddress: string;
  postalCode: string;
  city: string;
}

export interface Environment {
  slug: string;
  companyName: string;
  organisationNumber: string;
  placesOfBusiness: PlaceOfBusiness[];
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
}

/** The body of every 4xx answer. */
export interface ApiErrorBody {
  code: string;
  sv: string;
  en: string;
  details?: Record<string, unknown>;
}
