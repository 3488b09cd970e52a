/**
 * RFC 3464 `message/delivery-status` (and RFC 6533 `message/global-delivery-status`)
 * parsing: the per-message fields, then one group of fields per recipient.
 */
import { findParts } from './mime';
import { ADDRESS } from './text';

export interface DsnRecipient {
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: string | null; // failed | delayed | delivered | relayed | expanded (lower-case)
  status: string | null; // as written
  diagnostic: string | null;
  remoteMta: string | null;
}

export interface DeliveryStatus {
  reportingMta: string | null;
  recipients: DsnRecipient[];
}

const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);

/** Finds and parses the delivery-status part(s) of a raw message; null when there is none. */
export function readDeliveryStatus(raw: Buffer): DeliveryStatus | null {
  const parts = findParts(raw, (t) => DSN_TYPES.has(t));
  if (parts.length === 0) return null;
  const merged: DeliveryStatus = { reportingMta: null, recipients: [] };
  for (const part of parts) {
    const ds = parseDeliveryStatus(part.body);
    merged.reportingMta ??= ds.reportingMta;
    merged.recipients.push(...ds.recipients);
  }
  return merged;
}

const emptyRecipient = (): DsnRecipient => ({
  finalRecipient: null,
  originalRecipient: null,
  action: null,
  status: null,
  diagnostic: null,
  remoteMta: null,
});

/** "rfc822; Foo <a@b>" → "a@b"; values of other types keep their text when they hold an address. */
export function addressValue(value: string): string | null {
  const semi = value.indexOf(';');
  const v = (semi >= 0 ? value.slice(semi + 1) : value).trim();
  const m = v.match(ADDRESS);
  return m ? m[0].toLowerCase() : null;
}

function typedValue(value: string): string {
  const semi = value.indexOf(';');
  return (semi >= 0 && semi < 20 ? value.slice(semi + 1) : value).trim();
}

/**
 * Parses the body of a delivery-status part. Groups are separated by blank lines, as the RFC
 * says; a second Final-Recipient inside one group also starts a new recipient, because some
 * MTAs omit the blank lines.
 */
export function parseDeliveryStatus(body: string): DeliveryStatus {
  const result: DeliveryStatus = { reportingMta: null, recipients: [] };
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  // Unfold continuation lines.
  const fields: ({ name: string; value: string } | null)[] = [];
  for (const line of lines) {
    if (/^\s*$/.test(line)) fields.push(null);
    else if (/^[ \t]/.test(line) && fields.length > 0 && fields[fields.length - 1]) {
      const last = fields[fields.length - 1]!;
      last.value += ' ' + line.trim();
    } else {
      const colon = line.indexOf(':');
      if (colon > 0)
        fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
    }
  }
  let current: DsnRecipient | null = null;
  const flush = () => {
    if (
      current &&
      (current.finalRecipient || current.originalRecipient || current.action || current.status)
    ) {
      result.recipients.push(current);
    }
    current = null;
  };
  for (const f of fields) {
    if (!f) {
      if (current) flush();
      continue;
    }
    switch (f.name) {
      case 'reporting-mta':
        result.reportingMta ??= typedValue(f.value) || null;
        break;
      case 'final-recipient':
      case 'original-recipient': {
        const key = f.name === 'final-recipient' ? 'finalRecipient' : 'originalRecipient';
        if (current && (current as DsnRecipient)[key]) flush();
        current ??= emptyRecipient();
        current[key] = addressValue(f.value);
        break;
      }
      case 'action':
        current ??= emptyRecipient();
        current.action = f.value.toLowerCase().split(/[\s(;]/)[0] || null;
        break;
      case 'status':
        current ??= emptyRecipient();
        current.status = f.value;
        break;
      case 'diagnostic-code':
        current ??= emptyRecipient();
        current.diagnostic = typedValue(f.value);
        break;
      case 'remote-mta':
        current ??= emptyRecipient();
        current.remoteMta = typedValue(f.value);
        break;
      default:
        break;
    }
  }
  flush();
  return result;
}
