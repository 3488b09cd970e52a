/** trimLargeParts: what it keeps of a large message, and that small messages pass untouched. */
import { simpleParser } from 'mailparser';
import { TRIM_ABOVE, trimLargeParts } from '../../../../src/server/inbound/classify/trim-large-parts';

const base64 = (bytes: Buffer) => bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
const pad = (n: number) => Buffer.alloc(n, 0x41);

function multipart(parts: string[], boundary = 'b'): Buffer {
  const head = `From: a@b.example\r\nSubject: hi\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n`;
  return Buffer.from(
    `${head}${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`,
    'latin1',
  );
}

describe('trimLargeParts', () => {
  it('passes a message up to the threshold unchanged', () => {
    const raw = multipart([
      'Content-Type: text/plain\r\n\r\nhello',
      `Content-Type: image/png\r\n\r\n${pad(100_000)}`,
    ]);
    expect(raw.length).toBeLessThan(TRIM_ABOVE);
    expect(trimLargeParts(raw)).toEqual({ raw, trimmedParts: 0 });
  });

  it('drops attachment bodies, keeps their headers and the text', async () => {
    const raw = multipart([
      'Content-Type: text/plain\r\n\r\nSee the attached figures.',
      `Content-Type: application/pdf; name="f.pdf"\r\nContent-Disposition: attachment; filename="f.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64(pad(600_000))}`,
    ]);
    const { raw: trimmed, trimmedParts } = trimLargeParts(raw);
    expect(trimmedParts).toBe(1);
    expect(trimmed.length).toBeLessThan(2048);
    const parsed = await simpleParser(trimmed);
    expect(parsed.text?.trim()).toBe('See the attached figures.');
    expect(parsed.attachments.map((a) => [a.filename, a.size])).toEqual([['f.pdf', 0]]);
  });

  it('cuts a long base64 text body on a whole line, which decodes to the start of the text', async () => {
    const text = 'Thanks for the note. '.repeat(40_000);
    const raw = Buffer.from(
      `From: a@b.example\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64(Buffer.from(text))}\r\n`,
    );
    const { raw: trimmed } = trimLargeParts(raw);
    expect(trimmed.length).toBeLessThan(200 * 1024);
    const parsed = await simpleParser(trimmed);
    expect(parsed.text!.length).toBeGreaterThan(64 * 1024);
    expect(text.startsWith(parsed.text!.trimEnd())).toBe(true);
  });

  it('cuts base64 written on one line on a whole quantum', async () => {
    const text = 'abc '.repeat(200_000);
    const raw = Buffer.from(
      `From: a@b.example\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n${Buffer.from(text).toString('base64')}`,
    );
    const parsed = await simpleParser(trimLargeParts(raw).raw);
    expect(text.startsWith(parsed.text!)).toBe(true);
    expect(parsed.text!.length).toBeGreaterThan(64 * 1024);
  });

  it('keeps report parts and the header block of a returned message', async () => {
    const returned = `From: rep@acme.example\r\nTo: x@y.example\r\nMessage-ID: <sent-1@acme.example>\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64(pad(900_000))}`;
    const raw = Buffer.from(
      `From: MAILER-DAEMON@mx.example\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="r"\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; x@y.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--r\r\nContent-Type: message/rfc822\r\n\r\n${returned}\r\n--r--\r\n`,
    );
    const { raw: trimmed } = trimLargeParts(raw);
    const s = trimmed.toString('latin1');
    expect(s).toContain('Status: 5.1.1');
    expect(s).toContain('Message-ID: <sent-1@acme.example>');
    expect(trimmed.length).toBeLessThan(100 * 1024);
  });

  it('does not take a longer boundary that starts with the outer one for the outer delimiter', async () => {
    const inner = `Content-Type: multipart/alternative; boundary="b2"\r\n\r\n--b2\r\nContent-Type: text/plain\r\n\r\nplain words\r\n--b2\r\nContent-Type: text/html\r\n\r\n<p>html words</p>\r\n--b2--`;
    const raw = multipart([
      inner,
      `Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64(pad(400_000))}`,
    ]);
    const parsed = await simpleParser(trimLargeParts(raw).raw);
    expect(parsed.text?.trim()).toBe('plain words');
    expect(parsed.attachments).toHaveLength(1);
  });

  it('keeps at most 100 parts, so that mailparser does not refuse the message', async () => {
    const parts = Array.from(
      { length: 1500 },
      (_, i) => `Content-Type: image/png; name="p${i}.png"\r\n\r\n${pad(200)}`,
    );
    const raw = multipart(['Content-Type: text/plain\r\n\r\nmany charts', ...parts]);
    await expect(simpleParser(raw)).rejects.toThrow(/child nodes/);
    const parsed = await simpleParser(trimLargeParts(raw).raw);
    expect(parsed.text?.trim()).toBe('many charts');
    expect(parsed.attachments).toHaveLength(99);
  });

  it('leaves a message whose header block never ends as it is', () => {
    const raw = Buffer.from(`From: a@b.example\r\nX-Long: ${'x'.repeat(400_000)}`);
    expect(trimLargeParts(raw).raw).toBe(raw);
  });
});
