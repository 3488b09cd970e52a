import type { Company, PatchCompanyBody } from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { notFound } from '../http/errors';
import { changeEnrollments } from '../lifecycle';
import { lockCompanyProperties } from '../triggers/queries';
import { runTriggers } from '../triggers/service';
import { toCompany, updateCompany } from './queries';

/**
 * Changes the company and, in the same transaction, lets the unenrollment
 * triggers of its contacts' current enrollments react to its properties (A10).
 */
export async function patchCompany(
  deps: Deps,
  principal: Principal,
  id: string,
  body: PatchCompanyBody,
): Promise<Company> {
  const { accountId } = principal;
  const now = deps.clock.now();
  const row = await changeEnrollments(deps, async (tx) => {
    const before = await lockCompanyProperties(tx, accountId, id);
    if (!before) throw notFound('The company');
    const updated = await updateCompany(tx, accountId, id, body, now);
    if (!updated) throw notFound('The company');
    await runTriggers(
      tx,
      { accountId, changedBy: principal.userId, now },
      { kind: 'company', companyId: id, company: { before, after: updated.properties } },
    );
    return updated;
  });
  return toCompany(row);
}
