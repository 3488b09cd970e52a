import { composeStepEmail } from '../../../src/server/steps/compose-email';
import type { DueStep } from '../../../src/server/steps/due-step';

const settings = { publicUrl: 'https://sales.example', unsubscribeSecret: 'x'.repeat(32) };

function facts(overrides: Partial<DueStep> = {}): DueStep {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    account_id: '00000000-0000-4000-8000-000000000002',
    sequence_id: '00000000-0000-4000-8000-000000000003',
    contact_id: '00000000-0000-4000-8000-000000000004',
    email: 'ann@fabrikam.example',
    status: 'active',
    current_step: 0,
    next_step_at: null,
    paused_at: null,
    thread_message_id: null,
    thread_subject: null,
    send_attempts: 0,
    enrolled_by: null,
    lease_token: null,
    steps: [],
    settings: { unenrollSameCompany: false, outOfOffice: 'defer', sendWindow: null },
    sender_id: '00000000-0000-4000-8000-000000000005',
    sender_name: 'Riley Rep',
    sender_email: 'rep@contoso.example',
    sender_signature: 'Riley Rep | Contoso',
    sender_time_zone: 'UTC',
    first_name: 'Ann',
    last_name: 'Lee',
    company_name: null,
    opted_out_at: null,
    bounced_at: null,
    ...overrides,
  };
}

describe('composeStepEmail', () => {
  test('merges fields, appends the signature, ends with the unsubscribe link', () => {
    const email = composeStepEmail(
      facts(),
      { subject: 'Hi {{firstName}}', body: 'About {{company|your team}}.' },
      settings,
    );
    expect(email.subject).toBe('Hi Ann');
    expect(email.text).toBe(
      `About your team.\n\n-- \nRiley Rep | Contoso\n\nUnsubscribe: ${email.unsubscribeUrl}`,
    );
    expect(email.unsubscribeUrl).toMatch(/^https:\/\/sales\.example\/unsubscribe\/[\w-]+$/);
    expect(email.headers).toEqual({
      'List-Unsubscribe': `<${email.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  test.each(['{{signature}}', '{{ signature }}', '{{signature|Riley}}'])(
    'a body that places %s gets the signature once, there',
    (placed) => {
      const email = composeStepEmail(
        facts(),
        { subject: 's', body: `Thanks,\n${placed}\nP.S. hi` },
        settings,
      );
      expect(email.text.split('Riley Rep | Contoso')).toHaveLength(2);
      expect(email.text.startsWith('Thanks,\nRiley Rep | Contoso\nP.S. hi')).toBe(true);
    },
  );

  test('a follow-up replies in the first email’s thread, with its subject', () => {
    const email = composeStepEmail(
      facts({ current_step: 1, thread_message_id: 'first@contoso.example', thread_subject: 'Hi Ann' }),
      { subject: 'ignored for follow-ups', body: 'Bumping this.' },
      settings,
    );
    expect(email.subject).toBe('Re: Hi Ann');
    expect(email.headers).toMatchObject({
      'In-Reply-To': '<first@contoso.example>',
      References: '<first@contoso.example>',
    });
  });
});
