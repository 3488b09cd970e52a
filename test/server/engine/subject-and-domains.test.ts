import { domainOf, isFreeMailDomain } from '../../../src/server/engine/free-mail';
import { normaliseSubject } from '../../../src/server/engine/subject';

describe('subjects of replies (A1 fallback)', () => {
  test.each([
    ['Re: Quick question, Ann', 'quick question, ann'],
    ['RE: RE: Quick question,  Ann', 'quick question, ann'],
    ['AW: Quick question', 'quick question'],
    ['Fwd: Re: Quick question', 'quick question'],
    ['WG: SV: Antw: Quick question', 'quick question'],
    ['RIF: Quick question', 'quick question'],
    ['Réf. : Quick question', 'quick question'],
    ['RE : Question rapide', 'question rapide'],
    ['TR: Quick question', 'quick question'],
    ['[External] Re: Quick question', 'quick question'],
    ['Re[2]: Quick question', 'quick question'],
    ['Regarding our call', 'regarding our call'],
    ['Quick question', 'quick question'],
  ])('%s → %s', (subject, expected) => {
    expect(normaliseSubject(subject)).toBe(expected);
  });
});

describe('free-mail domains (A5)', () => {
  test.each([
    ['ann@gmail.com', true],
    ['ann@GoogleMail.com', true],
    ['ann@outlook.com', true],
    ['ann@web.de', true],
    ['ann@fabrikam.example', false],
    ['ann@mail.fabrikam.example', false],
  ])('%s', (address, free) => {
    expect(isFreeMailDomain(domainOf(address))).toBe(free);
  });
});
