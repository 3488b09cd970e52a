/**
 * The retargeting helper (test/helpers/retarget.ts) that real-clients.test.ts relies on: it
 * must change exactly the spans it is asked to change and leave every other byte alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseMessage } from '../../../src/server/inbound/classify';
import { retarget, splitMessage } from '../../helpers/retarget';

const FIXTURES = path.resolve(__dirname, '../../fixtures/email');
const ALL = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory()) // the folder also holds a README
  .map((entry) => entry.name)
  .flatMap((category) =>
    fs
      .readdirSync(path.join(FIXTURES, category))
      .filter((name) => name.endsWith('.eml'))
      .map((name) => `${category}/${name}`),
  )
  .sort();
const PEOPLE = ALL.filter((file) => file.startsWith('human/') || file.startsWith('auto-reply/'));
const read = (file: string) => fs.readFileSync(path.join(FIXTURES, file));
const toCrlf = (raw: Buffer) => Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
const latin1 = (raw: Buffer) => raw.toString('latin1');

const NEW_FROM = 'Pat.Prospect@Example-Prospect.example';
const NEW_ID = 'sent-42.a1b2@contoso.example';

/** The header fields other than those named, and the body: what must not change. */
function untouched(raw: Buffer, changed: string[]) {
  const split = splitMessage(latin1(raw));
  return {
    fields: split.fields.filter((field) => !changed.includes(field.name)).map((field) => field.text),
    separator: split.separator,
    body: split.body,
  };
}

test('there are fixtures in every category', () => {
  for (const category of ['human', 'auto-reply', 'bounce', 'auto-generated']) {
    expect(ALL.filter((file) => file.startsWith(`${category}/`)).length).toBeGreaterThan(3);
  }
});

describe('retarget on every fixture', () => {
  test.each(ALL)('%s: asked for nothing, changes nothing (LF and CRLF)', (file) => {
    const raw = read(file);
    expect(retarget(raw, {}).equals(raw)).toBe(true);
    expect(retarget(toCrlf(raw), {}).equals(toCrlf(raw))).toBe(true);
  });

  test.each(PEOPLE)('%s: new sender and thread, every other byte kept', async (file) => {
    const raw = read(file);
    const out = retarget(raw, { from: NEW_FROM, inReplyTo: NEW_ID });
    expect(untouched(out, ['from', 'in-reply-to', 'references'])).toEqual(
      untouched(raw, ['from', 'in-reply-to', 'references']),
    );

    const [before, after] = [await parseMessage(raw), await parseMessage(out)];
    expect(after.from?.value).toEqual([{ name: before.from?.value[0].name, address: NEW_FROM }]);
    expect(after.from?.text).toBe(before.from?.text.replace(before.from.value[0].address!, NEW_FROM));
    expect(after.messageId).toBe(before.messageId);
    expect(after.subject).toBe(before.subject);
    expect(after.text).toBe(before.text);
    expect(after.html).toBe(before.html);
    expect([...after.headers.keys()]).toEqual([...before.headers.keys()]);
    // The thread headers it had now name the new message; none are added.
    expect(after.inReplyTo).toBe(before.inReplyTo === undefined ? undefined : `<${NEW_ID}>`);
    const references = [before.references ?? []].flat();
    if (references.length > 0) expect([after.references ?? []].flat().at(-1)).toBe(`<${NEW_ID}>`);
    else expect(after.references).toBeUndefined();
  });

  test.each(PEOPLE)('%s: CRLF stays CRLF', (file) => {
    const lf = retarget(read(file), { from: NEW_FROM, inReplyTo: NEW_ID });
    const crlf = retarget(toCrlf(read(file)), { from: NEW_FROM, inReplyTo: NEW_ID });
    expect(latin1(crlf)).toBe(latin1(toCrlf(lf)));
    expect(/(?<!\r)\n/.test(latin1(crlf))).toBe(false);
  });
});

