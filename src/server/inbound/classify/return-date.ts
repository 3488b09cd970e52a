/**
 * The date an out-of-office sender returns, from the subject and text of the auto-reply.
 *
 * Dates: ISO `2026-12-07`; numeric `07.12.2026`, `07/12/2026`, `07-12-26`, `7.12.`; with month
 * names or abbreviations in en/de/fr/es/pt/it/nl, day first ("7. Dezember", "7 de diciembre",
 * "7th of December") or month first ("December 7th, 2026").
 *
 * Only dates in return context count: a word before the date that says "back"/"return"
 * (weight 3: back, zurück, retour, regreso, volta, rientro, terug, …) or "until"/the end of a
 * range (weight 2: until, bis, jusqu'au, hasta, até, fino al, tot, "from 1 to 7 December"),
 * or a weaker "from this date on" word (weight 1: ab, à partir du, a partir de, vanaf) that
 * needs a confirming word after the date ("ab dem 7.12. bin ich wieder erreichbar"). A
 * candidate needs weight 2. The best-weighted candidate wins; among equals, the latest date.
 *
 * Numeric ambiguity: dotted and dashed dates are day-first (nobody writes 12.07. for July 12th).
 * In a slashed date a number above 12 can only be the day; when both numbers could be a
 * month, the date is month-first if its return word is English ("back on 12/07/2026" →
 * 2026-12-07, US usage) and day-first in every other language ("hasta el 12/07/2026" →
 * 2026-07-12).
 *
 * A missing year is the next occurrence on or after `now` (UTC date); a two-digit year is
 * 20yy; an explicit year is kept even when the date has passed (the caller decides what a
 * past return date means). Pure function of `text` and `now`.
 */
import { fold } from './text';
import { AFTER, BEFORE, MONTHS, NEEDS_DOT, type Lang } from './return-date-lexicon';

const MAX_TEXT = 4000;
const LOOKBACK = 90;
const LOOKAHEAD = 50;

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const ORDINAL = String.raw`(?:st|nd|rd|th|er|eme|e|o|º|°|ª)?`;
const ISO = /(?<!\d)(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)/g;
const NUMERIC = /(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[./-]\d)/g;
const DOTTED_NO_YEAR = /(?<![\d./-])(\d{1,2})\.(\d{1,2})\.(?!\d)/g;
const SLASHED_NO_YEAR = /(?<![\d./-])(\d{1,2})\/(\d{1,2})(?![\d/])/g;
const DAY_MONTH = new RegExp(
  String.raw`(?<![\d\p{L}])(\d{1,2})${ORDINAL}\.?\s*(?:de\s+|of\s+|-\s*)?(${MONTH_ALT})(\.)?(?![\p{L}])(?:,?\s*(?:de\s+|del\s+|-\s*)?(\d{4})(?!\d))?`,
  'gu',
);
const MONTH_DAY = new RegExp(
  String.raw`(?<![\p{L}])(${MONTH_ALT})(\.)?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?!\d|[:.]\d)(?:,?\s*(\d{4})(?!\d))?`,
  'gu',
);

const FILLER = String.raw`[\s,:(]*(?:(?:on|the|le|el|il|o|dia|day|dem|den|der|de|op|am|em|no)[\s,]+|l')*`;
const BEFORE_RES = BEFORE.map((w) => ({ ...w, regex: new RegExp(String.raw`(?:${w.re})${FILLER}$`, 'u') }));
const AFTER_RES = AFTER.map((w) => ({ ...w, regex: new RegExp(w.re, 'u') }));

interface Candidate {
  index: number;
  end: number;
  day: number;
  month: number;
  year: number | null;
  /** For numeric d/m with both ≤ 12: the alternative reading (month-first). */
  slashAmbiguous: boolean;
}

export function extractReturnDate(text: string, options: { now: Date }): string | null {
  const t = fold(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);
  const candidates = findCandidates(t);
  let best: { score: number; date: string } | null = null;
  for (const c of candidates) {
    const context = contextOf(t, c);
    if (context.score < 2) continue;
    let { day, month } = c;
    if (c.slashAmbiguous && context.lang === 'en') [day, month] = [month, day];
    const date = resolve(day, month, c.year, options.now);
    if (!date) continue;
    if (!best || context.score > best.score || (context.score === best.score && date > best.date)) {
      best = { score: context.score, date };
    }
  }
  return best?.date ?? null;
}

