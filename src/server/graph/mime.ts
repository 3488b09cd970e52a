import MailComposer from 'nodemailer/lib/mail-composer';

export interface MimeEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  /** Without angle brackets. */
  messageId: string;
  /** Extra header fields, kept exactly: In-Reply-To, References, List-Unsubscribe, List-Unsubscribe-Post. */
  headers: Record<string, string>;
}

/**
 * The RFC 5322 message of a sequence email, composed by nodemailer exactly as the SMTP
 * transport composes it (same library, same fields), so a message sent through Graph as MIME
 * keeps its Message-ID, threading and unsubscribe headers byte for byte.
 */
export function composeMime(email: MimeEmail, date: Date): Promise<Buffer> {
  return new MailComposer({
    from: { name: email.from.name, address: email.from.address },
    to: email.to,
    subject: email.subject,
    text: email.text,
    messageId: `<${email.messageId}>`,
    date,
    headers: email.headers,
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
}
