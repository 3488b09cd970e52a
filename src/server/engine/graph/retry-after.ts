/**
 * The wait a `Retry-After` header asks for (RFC 9110 §10.2.3): a number of seconds, or an
 * HTTP-date. Graph's throttling answers (429, 503) carry it in seconds
 * (learn.microsoft.com/graph/throttling); undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
