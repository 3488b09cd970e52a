import type { FastifyInstance } from 'fastify';
import type { ThrottleRule } from './context';
import { messageJson } from './graph-json';
import { folderName, type FolderName, type Mailbox, type StoredMessage } from './store';

/** What the control routes drive: the stand-in's own API (see GraphStandIn). */
export interface StandInControls {
  addMailbox(input: {
    userPrincipalName: string;
    id?: string;
    displayName?: string;
    tenantId?: string;
  }): Mailbox;
  deliver(user: string, raw: string | Buffer, folder?: FolderName): Promise<StoredMessage>;
  messages(user: string, folder: FolderName): StoredMessage[];
  throttle(rule: ThrottleRule): void;
  setNotificationOrigin(origin: string | undefined): void;
}

/** `/_stand-in/*`: not Graph — how another process (bench:graph, a person with curl) drives it. */
export function registerControlRoutes(app: FastifyInstance, controls: () => StandInControls): void {
  app.post<{ Body: { userPrincipalName: string; id?: string; displayName?: string; tenantId?: string } }>(
    '/_stand-in/mailboxes',
    async (request) => {
      const mailbox = controls().addMailbox(request.body);
      return { id: mailbox.id, userPrincipalName: mailbox.userPrincipalName };
    },
  );
  app.post<{ Params: { user: string; folder: string }; Body: string }>(
    '/_stand-in/mailboxes/:user/:folder',
    async (request, reply) => {
      const folder = folderName(request.params.folder);
      if (!folder) return reply.code(404).send({ error: 'no such folder' });
      const message = await controls().deliver(request.params.user, String(request.body ?? ''), folder);
      return reply.code(201).send({ id: message.id, internetMessageId: message.internetMessageId });
    },
  );
  app.get<{ Params: { user: string; folder: string } }>(
    '/_stand-in/mailboxes/:user/:folder',
    async (request, reply) => {
      const folder = folderName(request.params.folder);
      if (!folder) return reply.code(404).send({ error: 'no such folder' });
      return {
        value: controls()
          .messages(request.params.user, folder)
          .map((message) => ({
            ...messageJson(message, undefined),
            mime: message.mime.toString('utf8'),
          })),
      };
    },
  );
  app.post<{ Body: { origin?: string } }>('/_stand-in/notification-origin', async (request) => {
    controls().setNotificationOrigin(request.body?.origin);
    return { ok: true };
  });
  app.post<{ Body: ThrottleRule }>('/_stand-in/throttle', async (request) => {
    controls().throttle(request.body);
    return { ok: true };
  });
}
