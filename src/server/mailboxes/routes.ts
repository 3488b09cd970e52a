import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ChooseMailboxesBody, ConsentLink, MailConnection } from '../../shared/schemas';
import type { Deps } from '../deps';
import { errorResponses } from '../http/responses';
import { chooseMailboxes, connectionState, disconnectAccount, startConsent } from './connection-service';

/** The account's Microsoft 365 connection (issue 16), for admins. */
export function mailConnectionRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/account/mail-connection',
      {
        schema: {
          summary: 'Microsoft 365: the connection’s state and which users’ mailboxes are connected',
          response: { 200: MailConnection, ...errorResponses },
        },
        config: { auth: 'admin' },
      },
      async (request) => connectionState(deps, request.principal.accountId),
    );

    app.post(
      '/account/mail-connection/consent',
      {
        schema: {
          summary: 'Microsoft 365: a link for a tenant admin to grant the app Mail.Send and Mail.Read',
          response: { 200: ConsentLink, ...errorResponses },
        },
        config: { auth: 'admin' },
      },
      async (request) => startConsent(deps, request.principal),
    );

    app.put(
      '/account/mail-connection/mailboxes',
      {
        schema: {
          summary: 'Microsoft 365: connect every sales seat’s mailbox, or the users picked',
          body: ChooseMailboxesBody,
          response: { 200: MailConnection, ...errorResponses },
        },
        config: { auth: 'admin' },
      },
      async (request) => chooseMailboxes(deps, request.principal, request.body),
    );

    app.delete(
      '/account/mail-connection',
      {
        schema: {
          summary: 'Microsoft 365: stop reading and sending through the reps’ mailboxes',
          response: { 204: Type.Null(), ...errorResponses },
        },
        config: { auth: 'admin' },
      },
      async (request, reply) => {
        await disconnectAccount(deps, request.principal);
        return reply.code(204).send(null);
      },
    );
  };
}
