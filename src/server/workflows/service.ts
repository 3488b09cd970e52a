import { ActorType, UnenrollReason } from '../../shared/enums';
import type { WorkflowUnenrollBody, WorkflowUnenrollResult } from '../../shared/schemas';
import type { AppPrincipal, Principal } from '../auth/claims';
import { findAccountByTenant } from '../accounts/queries';
import { findContact, matchContactIds } from '../contacts/queries';
import type { Deps } from '../deps';
import { workflowTarget, workflowTierRefusal } from '../engine/workflow-rules';
import { AppError, notFound } from '../http/errors';
import {
  changeEnrollments,
  findCurrentEnrollments,
  findEnrollment,
  toEnrollment,
  unenroll,
} from '../lifecycle';
import { findSequence } from '../sequences/queries';

/** Who runs the workflow action: an admin user, or a workflow client (app-only token). */
export type WorkflowCaller = { user: Principal } | { app: AppPrincipal };

function describeCaller(caller: WorkflowCaller): {
  accountId: string;
  tenantId: string;
  id: string;
  name: string;
} {
  if ('app' in caller) {
    const { accountId, tenantId, oid, clientId } = caller.app;
    return { accountId, tenantId, id: oid, name: `workflow client ${clientId}` };
  }
  const { accountId, tenantId, userId, email } = caller.user;
  return { accountId, tenantId, id: userId, name: `a workflow run by ${email}` };
}

async function findTargetContact(deps: Deps, accountId: string, body: WorkflowUnenrollBody) {
  if ('contactId' in body) return findContact(deps.db, accountId, body.contactId);
  const email = body.email.trim().toLowerCase();
  const id = (await matchContactIds(deps.db, accountId, [email])).get(email);
  return id ? findContact(deps.db, accountId, id) : undefined;
}

/**
 * A9: a workflow action unenrolls a contact (reason `workflow`, by the workflow
 * caller). Enterprise tier only. Not being enrolled (in that sequence) is a
 * successful no-op: `unenrolled: 0`.
 */
export async function workflowUnenroll(
  deps: Deps,
  caller: WorkflowCaller,
  body: WorkflowUnenrollBody,
): Promise<WorkflowUnenrollResult> {
  const actor = describeCaller(caller);
  const account = await findAccountByTenant(deps.db, actor.tenantId);
  if (!account) throw notFound('Your account');
  const refusal = workflowTierRefusal(account.tier);
  if (refusal) throw new AppError('tier_required', refusal);

  const contact = await findTargetContact(deps, actor.accountId, body);
  if (!contact)
    throw notFound('contactId' in body ? 'The contact' : `A contact with the email ${body.email}`);
  const sequenceId = body.sequenceId?.toLowerCase();
  if (sequenceId && !(await findSequence(deps.db, actor.accountId, sequenceId, { includeDeleted: true }))) {
    throw notFound('The sequence');
  }

  const [current] = await findCurrentEnrollments(deps.db, actor.accountId, [contact.id]);
  const target = workflowTarget(current && { id: current.id, sequenceId: current.sequence_id }, sequenceId);
  if (!target) return { unenrolled: 0, enrollment: null };
  const { unenrolledIds } = await changeEnrollments(deps, (tx) =>
    unenroll(
      tx,
      actor.accountId,
      { kind: 'ids', ids: [target] },
      {
        reason: UnenrollReason.workflow,
        at: deps.clock.now(),
        by: { type: ActorType.workflow, id: actor.id },
        detail: body.detail ?? `Unenrolled by ${actor.name}`,
      },
    ),
  );
  const row = await findEnrollment(deps.db, actor.accountId, target);
  return { unenrolled: unenrolledIds.length, enrollment: row ? toEnrollment(row) : null };
}
