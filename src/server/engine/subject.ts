/**
 * A subject without reply and forward prefixes, in the languages mail clients
 * write them ("Re:", "AW:", "Fwd:", "WG:", "SV:", "Antw:", "RIF:", "TR:", "Réf. :",
 * "[External]" tags…), lower case with spaces folded: what a sequence email's
 * subject and a reply's subject have in common (A1's fallback).
 */
const PREFIX =
  /^\s*(?:\[[^\]]{1,40}\]\s*)?(?:re|aw|sv|vs|antw|antwort|rif|r|fw|fwd|wg|tr|rv|enc|doorst|réf|ref|odp|res)\.?\s*(?:\[\d+\])?\s*[:：]\s*/i;

export function normaliseSubject(subject: string): string {
  let rest = subject.normalize('NFC');
  for (let i = 0; i < 10; i += 1) {
    const next = rest.replace(PREFIX, '');
    if (next === rest) break;
    rest = next;
  }
  return rest.replace(/\s+/g, ' ').trim().toLowerCase();
}