describe('the From address', () => {
  test.each([
    ['angle address', 'From: Ann Lee <ann@x.example>\n', 'From: Ann Lee <new@y.example>\n'],
    [
      'quoted name with a comma',
      'From: "Okafor, Chidi" <chidi.okafor@contoso.example>\n',
      'From: "Okafor, Chidi" <new@y.example>\n',
    ],
    [
      'an address inside the quoted name',
      'From: "Mail protection for m.ng@ngstudio.example" <protect@ngstudio.example>\n',
      'From: "Mail protection for m.ng@ngstudio.example" <new@y.example>\n',
    ],
    [
      'folded before the address',
      'From: Microsoft Exchange\n\t<postmaster@woodgrove.example>\n',
      'From: Microsoft Exchange\n\t<new@y.example>\n',
    ],
    [
      'folded, CRLF',
      'From: Microsoft Outlook\r\n\t<MicrosoftExchange329e@acme.example>\r\n',
      'From: Microsoft Outlook\r\n\t<new@y.example>\r\n',
    ],
    ['bare', 'From: emma.stone@icloud.com\n', 'From: new@y.example\n'],
    [
      'bare with a comment',
      'From: MAILER-DAEMON@mx.lucerne.example (Mail Delivery System)\n',
      'From: new@y.example (Mail Delivery System)\n',
    ],
    [
      'a comment holding an address before it',
      'From: (sent for <boss@x.example>) ann@x.example\n',
      'From: (sent for <boss@x.example>) new@y.example\n',
    ],
    [
      'encoded words in the name',
      'From: =?iso-8859-1?Q?J=FCrgen_M=FCller?= <j.mueller@beispiel-gmbh.example>\n',
      'From: =?iso-8859-1?Q?J=FCrgen_M=FCller?= <new@y.example>\n',
    ],
    [
      'an angle address inside the quoted name',
      'From: "Lee, Ann <ann@old.example>" <ann@x.example>\n',
      'From: "Lee, Ann <ann@old.example>" <new@y.example>\n',
    ],
    [
      'escaped quotes in the name',
      'From: "Ann \\"<boss@x.example>\\" Lee" <ann@x.example>\n',
      'From: "Ann \\"<boss@x.example>\\" Lee" <new@y.example>\n',
    ],
    ['no space, upper-case name', 'FROM:ann@x.example\n', 'FROM:new@y.example\n'],
  ])('%s', (_name, header, expected) => {
    const rest = 'To: rep@acme-tools.example\nSubject: Re: hi\n\nFrom: ann@x.example wrote this\n';
    expect(latin1(retarget(Buffer.from(header + rest), { from: 'new@y.example' }))).toBe(expected + rest);
  });

  test('only the From header: Reply-To, Sender and a "From:" line in the body stay', () => {
    const raw =
      'Reply-To: ann@x.example\nSender: ann@x.example\nFrom: Ann <ann@x.example>\n\nFrom: ann@x.example\n';
    expect(latin1(retarget(Buffer.from(raw), { from: 'new@y.example' }))).toBe(
      'Reply-To: ann@x.example\nSender: ann@x.example\nFrom: Ann <new@y.example>\n\nFrom: ann@x.example\n',
    );
  });

  test('8-bit bytes elsewhere are kept as they were (latin1 and UTF-8)', () => {
    const raw = Buffer.concat([
      Buffer.from('Subject: Gr', 'latin1'),
      Buffer.from([0xfc, 0xdf]),
      Buffer.from('e\nFrom: J', 'latin1'),
      Buffer.from('ü', 'utf8'),
      Buffer.from('rgen <j@x.example>\n\n', 'latin1'),
      Buffer.from('Grüße, 東京\n', 'utf8'),
    ]);
    const out = retarget(raw, { from: 'new@y.example' });
    expect(out.equals(Buffer.from(latin1(raw).replace('j@x.example', 'new@y.example'), 'latin1'))).toBe(true);
  });

  test('a message without From, or a From without an address, is an error', () => {
    expect(() => retarget(Buffer.from('To: a@x.example\n\nhi\n'), { from: 'new@y.example' })).toThrow(
      /no From/,
    );
    expect(() =>
      retarget(Buffer.from('From: undisclosed-recipients:;\n\nhi\n'), { from: 'new@y.example' }),
    ).toThrow(/no address/);
  });
});

