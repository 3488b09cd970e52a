import type { FastifyRequest } from 'fastify';
import { mailboxFor, type StandInContext } from './context';
import { graphError, itemNotFound, messageJson } from './graph-json';
import { folderName, type FolderName, type StoredMessage } from './store';

interface DeltaState {
  /** Mailbox id, folder, the mailbox's generation. */
  m: string;
  f: FolderName;
  g: number;
  /** Changes after this sequence number… */
  after: number;
  /** …up to this one (the round's snapshot); absent in a delta token (the next round's start). */
  upto?: number;
  /** `receivedDateTime ge|gt` filter. */
  op?: 'ge' | 'gt';
  at?: string;
  ct?: 'created' | 'updated' | 'deleted';
  sel?: string[];
}

const DEFAULT_PAGE_SIZE = 10;

function encodeState(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeState(token: string): DeltaState | undefined {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
  } catch {
    return undefined;
  }
}

function pageSizeOf(request: FastifyRequest): number {
  const prefer = String(request.headers.prefer ?? '');
  const match = /odata\.maxpagesize=(\d+)/i.exec(prefer);
  return match ? Math.max(1, Math.min(1000, Number(match[1]))) : DEFAULT_PAGE_SIZE;
}

/**
 * `messages/delta` (learn.microsoft.com/graph/delta-query-messages) with `changeType`,
 * `$filter=receivedDateTime ge|gt`, `Prefer: odata.maxpagesize`, `@odata.nextLink` /
 * `@odata.deltaLink` state tokens and 410 for a lost sync state; and a message's `$value`.
 */
export function registerDeltaRoutes(ctx: StandInContext): void {
  const { app, store } = ctx;
  app.get<{ Params: { user: string; folder: string }; Querystring: Record<string, string> }>(
    '/v1.0/users/:user/mailFolders/:folder/messages/delta',
    async (request, reply) => {
      const mailbox = mailboxFor(ctx, request, reply, 'delta', request.params.user);
      if (!mailbox) return reply;
      const folder = folderName(request.params.folder);
      if (!folder) return itemNotFound(reply);
      const query = request.query;
      const token = query.$skiptoken ?? query.$deltatoken;
      let state: DeltaState;
      if (token) {
        const decoded = decodeState(token);
        if (!decoded || decoded.m !== mailbox.id || decoded.f !== folder || decoded.g !== mailbox.generation)
          return graphError(
            reply,
            410,
            'SyncStateNotFound',
            'The sync state generation is invalid. Start a new round of delta queries.',
          );
        state = query.$deltatoken ? { ...decoded, upto: store.currentSeq() } : decoded;
      } else {
        const filter = query.$filter?.trim();
        let op: DeltaState['op'];
        let at: string | undefined;
        if (filter) {
          const match = /^receivedDateTime (ge|gt) (\S+)$/.exec(filter);
          if (!match || Number.isNaN(Date.parse(match[2])))
            return graphError(
              reply,
              400,
              'ErrorInvalidUrlQueryFilter',
              'Delta supports only $filter=receivedDateTime ge|gt {value}.',
            );
          op = match[1] as 'ge' | 'gt';
          at = new Date(match[2]).toISOString();
        }
        const ct = query.changeType as DeltaState['ct'];
        if (ct && !['created', 'updated', 'deleted'].includes(ct))
          return graphError(
            reply,
            400,
            'ErrorInvalidParameter',
            'changeType must be created, updated or deleted.',
          );
        state = {
          m: mailbox.id,
          f: folder,
          g: mailbox.generation,
          after: 0,
          upto: store.currentSeq(),
          op,
          at,
          ct,
          sel: query.$select?.split(',').map((field) => field.trim()),
        };
      }
      const upto = state.upto ?? store.currentSeq();
      const seqOf = (message: StoredMessage) =>
        state.ct === 'created' ? message.createdSeq : message.changedSeq;
      const candidates = mailbox.messages
        .filter(
          (message) => message.folder === folder && seqOf(message) > state.after && seqOf(message) <= upto,
        )
        .filter((message) => state.ct !== 'updated' || message.changedSeq !== message.createdSeq)
        // Nothing is ever deleted from a stand-in folder.
        .filter(() => state.ct !== 'deleted')
        .filter((message) => {
          if (!state.op || !state.at) return true;
          const received = Date.parse(message.receivedDateTime);
          const bound = Date.parse(state.at);
          return state.op === 'ge' ? received >= bound : received > bound;
        })
        .sort((a, b) => seqOf(a) - seqOf(b));
      const page = candidates.slice(0, pageSizeOf(request));
      const link = `${ctx.origin()}/v1.0/users/${encodeURIComponent(mailbox.id)}/mailFolders/${folder}/messages/delta`;
      const body: Record<string, unknown> = {
        '@odata.context': `${ctx.origin()}/v1.0/$metadata#Collection(message)`,
        value: page.map((message) => messageJson(message, state.sel)),
      };
      if (candidates.length > page.length) {
        body['@odata.nextLink'] =
          `${link}?$skiptoken=${encodeState({ ...state, after: seqOf(page[page.length - 1]), upto })}`;
      } else {
        const { upto: _done, ...next } = state;
        body['@odata.deltaLink'] = `${link}?$deltatoken=${encodeState({ ...next, after: upto })}`;
      }
      return body;
    },
  );

  app.get<{ Params: { user: string; id: string } }>(
    '/v1.0/users/:user/messages/:id/$value',
    async (request, reply) => {
      const mailbox = mailboxFor(ctx, request, reply, 'value', request.params.user);
      if (!mailbox) return reply;
      const message = store.message(mailbox, request.params.id);
      if (!message) return itemNotFound(reply);
      return reply.type('text/plain').send(message.mime);
    },
  );
}
