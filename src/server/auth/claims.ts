import { Role, Scope } from '../../shared/enums';

/** What the service reads from a verified access token (SPEC §3 Authentication). */
export interface TokenClaims {
  tenantId: string;
  oid: string;
  email: string;
  name: string;
  scopes: string[];
  roles: string[];
}

/** A request's verified caller, once its account and user exist. */
export interface Principal extends TokenClaims {
  accountId: string;
  userId: string;
}

/** What a route needs: reading, writing, or administering the account. `none` is public. */
export type AuthRequirement = 'none' | 'read' | 'write' | 'admin';

export function canRead(claims: TokenClaims): boolean {
  return claims.scopes.includes(Scope.read) || claims.scopes.includes(Scope.readWrite);
}

export function canWrite(claims: TokenClaims): boolean {
  return claims.scopes.includes(Scope.readWrite);
}

export function isAdmin(claims: TokenClaims): boolean {
  return claims.roles.includes(Role.admin);
}
