const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How Graph names a user's mailbox in `/users/{id | userPrincipalName}`: the Entra object id
 * (the token's `oid`, a GUID, which never changes), else the sign-in name — what dev auth mode
 * and other issuers give, and what the Graph stand-in knows mailboxes by.
 */
export function graphUserOf(user: { oid: string; email: string }): string {
  return GUID.test(user.oid) ? user.oid.toLowerCase() : user.email.toLowerCase();
}
