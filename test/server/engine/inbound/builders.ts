import type { EnrollmentFact, InboundFacts } from '../../../../src/server/engine/inbound/facts';

export const NOW = new Date('2026-12-01T10:00:00Z');

export function enrollment(id: string, overrides: Partial<EnrollmentFact> = {}): EnrollmentFact {
  return {
    id,
    contactId: `contact-${id}`,
    email: `${id}@fabrikam.example`,
    status: 'active',
    settings: { unenrollSameCompany: false, outOfOffice: 'defer', sendWindow: null },
    timeZone: 'UTC',
    ...overrides,
  };
}

export function facts(overrides: Partial<InboundFacts> = {}): InboundFacts {
  return {
    now: NOW,
    kind: 'human',
    returnDate: null,
    sender: 'ann@fabrikam.example',
    label: 'email "Re: Hi" from ann@fabrikam.example <m1@mail.example>',
    thread: [],
    senderContacts: [],
    colleagues: [],
    bounces: [],
    ...overrides,
  };
}
