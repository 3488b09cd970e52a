import { classifySmtpError, enhancedStatus } from '../../../src/server/mail/smtp-failure';

/** Shaped like the errors nodemailer gives (code, command, response, responseCode, permanent). */
const smtp = (command: string, response: string, extra: Record<string, unknown> = {}) => {
  const responseCode = Number(response.slice(0, 3));
  return Object.assign(new Error(`failed: ${response}`), {
    code: command === 'DATA' ? 'EMESSAGE' : 'EENVELOPE',
    command,
    response,
    responseCode,
    permanent: responseCode >= 500 && responseCode !== 503,
    ...extra,
  });
};

describe('classifying SMTP failures (A8)', () => {
  test.each([
    ['550 5.1.1 no such user at RCPT', smtp('RCPT TO', '550 5.1.1 No such user'), 'rejected', 'recipient'],
    [
      '550 without an enhanced code at RCPT',
      smtp('RCPT TO', '550 Mailbox unavailable'),
      'rejected',
      'recipient',
    ],
    ['553 5.1.3 bad address syntax', smtp('RCPT TO', '553 5.1.3 Bad address'), 'rejected', 'recipient'],
    [
      '554 5.7.1 policy at RCPT (relay denied)',
      smtp('RCPT TO', '554 5.7.1 Relay access denied'),
      'rejected',
      'message',
    ],
    [
      '554 5.7.1 content refused at DATA',
      smtp('DATA', '554 5.7.1 Message rejected as spam'),
      'rejected',
      'message',
    ],
    [
      '550 5.1.1 per recipient at DATA (LMTP)',
      smtp('DATA', '550 5.1.1 Unknown user'),
      'rejected',
      'recipient',
    ],
    [
      '451 4.7.1 greylisted at RCPT',
      smtp('RCPT TO', '451 4.7.1 Greylisted, try later'),
      'deferred',
      'soft_bounce',
    ],
    ['452 4.2.2 mailbox full', smtp('RCPT TO', '452 4.2.2 Mailbox full'), 'deferred', 'soft_bounce'],
    [
      '552 5.2.2 mailbox full (treated as soft)',
      smtp('RCPT TO', '552 5.2.2 Over quota'),
      'deferred',
      'soft_bounce',
    ],
    ['421 at DATA', smtp('DATA', '421 4.3.0 Try again'), 'deferred', 'soft_bounce'],
    [
      '503 bad sequence is not permanent',
      smtp('RCPT TO', '503 5.5.1 Bad sequence'),
      'deferred',
      'soft_bounce',
    ],
    ['550 refusing our sender', smtp('MAIL FROM', '550 5.7.1 Sender not allowed'), 'deferred', 'unavailable'],
    [
      '530 authentication required',
      smtp('MAIL FROM', '530 5.7.0 Authentication required'),
      'deferred',
      'unavailable',
    ],
  ])('%s', (_why, error, status, kindOrScope) => {
    const result = classifySmtpError(error);
    expect(result.status).toBe(status);
    expect('kind' in result ? result.kind : result.scope).toBe(kindOrScope);
    expect(result.response).toBe(error.response);
  });

  test.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })],
    ['timeout', Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' })],
    ['bad credentials', Object.assign(new Error('Invalid login'), { code: 'EAUTH' })],
    ['not even an Error', 'boom'],
  ])('%s: the relay is unavailable, retry', (_why, error) => {
    expect(classifySmtpError(error)).toMatchObject({ status: 'deferred', kind: 'unavailable' });
  });

  test('enhanced status codes are read from the reply', () => {
    expect(enhancedStatus('550 5.1.1 <ann@x> No such user')).toEqual([5, 1, 1]);
    expect(enhancedStatus('250 OK')).toBeUndefined();
  });
});
