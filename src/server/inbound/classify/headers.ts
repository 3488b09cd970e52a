import type { AddressObject, ParsedMail } from 'mailparser';

/** Lower-cased text values of a header (all occurrences), from mailparser's parsed headers. */
export function headerValues(parsed: ParsedMail, name: string): string[] {
  const value = parsed.headers.get(name.toLowerCase());
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map(valueText).filter((v) => v.length > 0);
}

/** First value of a header as lower-cased, trimmed text ('' when absent). */
export function header(parsed: ParsedMail, name: string): string {
  return headerValues(parsed, name)[0] ?? '';
}

export function hasHeader(parsed: ParsedMail, name: string): boolean {
  const key = name.toLowerCase();
  if (parsed.headers.has(key)) return true;
  // mailparser gathers List-* headers into one structured `list` header.
  if (key.startsWith('list-')) {
    const list = parsed.headers.get('list') as Record<string, unknown> | undefined;
    return Boolean(list && typeof list === 'object' && key.slice(5) in list);
  }
  return false;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value.trim().toLowerCase();
  if (value instanceof Date) return value.toISOString().toLowerCase();
  if (value && typeof value === 'object') {
    const v = value as { text?: unknown; value?: unknown; params?: Record<string, string> };
    if (typeof v.text === 'string') return v.text.trim().toLowerCase();
    if (typeof v.value === 'string') return v.value.trim().toLowerCase();
    if (Array.isArray(v.value)) {
      return v.value
        .map((a: { address?: string }) => a?.address ?? '')
        .join(', ')
        .toLowerCase();
    }
  }
  return '';
}

/** The message's top-level content type, lower-cased, with its parameters. */
export function contentType(parsed: ParsedMail): { type: string; params: Record<string, string> } {
  const value = parsed.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(value?.params ?? {})) params[k.toLowerCase()] = String(v).toLowerCase();
  return { type: (value?.value ?? '').toLowerCase(), params };
}

function addresses(obj: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  if (!obj) return [];
  const list = Array.isArray(obj) ? obj : [obj];
  const out: { address: string; name: string }[] = [];
  for (const o of list) {
    for (const a of o.value ?? []) {
      if (a.address) out.push({ address: a.address.toLowerCase(), name: (a.name ?? '').toLowerCase() });
      for (const g of a.group ?? []) if (g.address) out.push({ address: g.address.toLowerCase(), name: '' });
    }
  }
  return out;
}

export interface Envelope {
  fromAddress: string;
  fromName: string;
  toAddresses: string[];
  /** `Return-Path: <>` — the null reverse-path used by bounces and by most auto-responders. */
  nullReturnPath: boolean;
  subject: string;
}

export function envelope(parsed: ParsedMail): Envelope {
  const from = addresses(parsed.from)[0];
  const rp = parsed.headers.get('return-path') as
    { value?: { address?: string }[]; text?: string } | string | undefined;
  let nullReturnPath = false;
  if (rp !== undefined) {
    if (typeof rp === 'string') nullReturnPath = /^<?\s*>?$/.test(rp.trim());
    else nullReturnPath = !(rp.value ?? []).some((a) => a.address && a.address.includes('@'));
  }
  return {
    fromAddress: from?.address ?? '',
    fromName: from?.name ?? '',
    toAddresses: [...addresses(parsed.to), ...addresses(parsed.cc)].map((a) => a.address),
    nullReturnPath,
    subject: parsed.subject ?? '',
  };
}

/**
 * Local parts and display names of the mail systems that send delivery reports. Verizon's
 * gateways write as `post_master`, Office 365 as `MicrosoftExchange<32 hex digits>`.
 */
const DAEMON_LOCAL =
  /^(?:mailer-daemon|mailer_daemon|mailerdaemon|mail-daemon|maildaemon|postmaster|post_master|mdaemon|mail-delivery|mailadmin|mail\.delivery|bounce|bounces|mail-notify|double-bounce|microsoftexchange[0-9a-f]{32})$/;
const DAEMON_NAME =
  /\b(?:mail delivery (?:system|subsystem|service|failure)|mailer[- ]daemon|postmaster|mail administrator|internet mail delivery|mail delivery|delivery subsystem)\b/;

/** The sender is a mail system (MAILER-DAEMON, postmaster, "Mail Delivery System", …). */
export function isDaemonSender(env: Envelope): boolean {
  // Broken From fields ("<Postmaster\@x.example@x.example>") keep the daemon's name first.
  const local = (env.fromAddress.split('@')[0] ?? '').replace(/[^a-z0-9._-]/g, '');
  if (DAEMON_LOCAL.test(local)) return true;
  if (DAEMON_NAME.test(env.fromName)) return true;
  // "From: MAILER-DAEMON" or "Postmaster <>" without an address is parsed as a name.
  return !env.fromAddress && /mailer-?daemon|postmaster/.test(env.fromName);
}

/** Subject starts with a reply or forward prefix (Re:, AW:, Fwd:, WG:, TR:, …). */
export const REPLY_OR_FORWARD_PREFIX =
  /^\s*(?:re|aw|sv|vs|ref|rif|r|antw|antwort|odp|fwd?|wg|tr|rv|enc|i|doorst|fs)\s*(?:\[\d+\])?\s*:/i;
export const FORWARD_PREFIX = /^\s*(?:fwd?|wg|tr|rv|enc|i|doorst|fs)\s*:/i;
