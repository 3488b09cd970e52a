import type { CreateDealBody, Deal } from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { AppError } from '../http/errors';
import { changeEnrollments } from '../lifecycle';
import { runTriggers } from '../triggers/service';
import { countLiveContacts, insertDeal, toDeal } from './queries';

/**
 * Creates the deal and, in the same transaction, fires the `deal_created`
 * unenrollment triggers of its contacts' current enrollments (A10).
 */
export async function createDeal(deps: Deps, principal: Principal, body: CreateDealBody): Promise<Deal> {
  const { accountId, userId } = principal;
  const contactIds = [...new Set(body.contactIds.map((id) => id.toLowerCase()))];
  const now = deps.clock.now();
  const row = await changeEnrollments(deps, async (tx) => {
    if ((await countLiveContacts(tx, accountId, contactIds)) !== contactIds.length) {
      throw new AppError('invalid_request', 'contactIds names a contact that does not exist in this account');
    }
    const deal = await insertDeal(tx, { accountId, ...body, contactIds, createdBy: userId, now });
    await runTriggers(
      tx,
      { accountId, changedBy: userId, now },
      { kind: 'deal', deal: { id: deal.id, name: deal.name }, contactIds },
    );
    return deal;
  });
  return toDeal(row);
}
