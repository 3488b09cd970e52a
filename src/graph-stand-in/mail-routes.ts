import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { mailboxFor, type StandInContext } from './context';
import { addresses, graphError, itemNotFound, messageJson } from './graph-json';
import { folderName } from './store';

/** What `sendMail` does on demand: refuse recipients, or carry a send out and answer 504. */
export interface SendingFaults {
  rejected: Set<string>;
  acceptThenFail: number;
}

/**
 * `sendMail` with base64 MIME (the copy lands in Sent Items; learn.microsoft.com/graph/
 * outlook-send-mime-message) and a folder's messages with `$filter=internetMessageId eq '…'`.
 */
export function registerMailRoutes(ctx: StandInContext, faults: SendingFaults): void {
  const { app, store, now, notify } = ctx;
  const { rejected } = faults;
  app.post<{ Params: { user: string }; Body: unknown }>(
    '/v1.0/users/:user/sendMail',
    async (request, reply) => {
      const mailbox = mailboxFor(ctx, request, reply, 'sendMail', request.params.user);
      if (!mailbox) return reply;
      if (!/^text\/plain\b/i.test(String(request.headers['content-type'] ?? '')))
        return graphError(
          reply,
          400,
          'ErrorInvalidRequest',
          'The stand-in sends MIME only: Content-Type: text/plain with base64 MIME.',
        );
      const text = String(request.body ?? '').replace(/\s+/g, '');
      if (!text || !/^[A-Za-z0-9+/]+={0,2}$/.test(text))
        return graphError(
          reply,
          400,
          'ErrorMimeContentInvalidBase64String',
          'Invalid base64 string for MIME content.',
        );
      const raw = Buffer.from(text, 'base64');
      const parsed = await simpleParser(raw);
      const to = [...addresses(parsed.to), ...addresses(parsed.cc), ...addresses(parsed.bcc)];
      if (
        to.length === 0 ||
        to.some(
          (entry) =>
            !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(entry.address) || rejected.has(entry.address.toLowerCase()),
        )
      )
        return graphError(
          reply,
          400,
          'ErrorInvalidRecipients',
          'At least one recipient is not valid., Recipient is not valid.',
        );
      const message = store.put(mailbox, 'sentitems', {
        mime: raw,
        // Exchange keeps a Message-ID the MIME gives, and makes one up otherwise.
        internetMessageId: parsed.messageId ?? `<${randomUUID()}@stand-in.local>`,
        subject: parsed.subject ?? '',
        from: addresses(parsed.from)[0] ?? { name: mailbox.displayName, address: mailbox.userPrincipalName },
        to: addresses(parsed.to),
        cc: addresses(parsed.cc),
        sentDateTime: now().toISOString(),
      });
      notify(mailbox, message);
      if (faults.acceptThenFail > 0) {
        faults.acceptThenFail -= 1;
        return graphError(reply, 504, 'UnknownError', 'Gateway timeout.');
      }
      return reply.code(202).send();
    },
  );

  app.get<{ Params: { user: string; folder: string }; Querystring: Record<string, string> }>(
    '/v1.0/users/:user/mailFolders/:folder/messages',
    async (request, reply) => {
      const mailbox = mailboxFor(ctx, request, reply, 'messages', request.params.user);
      if (!mailbox) return reply;
      const folder = folderName(request.params.folder);
      if (!folder) return itemNotFound(reply);
      let messages = mailbox.messages.filter((message) => message.folder === folder);
      const filter = request.query.$filter;
      if (filter) {
        const match = /^internetMessageId eq '((?:[^']|'')*)'$/.exec(filter.trim());
        if (!match)
          return graphError(
            reply,
            400,
            'ErrorInvalidUrlQueryFilter',
            'The query filter contains one or more invalid nodes.',
          );
        const wanted = match[1].replace(/''/g, "'");
        messages = messages.filter((message) => message.internetMessageId === wanted);
      }
      const top = Math.max(1, Math.min(1000, Number(request.query.$top ?? 10) || 10));
      const select = request.query.$select?.split(',').map((field) => field.trim());
      return { value: messages.slice(0, top).map((message) => messageJson(message, select)) };
    },
  );
}
