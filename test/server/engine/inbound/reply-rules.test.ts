import { replyRules } from '../../../../src/server/engine/inbound/reply-rules';
import { enrollment, facts } from './builders';

const ann = enrollment('ann', { email: 'ann@fabrikam.example' });

describe('reply rules (A1–A4)', () => {
  test.each([
    [
      'a reply in the thread from the enrolled address',
      facts({ thread: [ann] }),
      [['unenroll', 'ann', 'replied']],
    ],
    [
      'a reply in the thread from another address',
      facts({ sender: 'ann.private@gmail.com', thread: [ann] }),
      [['unenroll', 'ann', 'replied_other_address']],
    ],
    [
      'an email from the enrolled address, not in a thread',
      facts({ senderContacts: [{ contactId: ann.contactId, match: 'exact', currentEnrollment: ann }] }),
      [['unenroll', 'ann', 'emailed']],
    ],
    [
      'an email from an alias, not in a thread',
      facts({
        sender: 'ann+x@fabrikam.example',
        senderContacts: [{ contactId: ann.contactId, match: 'alias', currentEnrollment: ann }],
      }),
      [['unenroll', 'ann', 'emailed_from_alias']],
    ],
    [
      'a reply in the thread that also comes from the contact: one decision, the thread one',
      facts({
        thread: [ann],
        senderContacts: [{ contactId: ann.contactId, match: 'exact', currentEnrollment: ann }],
      }),
      [['unenroll', 'ann', 'replied']],
    ],
    [
      'a paused enrollment is unenrolled too',
      facts({ thread: [{ ...ann, status: 'paused' }] }),
      [['unenroll', 'ann', 'replied']],
    ],
    [
      'an ended enrollment is not unenrolled again',
      facts({ thread: [{ ...ann, status: 'unenrolled' }] }),
      [],
    ],
    [
      'a known sender without an enrollment',
      facts({ senderContacts: [{ contactId: 'c', match: 'exact', currentEnrollment: null }] }),
      [],
    ],
    ['an auto-reply in the thread never unenrolls', facts({ kind: 'auto_reply', thread: [ann] }), []],
    [
      'list mail from the contact never unenrolls',
      facts({
        kind: 'auto_generated',
        senderContacts: [{ contactId: ann.contactId, match: 'exact', currentEnrollment: ann }],
      }),
      [],
    ],
    ['a bounce never counts as a reply', facts({ kind: 'bounce', thread: [ann] }), []],
  ])('%s', (_name, input, expected) => {
    const unenrolls = replyRules(input)
      .filter((d) => d.type === 'unenroll')
      .map((d) => (d.type === 'unenroll' ? [d.type, d.enrollmentId, d.reason] : []));
    expect(unenrolls).toEqual(expected);
  });

  test('every answered sequence email is recorded as a reply, ended or not, and details name the message', () => {
    const decisions = replyRules(facts({ thread: [ann, enrollment('old', { status: 'unenrolled' })] }));
    expect(decisions.filter((d) => d.type === 'record_reply').map((d) => d.enrollmentId)).toEqual([
      'ann',
      'old',
    ]);
    const unenroll = decisions.find((d) => d.type === 'unenroll');
    expect(unenroll && unenroll.type === 'unenroll' && unenroll.detail).toContain('<m1@mail.example>');
  });
});
