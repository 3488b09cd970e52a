import { issueUnsubscribeToken, verifyUnsubscribeToken } from '../../../src/server/unsubscribe/token';

const SECRET = 'a-test-secret-that-is-long-enough-for-hmac';

describe('unsubscribe tokens', () => {
  test('a token verifies to the nonce it was issued with', () => {
    const { token, nonce } = issueUnsubscribeToken(SECRET);
    expect(token).toMatch(/^1[A-Za-z0-9_-]{44}$/);
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ ok: true, nonce });
  });

  test('two tokens never repeat', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => issueUnsubscribeToken(SECRET).token));
    expect(tokens.size).toBe(200);
  });

  test('changing any one character makes it forged or malformed', () => {
    const { token } = issueUnsubscribeToken(SECRET);
    for (let i = 0; i < token.length; i += 1) {
      const replacement = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
      const check = verifyUnsubscribeToken(SECRET, tampered);
      expect(check.ok).toBe(false);
    }
  });

  test('truncated, padded, or foreign tokens are refused', () => {
    const { token } = issueUnsubscribeToken(SECRET);
    expect(verifyUnsubscribeToken(SECRET, token.slice(0, -1))).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyUnsubscribeToken(SECRET, `${token}x`)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyUnsubscribeToken(SECRET, '')).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyUnsubscribeToken(`${SECRET}-other`, token)).toEqual({ ok: false, reason: 'forged' });
    const random = `1${'A'.repeat(44)}`;
    expect(verifyUnsubscribeToken(SECRET, random)).toEqual({ ok: false, reason: 'forged' });
  });

  test('the token carries no database id', () => {
    const nonce = Buffer.alloc(16, 7);
    const { token } = issueUnsubscribeToken(SECRET, nonce);
    expect(token).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/i);
  });
});
