import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AddressObject } from 'mailparser';
import type { Address, StoredMessage } from './store';

/** Graph's 404 for a folder or message that is not there. */
export const itemNotFound = (reply: FastifyReply) =>
  graphError(reply, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

/** Graph's error body (learn.microsoft.com/graph/errors). */
export function graphError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString(),
        'request-id': randomUUID(),
        'client-request-id': randomUUID(),
      },
    },
  });
}

export function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) =>
      entry.address ? [{ name: entry.name ?? '', address: entry.address }] : [],
    ),
  );
}

export const recipient = (address: Address) => ({
  emailAddress: { name: address.name, address: address.address },
});

export function messageJson(message: StoredMessage, select: string[] | undefined) {
  const full: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.message',
    '@odata.etag': `W/"${message.changedSeq}"`,
    id: message.id,
    internetMessageId: message.internetMessageId,
    subject: message.subject,
    from: message.from ? recipient(message.from) : null,
    sender: message.from ? recipient(message.from) : null,
    toRecipients: message.to.map(recipient),
    ccRecipients: message.cc.map(recipient),
    bccRecipients: [],
    receivedDateTime: message.receivedDateTime,
    sentDateTime: message.sentDateTime,
    isRead: message.isRead,
  };
  if (!select) return full;
  const picked: Record<string, unknown> = {
    '@odata.type': full['@odata.type'],
    '@odata.etag': full['@odata.etag'],
  };
  for (const key of ['id', ...select]) if (key in full) picked[key] = full[key];
  return picked;
}
