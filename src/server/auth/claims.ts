import { Role, Scope } from '../../shared/enums';

/** What the service reads from a verified access token (SPEC §3 Authentication). */
export interface TokenClaims {
  tenantId: string;
  oid: string;
  email: string;
  name: string;
  scopes: string[];
  roles: string[];
  /**
   * Set when the token is app-only (Entra client credentials: a daemon such as a
   * workflow engine acting as itself, no user). `oid` is then its service principal.
   */
  app?: { clientId: string };
}

/** A request's verified caller, once its account and user exist. */
export interface Principal extends TokenClaims {
  accountId: string;
  userId: string;
}

/**
 * An app-only caller (A9 workflow clients). It gets no user row: it is not a
 * person, holds no seat, owns and enrolls nothing, and must not appear among
 * the account's users; the audit trail names it by its service principal id.
 */
export interface AppPrincipal {
  tenantId: string;
  accountId: string;
  /** The service principal's object id (`oid`), stable per tenant. */
  oid: string;
  clientId: string;
  roles: string[];
}

/**
 * What a route needs: reading, writing, or administering the account. `none` is
 * public. `workflow`: an admin user, or an app-only token with the
 * Sequences.Workflow role; the only requirement an app-only token can meet.
 */
export type AuthRequirement = 'none' | 'read' | 'write' | 'admin' | 'workflow';

export function canRead(claims: TokenClaims): boolean {
  return claims.scopes.includes(Scope.read) || claims.scopes.includes(Scope.readWrite);
}

export function canWrite(claims: TokenClaims): boolean {
  return claims.scopes.includes(Scope.readWrite);
}

export function isAdmin(claims: TokenClaims): boolean {
  return claims.roles.includes(Role.admin);
}

export function isWorkflowClient(claims: { roles: string[] }): boolean {
  return claims.roles.includes(Role.workflow);
}
