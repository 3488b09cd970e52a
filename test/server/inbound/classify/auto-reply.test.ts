/**
 * Auto-reply rules (auto-reply.ts): headers, subjects in several languages, body phrases,
 * and the hard negatives — people who mention being away.
 */
import { classifyRaw, rawMessage } from './helpers';

const quoted =
  '\n\nOn Tue, Dec 1, 2026 at 9:00 AM Riley Rep <rep@acme-tools.example> wrote:\n> Worth a call?\n';

describe('auto-reply detection', () => {
  const autoReplies: [string, Record<string, string>, string][] = [
    // Headers
    ['Auto-Submitted: auto-replied', { 'Auto-Submitted': 'auto-replied' }, 'Thanks.'],
    ['Auto-Submitted: auto-replied (vacation)', { 'Auto-Submitted': 'auto-replied (vacation)' }, 'Thanks.'],
    ['X-Autoreply: yes', { 'X-Autoreply': 'yes' }, 'Thanks.'],
    ['X-Autorespond', { 'X-Autorespond': 'Message sent by autoresponder' }, 'Thanks.'],
    ['X-Autoresponder', { 'X-Autoresponder': 'true' }, 'Thanks.'],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }, 'Thanks.'],
    ['X-Apple-Action: VACATION', { 'X-Apple-Action': 'VACATION' }, 'Thanks.'],
    [
      'auto-generated answer to a message',
      { 'Auto-Submitted': 'auto-generated', 'In-Reply-To': '<seq-1@acme-tools.example>' },
      'Got it.',
    ],
    // Subjects (prefix or bracketed), seven languages and a few more
    ['en Automatic reply', { Subject: 'Automatic reply: Cutting onboarding time' }, 'x'],
    ['en Out of Office', { Subject: 'Out of Office: Re: Cutting onboarding time' }, 'x'],
    ['en Auto-Reply bracket', { Subject: '[Auto-Reply] Cutting onboarding time' }, 'x'],
    ['en AOL-style suffix', { Subject: 'Re: Cutting onboarding time (Automatic Response)' }, 'x'],
    ['en Lotus AUTO:', { Subject: 'AUTO: Pat Prospect is out of the office (returning 12/07/2026)' }, 'x'],
    ['de Automatische Antwort', { Subject: 'Automatische Antwort: Angebot' }, 'x'],
    ['de Abwesenheitsnotiz', { Subject: 'Abwesenheitsnotiz: Angebot' }, 'x'],
    ['de Abwesend', { Subject: 'Abwesend: Angebot' }, 'x'],
    ['fr Réponse automatique', { Subject: '=?utf-8?Q?R=C3=A9ponse_automatique=C2=A0:_Offre?=' }, 'x'],
    ['fr Absence du bureau', { Subject: 'Absence du bureau' }, 'x'],
    ['es Respuesta automática', { Subject: 'Respuesta automática: Propuesta' }, 'x'],
    ['es Fuera de la oficina', { Subject: 'Fuera de la oficina: Propuesta' }, 'x'],
    ['pt Resposta automática', { Subject: 'Resposta automática: Proposta' }, 'x'],
    ['pt Ausente', { Subject: 'Ausente: Proposta' }, 'x'],
    ['it Risposta automatica', { Subject: 'Risposta automatica: Proposta' }, 'x'],
    ['it Fuori ufficio', { Subject: 'Fuori ufficio' }, 'x'],
    ['nl Automatisch antwoord', { Subject: 'Automatisch antwoord: Voorstel' }, 'x'],
    ['nl Afwezig', { Subject: 'Afwezig: Voorstel' }, 'x'],
    ['pl Automatyczna odpowiedź', { Subject: '[Automatyczna odpowiedź] Oferta' }, 'x'],
    // Points: a weak header plus a subject phrase or body phrases
    [
      'Rules-Loop + body',
      { 'X-MS-Exchange-Inbox-Rules-Loop': 'pat@prospect.example' },
      'I am currently out of the office.',
    ],
    [
      'null Return-Path + ack subject',
      { 'Return-Path': '<>', Subject: 'Thank you for your email' },
      'We will reply soon.',
    ],
    [
      'Precedence bulk + ack subject',
      { Precedence: 'bulk', Subject: 'Thanks for contacting Initech' },
      'We will reply soon.',
    ],
    [
      'two body groups, short, unquoted',
      {},
      'I am out of the office until 7 December with limited access to email.',
    ],
    [
      'de two body groups',
      {},
      'Ich bin derzeit nicht im Büro. In dringenden Fällen wenden Sie sich an info@example.com.',
    ],
    ['fr two body groups', {}, 'Je suis absente. Je vous répondrai dès mon retour.'],
    ['nl two body groups', {}, 'Ik ben met vakantie. Voor dringende zaken kunt u bellen.'],
  ];

  it.each(autoReplies)('%s → auto_reply', async (_name, headers, body) => {
    const c = await classifyRaw(rawMessage({ Subject: 'Re: Cutting onboarding time', ...headers }, body));
    expect(c.kind).toBe('auto_reply');
  });

  const humans: [string, Record<string, string>, string][] = [
    ['past tense, quoted reply', {}, "Sorry, I was out of office last week - yes, let's talk." + quoted],
    [
      'one present-tense phrase, no headers',
      {},
      "I'm out of the office until Monday, but yes - Tuesday works.",
    ],
    [
      'two phrases but quoting our mail',
      {},
      'I am out of the office until 7 December with limited access to email, but yes.' + quoted,
    ],
    ['long hand-written note', {}, 'I am away this week with limited access to email. '.repeat(40)],
    ['X-Auto-Response-Suppress is no sign', { 'X-Auto-Response-Suppress': 'All' }, 'Sounds good, call me.'],
    ['Auto-Submitted: no', { 'Auto-Submitted': 'no' }, 'Sounds good, call me.'],
    ['X-Autoreply: no', { 'X-Autoreply': 'no' }, 'Sounds good.'],
    [
      'reply whose subject mentions OOO',
      { Subject: 'Re: Out of office coverage for your team' },
      'Yes, tell me more.',
    ],
    [
      'reply to an automatic-reply thread',
      { Subject: 'Re: vacation plans' },
      'We are on vacation next month, but yes.',
    ],
    [
      'subject phrase alone is one point',
      { Subject: 'Questions about automatic replies in your tool' },
      'How do you handle them?',
    ],
    [
      'a new mail whose whole subject is "Vacation"',
      { Subject: 'Vacation' },
      "Happy holidays! Let's talk in January.",
    ],
    ['a new mail whose whole subject is "Urlaub"', { Subject: 'Urlaub' }, 'Wann passt es Ihnen im Januar?'],
    [
      'Thread-Index and Outlook headers',
      { 'Thread-Index': 'AQHbRa2k3mL7w1wO5Uqv', 'X-MS-Has-Attach': '' },
      'Thanks Riley.',
    ],
  ];

  it.each(humans)('%s → human', async (_name, headers, body) => {
    const c = await classifyRaw(rawMessage({ Subject: 'Re: Cutting onboarding time', ...headers }, body));
    expect(c.kind).toBe('human');
  });

  it('names its evidence', async () => {
    const c = await classifyRaw(
      rawMessage(
        { Subject: 'Automatic reply: Offer', 'X-Auto-Response-Suppress': 'All' },
        'I am out of the office.',
      ),
    );
    expect(c.kind).toBe('auto_reply');
    if (c.kind !== 'auto_reply') return;
    expect(c.signals).toContain('subject:auto-reply-prefix');
    expect(c.signals).toContain('header:x-auto-response-suppress(ignored)');
  });

  it('takes the return date from subject and body', async () => {
    const c = await classifyRaw(
      rawMessage(
        { Subject: 'Out of Office: Offer', 'Auto-Submitted': 'auto-replied' },
        'I will be back on 7 December.',
      ),
    );
    expect(c).toMatchObject({ kind: 'auto_reply', returnDate: '2026-12-07' });
  });

  it('ignores dates in a quoted message', async () => {
    const c = await classifyRaw(
      rawMessage(
        { Subject: 'Automatic reply: Offer' },
        'I am away.\n\n-----Original Message-----\nFrom: Riley\nSent: today\n\nI am back on 7 December.',
      ),
    );
    expect(c).toMatchObject({ kind: 'auto_reply', returnDate: null });
  });

  it('a vacation reply with Precedence: bulk is an auto-reply, not list mail', async () => {
    const c = await classifyRaw(
      rawMessage({ 'Auto-Submitted': 'auto-replied', Precedence: 'bulk' }, 'On vacation.'),
    );
    expect(c.kind).toBe('auto_reply');
  });

  it('a list post whose only sign is its subject stays list mail', async () => {
    const c = await classifyRaw(
      rawMessage(
        {
          Subject: 'Out of Office: [team] weekly notes',
          'List-Id': '<team.lists.example>',
          Precedence: 'list',
        },
        'Notes.',
      ),
    );
    expect(c).toMatchObject({ kind: 'auto_generated', type: 'list' });
  });
});

describe('subject phrases outside the Latin script', () => {
  it.each([
    ['Russian (й folds like the subject)', 'Автоматический ответ: Предложение'],
    ['Japanese', '自動応答: ご提案'],
  ])('%s', async (_name, subject) => {
    const c = await classifyRaw(rawMessage({ Subject: subject }, 'Спасибо / ありがとうございます'));
    expect(c.kind).toBe('auto_reply');
  });
});
