import { ActorType, EngagementType, UnenrollReason } from '../../shared/enums';
import type { Deps } from '../deps';
import { optOutContact } from '../contacts/queries';
import { recordEngagements } from '../engagements/queries';
import { AppError } from '../http/errors';
import { changeEnrollments, unenroll } from '../lifecycle';
import { findTargetByNonce, type UnsubscribeTarget } from './queries';
import { verifyUnsubscribeToken } from './token';

/**
 * The email a link belongs to. A link that is not ours (bad shape or MAC) is
 * refused before the database is asked; a well-signed link whose message is
 * unknown is a 404. Changes nothing: GET shows the confirmation page with it.
 */
export async function findUnsubscribeTarget(deps: Deps, token: string): Promise<UnsubscribeTarget> {
  const check = verifyUnsubscribeToken(deps.config.unsubscribeSecret, token);
  if (!check.ok && check.reason === 'malformed') {
    throw new AppError(
      'invalid_request',
      'This unsubscribe link is incomplete; open it again from the email',
    );
  }
  const target = check.ok ? await findTargetByNonce(deps.db, check.nonce) : undefined;
  if (!target) throw new AppError('not_found', 'This unsubscribe link is not valid');
  return target;
}

/**
 * A7: the contact unsubscribes (the page's button, or RFC 8058 one-click). Their
 * current enrollments end as `unsubscribed` by the contact, they are opted out
 * of sequence email (a later enrollment is 409 `contact_opted_out`), and the
 * sequence counts an `unsubscribe` engagement. Idempotent: a second POST finds
 * nothing left to change. The unenroll comes first so that this transaction
 * takes the enrollment's lock before the contact's, in the order the worker does.
 */
export async function unsubscribe(deps: Deps, token: string): Promise<UnsubscribeTarget> {
  const target = await findUnsubscribeTarget(deps, token);
  const now = deps.clock.now();
  await changeEnrollments(deps, async (tx) => {
    await unenroll(
      tx,
      target.account_id,
      { kind: 'contacts', contactIds: [target.contact_id] },
      {
        reason: UnenrollReason.unsubscribed,
        at: now,
        by: { type: ActorType.contact, id: target.contact_id },
        detail: `Unsubscribe link in “${target.subject}”`,
      },
    );
    await optOutContact(tx, target.contact_id, now);
    await recordEngagements(tx, {
      enrollmentIds: [target.enrollment_id],
      type: EngagementType.unsubscribe,
      sourceRef: target.message_id,
      occurredAt: now,
    });
  });
  return target;
}
