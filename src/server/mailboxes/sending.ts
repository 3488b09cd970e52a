import type { Queryable } from '../db/port';
import { sendingMailbox } from './queries/mailboxes';

/**
 * For the Graph transport: the connected mailbox a sequence email leaves from — its sender's
 * (the enrolling rep's), if that mailbox is connected and switched on.
 */
export function graphSenderLookup(db: Queryable) {
  return async (email: { accountId: string; senderUserId?: string }) => {
    if (!email.senderUserId) return undefined;
    const row = await sendingMailbox(db, email.accountId, email.senderUserId);
    return row && { tenantId: row.tenant_id, graphUser: row.graph_user };
  };
}
