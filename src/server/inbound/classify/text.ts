import type { ParsedMail } from 'mailparser';

/** The most body text any rule looks at; keeps classification cheap on huge messages. */
export const MAX_SCAN_CHARS = 16 * 1024;

/** The message's text (mailparser derives it from HTML when there is no text part), capped. */
export function bodyText(parsed: ParsedMail, max = MAX_SCAN_CHARS): string {
  let text = typeof parsed.text === 'string' ? parsed.text : '';
  if (!text.trim() && typeof parsed.html === 'string') text = htmlToText(parsed.html.slice(0, max * 4));
  return text.length > max ? text.slice(0, max) : text;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** A cheap HTML-to-text for the rare message mailparser leaves without text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(?:br|\/p|\/div|\/tr|\/li|\/h\d|p|div|tr|li)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Lower-case, strip diacritics ("Réponse automática" → "reponse automatica"; ß → ss), unify
 * apostrophes and non-breaking spaces, so the lexicons can be written in plain ASCII.
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/ß/g, 'ss')
    .replace(/\r\n?/g, '\n');
}

/**
 * Lines that start the quoted part of a reply in the common clients and languages:
 * "On … wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:", "Em … escreveu:",
 * "Il … ha scritto:", "Op … schreef …:", Outlook's "-----Original Message-----" and its
 * localised header block ("From:/Von:/De:/Da:/Van:" followed by "Sent:/Gesendet:/Envoyé:/…").
 * Works on `fold`ed text.
 */
const QUOTE_START = new RegExp(
  [
    String.raw`^>`,
    String.raw`^-{2,}\s*(?:original message|ursprungliche nachricht|message d'origine|mensaje original|mensagem original|messaggio originale|oorspronkelijk bericht|forwarded message|weitergeleitete nachricht)`,
    String.raw`^_{10,}\s*$`,
    String.raw`^(?:on|am|le|el|em|il|op)\s.{0,200}(?:wrote|schrieb|a ecrit|escribio|escreveu|ha scritto|schreef)\s*:?\s*$`,
    String.raw`^(?:from|von|de|da|van|od)\s*:.*\n(?:.*\n){0,3}?(?:sent|gesendet|envoye|enviado|inviato|verzonden|date|datum|fecha|data|wyslano)\s*:`,
  ].join('|'),
  'm',
);

/** The text the sender wrote above any quoted message, and whether a quote follows. */
export function ownText(foldedText: string): { own: string; quoted: boolean } {
  const m = QUOTE_START.exec(foldedText);
  if (!m) return { own: foldedText, quoted: false };
  return { own: foldedText.slice(0, m.index), quoted: true };
}

/** Email addresses in a string, lower-cased, in order of appearance. */
export const ADDRESS =
  /[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+/gi;
