import { Scope } from '../../shared/enums';
import type { Principal } from '../auth/claims';
import { DEV_TENANT_ID, devOid } from '../auth/dev-tokens';
import { countAccounts, createPrincipal } from '../accounts/queries';
import { insertCompany } from '../companies/queries';
import { insertContact } from '../contacts/queries';
import type { Deps } from '../deps';
import { enroll } from '../enrollments/service';
import { insertSequence } from '../sequences/queries';

export const DEMO_USER = { email: 'rep@contoso.example', name: 'Riley Rep' } as const;
export const DEMO_RECIPIENTS = {
  enrolled: 'ann.lee@fabrikam.example',
  known: 'bo.chen@fabrikam.example',
  unknown: 'someone@northwind.example',
} as const;

/**
 * A first start in dev auth mode with an empty database gets a small workspace:
 * one sequence, three contacts, one of them enrolled. Returns false when there
 * was something already.
 */
export async function seedDemoWorkspace(deps: Deps): Promise<boolean> {
  const accounts = await countAccounts(deps.db);
  if (accounts > 0) return false;

  const claims = {
    tenantId: DEV_TENANT_ID,
    oid: devOid(DEMO_USER.email),
    email: DEMO_USER.email,
    name: DEMO_USER.name,
    scopes: [Scope.read, Scope.readWrite],
    roles: [],
  };
  const row = await createPrincipal(deps.db, claims);
  const principal: Principal = { ...claims, accountId: row.account_id, userId: row.user_id };
  const now = deps.clock.now();

  const fabrikam = await insertCompany(
    deps.db,
    principal.accountId,
    { name: 'Fabrikam', domains: ['fabrikam.example'] },
    now,
  );
  const sequence = await insertSequence(deps.db, {
    accountId: principal.accountId,
    ownerId: principal.userId,
    now,
    name: 'Q4 outreach',
    steps: [
      {
        type: 'email',
        delayMinutes: 0,
        subject: 'Quick question, {{firstName}}',
        body: 'Hi {{firstName}},\n\nWould a short call about {{company|your team}}’s plans for next quarter be useful?\n\n{{senderName}}',
      },
      { type: 'task', delayMinutes: 2 * 24 * 60, title: 'Call {{firstName}}' },
      {
        type: 'email',
        delayMinutes: 3 * 24 * 60,
        subject: 'Following up',
        body: 'Hi {{firstName}}, just bringing this to the top of your inbox.\n\n{{senderName}}',
      },
    ],
    settings: { unenrollSameCompany: true, outOfOffice: 'defer' },
  });
  const contact = (email: string, firstName: string, lastName: string, companyId: string | null) =>
    insertContact(
      deps.db,
      principal.accountId,
      { email, firstName, lastName, companyId, ownerId: principal.userId },
      now,
    );
  const ann = await contact(DEMO_RECIPIENTS.enrolled, 'Ann', 'Lee', fabrikam.id);
  await contact(DEMO_RECIPIENTS.known, 'Bo', 'Chen', fabrikam.id);
  await contact('cara.diaz@adatum.example', 'Cara', 'Diaz', null);
  await enroll(deps, principal, { sequenceId: sequence.id, contactId: ann });
  return true;
}
