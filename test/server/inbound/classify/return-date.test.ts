import { extractReturnDate } from '../../../../src/server/inbound/classify';

const now = new Date('2026-11-20T12:00:00Z');

describe('extractReturnDate', () => {
  // [text, expected]
  const cases: [string, string | null][] = [
    // Numeric formats
    ['I am out of the office and will be back on 2026-12-07.', '2026-12-07'],
    ['Ich bin bis 07.12.2026 nicht im Büro.', '2026-12-07'],
    ['Ich bin bis zum 7.12. im Urlaub.', '2026-12-07'],
    ['Estoy fuera hasta el 07/12/2026.', '2026-12-07'], // day-first outside English
    ['Je suis absent jusqu’au 07/12/2026.', '2026-12-07'],
    ['I am away until 12/07/2026.', '2026-12-07'], // English: month-first when ambiguous
    ['I am away until 25/12/2026.', '2026-12-25'], // 25 can only be the day
    ['Back on 12/25/2026.', '2026-12-25'],
    ['Returning 7-12-26.', '2026-12-07'], // dashes are day-first; 2-digit year is 20yy
    // Month names, English
    ['I will be back on 7 December.', '2026-12-07'],
    ['Returning December 7th.', '2026-12-07'],
    ['I am out of the office until Monday, December 7, 2026.', '2026-12-07'],
    ['Out until the 7th of December, back on the 8th of December.', '2026-12-08'],
    ['Away until Dec. 7', '2026-12-07'],
    ['Away until May 5', '2027-05-05'], // next occurrence on/after now
    ['I am out of the office from 1 December to 7 December.', '2026-12-07'],
    // German
    ['Ich bin bis zum 7. Dezember nicht erreichbar.', '2026-12-07'],
    ['Ab dem 8. Dezember bin ich wieder im Büro.', '2026-12-08'],
    ['Ich bin vom 1. bis 7. Dez. abwesend.', '2026-12-07'],
    ['Am 8.12. bin ich wieder da.', '2026-12-08'],
    ['Ich bin ab dem 14.12. im Urlaub.', null], // start of the absence, not the return
    ['Ich bin vom 01.12. bis einschließlich 07.12.2026 nicht erreichbar.', '2026-12-07'],
    // French
    ['Je serai de retour le 7 décembre.', '2026-12-07'],
    ['Absent jusqu’au lundi 7 déc. 2026.', '2026-12-07'],
    ['Je suis absente du 1er au 7 décembre.', '2026-12-07'],
    // Spanish
    ['Estoy de vacaciones hasta el 7 de diciembre.', '2026-12-07'],
    ['Regresaré el 8 de diciembre de 2026.', '2026-12-08'],
    ['Estoy fuera del 1 al 7 de diciembre.', '2026-12-07'],
    // Portuguese
    ['Estou ausente até 7 de dezembro.', '2026-12-07'],
    ['Estarei de volta em 8 de dezembro.', '2026-12-08'],
    ['De férias até 7 dez.', '2026-12-07'],
    // Italian
    ['Sono fuori ufficio fino al 7 dicembre.', '2026-12-07'],
    ['Rientro in ufficio l’8 dicembre.', '2026-12-08'],
    ['Sono in ferie dal 1 al 7 dic.', '2026-12-07'],
    // Dutch
    ['Ik ben afwezig tot 7 december.', '2026-12-07'],
    ['Ik ben tot en met 7 dec. met vakantie.', '2026-12-07'],
    ['Vanaf 8 december ben ik weer op kantoor.', '2026-12-08'],
    // Several dates: the return one wins over an "until" one
    ['Out of office until 7 December. I will be back on 9 December.', '2026-12-09'],
    ['Sono fuori ufficio fino al 7 dicembre. Rientro in ufficio l’8 dicembre.', '2026-12-08'],
    // Year inference across the new year
    ['Back on 5 January.', '2027-01-05'],
    ['Back on 20 November.', '2026-11-20'], // today counts as on/after now
    ['Back on 19 November.', '2027-11-19'],
    // No date, or dates outside return context
    ['I am out of the office with limited access to email.', null],
    ['Your message of 1 December 2026 has been received.', null],
    ['Call me on 030 12.34.56 or 2026 numbers.', null],
    ['I will be back soon.', null],
    ['Back on 31 February.', null], // no such day
    ['I returned 2 days ago.', null],
    ['', null],
  ];

  it.each(cases)('%j → %s', (text, expected) => {
    expect(extractReturnDate(text, { now })).toBe(expected);
  });

  it('keeps an explicit year even when it has passed', () => {
    expect(extractReturnDate('AUTO: out of the office (returning 05/01/2010)', { now })).toBe('2010-05-01');
  });

  it('is a pure function of text and now', () => {
    const text = 'Back on 7 December.';
    expect(extractReturnDate(text, { now: new Date('2026-12-08T00:00:00Z') })).toBe('2027-12-07');
    expect(extractReturnDate(text, { now })).toBe('2026-12-07');
  });

  it('stays fast on long input', () => {
    const text = 'back on '.repeat(20000) + '7 December';
    const t0 = Date.now();
    extractReturnDate(text, { now });
    expect(Date.now() - t0).toBeLessThan(500);
  });
});
