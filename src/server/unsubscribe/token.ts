import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Unsubscribe links carry `1<nonce><mac>`: a version digit, 16 unguessable bytes
 * (22 base64url characters) stored with the sent message, and the first 16
 * bytes of HMAC-SHA256(nonce) under a key derived from UNSUBSCRIBE_SECRET. No
 * database id is in the link; a forged or altered link fails the MAC before any
 * lookup, and a valid MAC on an unknown nonce finds nothing. 45 characters, so
 * the link survives mail clients that wrap long lines.
 */
const VERSION = '1';
const PART = 22;
const SHAPE = new RegExp(`^${VERSION}[A-Za-z0-9_-]{${PART * 2}}$`);

const keys = new Map<string, Buffer>();

/** A key for this purpose only, derived from the secret (and kept: a batch signs hundreds of links). */
function linkKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('sales-tools/unsubscribe-link/v1').digest();
    keys.set(secret, key);
  }
  return key;
}

function mac(secret: string, nonce: string): string {
  return createHmac('sha256', linkKey(secret)).update(nonce).digest().subarray(0, 16).toString('base64url');
}

export interface IssuedToken {
  token: string;
  /** Stored with the sent message; what the link is looked up by. */
  nonce: string;
}

export function issueUnsubscribeToken(secret: string, random: Buffer = randomBytes(16)): IssuedToken {
  const nonce = random.toString('base64url');
  return { token: `${VERSION}${nonce}${mac(secret, nonce)}`, nonce };
}

/**
 * The link of an enrollment's step: its nonce is derived (keyed) from (enrollment, step),
 * like the step's Message-ID, so every attempt at one email carries the same link and a
 * resend after an unknown outcome cannot orphan the link of a copy that did arrive.
 */
export function stepUnsubscribeToken(secret: string, enrollmentId: string, stepIndex: number): IssuedToken {
  const random = createHmac('sha256', linkKey(secret))
    .update(`nonce:${enrollmentId}:${stepIndex}`)
    .digest()
    .subarray(0, 16);
  return issueUnsubscribeToken(secret, random);
}

export type TokenCheck = { ok: true; nonce: string } | { ok: false; reason: 'malformed' | 'forged' };

export function verifyUnsubscribeToken(secret: string, token: string): TokenCheck {
  if (!SHAPE.test(token)) return { ok: false, reason: 'malformed' };
  const nonce = token.slice(1, 1 + PART);
  // Compared as text, not decoded bytes: base64url's last character has spare bits.
  const given = Buffer.from(token.slice(1 + PART));
  const expected = Buffer.from(mac(secret, nonce));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' };
  return { ok: true, nonce };
}