describe('the thread headers', () => {
  const headers = (text: string) => `${text}Subject: Re: hi\n\n> <parent@x.example>\n`;

  test('the answered id is replaced in In-Reply-To and References; older ids and folding stay', () => {
    const raw = headers(
      'In-Reply-To: <parent@x.example>\nReferences: <root@x.example>\n <parent@x.example>\n',
    );
    expect(latin1(retarget(Buffer.from(raw), { inReplyTo: 'sent@y.example' }))).toBe(
      headers('In-Reply-To: <sent@y.example>\nReferences: <root@x.example>\n <sent@y.example>\n'),
    );
  });

  test('References alone: its last id is the answered one', () => {
    const raw = headers('References: <root@x.example> <parent@x.example>\r\n');
    expect(latin1(retarget(Buffer.from(raw), { inReplyTo: 'sent@y.example' }))).toBe(
      headers('References: <root@x.example> <sent@y.example>\r\n'),
    );
  });

  test('In-Reply-To with a comment (old style) and a different last reference', () => {
    const raw = headers(
      'In-Reply-To: <parent@x.example> (Ann\'s message of "Mon, 1 Dec <x@y>")\nReferences: <parent@x.example> <other@x.example>\n',
    );
    expect(latin1(retarget(Buffer.from(raw), { inReplyTo: 'sent@y.example' }))).toBe(
      headers(
        'In-Reply-To: <sent@y.example> (Ann\'s message of "Mon, 1 Dec <x@y>")\nReferences: <sent@y.example> <other@x.example>\n',
      ),
    );
  });

  test('no thread headers: none are added', () => {
    const raw = 'From: a@x.example\nSubject: AUTO: away\n\nAway.\n';
    expect(latin1(retarget(Buffer.from(raw), { inReplyTo: 'sent@y.example' }))).toBe(raw);
  });
});

describe('addresses and Message-IDs everywhere', () => {
  test('whole addresses, any case, in headers and body; lookalikes stay', () => {
    const raw = [
      'X-Failed-Recipients: A.Kim@Litware.example',
      'To: <a.kim@litware.example>',
      '',
      'Final-Recipient: rfc822;a.kim@litware.example',
      'Mail to a.kim@litware.example. Not to xa.kim@litware.example,',
      'nor a.kim@litware.example.org, nor a.kim@litware.example-2.org.',
      '',
    ].join('\n');
    const out = latin1(
      retarget(Buffer.from(raw), { addresses: { 'a.kim@litware.example': 'Pat@p.example' } }),
    );
    expect(out).toBe(
      [
        'X-Failed-Recipients: Pat@p.example',
        'To: <Pat@p.example>',
        '',
        'Final-Recipient: rfc822;Pat@p.example',
        'Mail to Pat@p.example. Not to xa.kim@litware.example,',
        'nor a.kim@litware.example.org, nor a.kim@litware.example-2.org.',
        '',
      ].join('\n'),
    );
  });

  test('bracketed Message-IDs, in headers and in returned parts', () => {
    const raw =
      'In-Reply-To: <seq-1@acme.example>\nX-Original-Message-ID: <seq-1@acme.example>\n\n--b\nMessage-ID: <seq-1@acme.example>\nseq-1@acme.example\n';
    expect(
      latin1(retarget(Buffer.from(raw), { messageIds: { 'seq-1@acme.example': 'sent.7@y.example' } })),
    ).toBe(
      'In-Reply-To: <sent.7@y.example>\nX-Original-Message-ID: <sent.7@y.example>\n\n--b\nMessage-ID: <sent.7@y.example>\nseq-1@acme.example\n',
    );
  });

  test('what is not there is an error, not a silent no-op', () => {
    const raw = Buffer.from('From: a@x.example\n\nhi\n');
    expect(() => retarget(raw, { addresses: { 'b@x.example': 'c@x.example' } })).toThrow(/does not occur/);
    expect(() => retarget(raw, { messageIds: { 'id@x.example': 'c@x.example' } })).toThrow(/does not occur/);
  });

  test('replacements must be plain ASCII without brackets or spaces', () => {
    const raw = Buffer.from('From: a@x.example\n\nhi\n');
    expect(() => retarget(raw, { from: 'jürgen@x.example' })).toThrow(/plain printable ASCII/);
    expect(() => retarget(raw, { from: 'a b@x.example' })).toThrow(/plain printable ASCII/);
    expect(() => retarget(raw, { inReplyTo: '<id@x.example>' })).toThrow(/plain printable ASCII/);
    expect(() => retarget(raw, { addresses: { 'a@x.example': 'not-an-address' } })).toThrow(
      /plain printable ASCII/,
    );
  });
});
