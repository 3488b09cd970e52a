import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * VERP (variable envelope return path): each sequence email is sent with its own envelope
 * sender, `bounce+<sent message id><mac>@INBOUND_DOMAIN`, so a bounce — which mail servers
 * address to the envelope sender (RFC 5321 §4.5.5, RFC 3464 §2) — names the very message it
 * answers, signed so that nobody can make one up. Hex, because some servers change the case
 * of local parts; 16 bytes of id and 8 of HMAC-SHA256: 55 characters, within RFC 5321's 64.
 */
const PREFIX = 'bounce+';
const SHAPE = /^bounce\+([0-9a-f]{32})([0-9a-f]{16})$/;

const keys = new Map<string, Buffer>();
function key(secret: string): Buffer {
  let derived = keys.get(secret);
  if (!derived) {
    derived = createHmac('sha256', secret).update('sales-tools/bounce-address/v1').digest();
    keys.set(secret, derived);
  }
  return derived;
}

const mac = (secret: string, idHex: string) =>
  createHmac('sha256', key(secret)).update(idHex).digest().subarray(0, 8).toString('hex');

/** The envelope sender of the sent message `sentMessageId` (a uuid). */
export function bounceAddress(secret: string, sentMessageId: string, domain: string): string {
  const idHex = sentMessageId.replace(/-/g, '').toLowerCase();
  return `${PREFIX}${idHex}${mac(secret, idHex)}@${domain}`;
}

/** The sent message a bounce address names, when it is one of ours and its signature holds. */
export function sentMessageOfBounceAddress(
  secret: string,
  address: string,
  domain: string,
): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return undefined;
  const match = SHAPE.exec(address.slice(0, at).toLowerCase());
  if (!match) return undefined;
  const [, idHex, given] = match;
  const expected = mac(secret, idHex);
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return undefined;
  return `${idHex.slice(0, 8)}-${idHex.slice(8, 12)}-${idHex.slice(12, 16)}-${idHex.slice(16, 20)}-${idHex.slice(20)}`;
}
