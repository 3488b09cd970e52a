import { bounceAddress, sentMessageOfBounceAddress } from '../../../src/server/mail/bounce-address';

const SECRET = 's'.repeat(32);
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const DOMAIN = 'inbound.contoso.example';

describe('VERP bounce addresses', () => {
  const address = bounceAddress(SECRET, ID, DOMAIN);

  test('name the sent message, signed, within 64 characters of local part', () => {
    expect(address).toMatch(/^bounce\+[0-9a-f]{48}@inbound\.contoso\.example$/);
    expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
    expect(sentMessageOfBounceAddress(SECRET, address, DOMAIN)).toBe(ID);
  });

  test('survive a server that changes the case of the address', () => {
    expect(sentMessageOfBounceAddress(SECRET, address.toUpperCase(), DOMAIN.toUpperCase())).toBe(ID);
  });

  test.each([
    ['another secret', () => sentMessageOfBounceAddress('t'.repeat(32), address, DOMAIN)],
    [
      'another domain',
      () => sentMessageOfBounceAddress(SECRET, address.replace(DOMAIN, 'evil.example'), DOMAIN),
    ],
    [
      'an altered id',
      () => sentMessageOfBounceAddress(SECRET, address.replace('bounce+0f', 'bounce+1f'), DOMAIN),
    ],
    ['an altered signature', () => sentMessageOfBounceAddress(SECRET, address.replace(/.@/, 'x@'), DOMAIN)],
    ['an ordinary address', () => sentMessageOfBounceAddress(SECRET, `rep@${DOMAIN}`, DOMAIN)],
    ['no @ at all', () => sentMessageOfBounceAddress(SECRET, 'bounce+00', DOMAIN)],
  ])('refuse %s', (_name, check) => {
    expect(check()).toBeUndefined();
  });
});