function findCandidates(t: string): Candidate[] {
  const out: Candidate[] = [];
  const overlaps = (s: number, e: number) => out.some((c) => s < c.end && e > c.index);
  const push = (c: Candidate) => {
    if (!overlaps(c.index, c.end)) out.push(c);
  };
  for (const m of t.matchAll(ISO)) {
    push({
      index: m.index!,
      end: m.index! + m[0].length,
      year: +m[1],
      month: +m[3],
      day: +m[4],
      slashAmbiguous: false,
    });
  }
  for (const m of t.matchAll(NUMERIC)) {
    push(numeric(m.index!, m[0].length, +m[1], +m[3], m[2], normaliseYear(m[4])));
  }
  for (const m of t.matchAll(DAY_MONTH)) {
    if (NEEDS_DOT.has(m[2]) && !m[3]) continue;
    // A dot right after the month is kept out of the span: after a full month name it ends
    // the sentence ("… fino al 7 dicembre. Rientro …"), and the look-ahead must stop there.
    push({
      index: m.index!,
      end: m[3] && !m[4] ? m.index! + m[0].length - 1 : m.index! + m[0].length,
      day: +m[1],
      month: MONTHS[m[2]],
      year: m[4] ? +m[4] : null,
      slashAmbiguous: false,
    });
  }
  for (const m of t.matchAll(MONTH_DAY)) {
    if (NEEDS_DOT.has(m[1]) && !m[2]) continue;
    if (
      m[1] === 'may' &&
      !m[4] &&
      !/\d(?:st|nd|rd|th)/.test(m[0]) &&
      /\b(?:i|we|you|it|this|that|he|she|they)\s+$/.test(t.slice(Math.max(0, m.index! - 6), m.index!))
    )
      continue;
    push({
      index: m.index!,
      end: m.index! + m[0].length,
      day: +m[3],
      month: MONTHS[m[1]],
      year: m[4] ? +m[4] : null,
      slashAmbiguous: false,
    });
  }
  for (const m of t.matchAll(DOTTED_NO_YEAR)) push(numeric(m.index!, m[0].length, +m[1], +m[2], '.', null));
  for (const m of t.matchAll(SLASHED_NO_YEAR)) push(numeric(m.index!, m[0].length, +m[1], +m[2], '/', null));
  return out;
}

function numeric(
  index: number,
  length: number,
  a: number,
  b: number,
  sep: string,
  year: number | null,
): Candidate {
  // Day-first by default; a number above 12 can only be the day.
  let day = a;
  let month = b;
  let slashAmbiguous = false;
  if (b > 12 && a <= 12) [day, month] = [b, a];
  else if (sep === '/' && a <= 12 && b <= 12) slashAmbiguous = true;
  return { index, end: index + length, day, month, year, slashAmbiguous };
}

function normaliseYear(y: string): number {
  return y.length === 2 ? 2000 + +y : +y;
}

function contextOf(t: string, c: Candidate): { score: number; lang: Lang | null } {
  let lookback = t.slice(Math.max(0, c.index - LOOKBACK), c.index);
  // Stay within the sentence: cut at a blank line or a sentence end (not a date's dot).
  const cut = Math.max(lookback.lastIndexOf('\n\n'), lastSentenceEnd(lookback));
  if (cut >= 0) lookback = lookback.slice(cut + 1);
  let before = 0;
  let lang: Lang | null = null;
  for (const w of BEFORE_RES) {
    if (w.weight > before && w.regex.test(lookback)) {
      before = w.weight;
      lang = w.lang;
    }
  }
  let ahead = t.slice(c.end, c.end + LOOKAHEAD);
  const stop = ahead.search(/[.!?;](?:\s|$)|\n\s*\n/);
  if (stop >= 0) ahead = ahead.slice(0, stop);
  let after = 0;
  for (const w of AFTER_RES) {
    if (w.weight > after && w.regex.test(ahead)) {
      after = w.weight;
      lang ??= w.lang;
    }
  }
  return { score: before + after, lang };
}

function lastSentenceEnd(s: string): number {
  let last = -1;
  for (const m of s.matchAll(/(?<!\d)[.!?](?=\s)/g)) last = m.index!;
  return last;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function resolve(day: number, month: number, year: number | null, now: Date): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  if (year !== null) {
    if (year < 1900 || year > 2999 || day > daysIn(year, month)) return null;
    return iso(year, month, day);
  }
  const today = iso(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  for (let y = now.getUTCFullYear(); y <= now.getUTCFullYear() + 8; y++) {
    if (day > daysIn(y, month)) continue;
    const date = iso(y, month, day);
    if (date >= today) return date;
  }
  return null;
}
