import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { startGraphStandIn, type GraphStandIn } from '../../src/graph-stand-in/server';
import type { ManualClock } from '../../src/server/clock';
import type { DbKind } from '../../src/server/db/port';
import { createGraphConnector, type GraphConnector } from '../../src/server/graph';
import {
  MailboxSyncWorker,
  mailboxWorkerSettings,
  type MailboxWorkerSettings,
} from '../../src/server/mailboxes/sync-worker';
import { createTestContext, testConfig, type TestContext, type TestUser } from './context';
import { backends } from './databases';

export const GRAPH_CLIENT_ID = 'sales-tools-test-app';
export const GRAPH_CLIENT_SECRET = 'stand-in-secret-for-tests';

export interface GraphHarness {
  kind: DbKind;
  ctx: TestContext;
  standIn: GraphStandIn;
  graph: GraphConnector;
  /** The app's own URL when it listens (notification tests). */
  listening?: string;
  /** A mailbox worker on the file's database, driven by the test's clock. */
  mailboxes: MailboxSyncWorker;
  newMailboxWorker(
    settings?: Partial<MailboxWorkerSettings>,
    ctx?: Pick<TestContext, 'deps'>,
  ): MailboxSyncWorker;
  /** An admin of a new account who has connected Microsoft 365 through the stand-in's consent. */
  connectedAdmin(options?: { name?: string }): Promise<TestUser>;
  /** Walks the admin-consent flow: the link, the stand-in's redirect, the callback. */
  connect(admin: TestUser, options?: { deny?: boolean }): Promise<{ status: number; body: string }>;
}

export interface GraphHarnessOptions {
  config?: Record<string, string>;
  /** Listen on a port and have the stand-in deliver notifications there (PUBLIC_URL stays HTTPS). */
  listen?: boolean;
  clockStart?: string;
}

/** GET over HTTPS trusting the stand-in, without following redirects. */
function getNoRedirect(url: string, ca: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
      })
      .on('error', reject);
  });
}

/**
 * Like `describeEachDb`, with the Graph stand-in started for the file, the app configured for
 * it (GRAPH_* pointing there, a connector trusting its certificate) and a mailbox worker.
 */
export function describeGraph(
  name: string,
  fn: (harness: () => GraphHarness) => void,
  options: GraphHarnessOptions = {},
): void {
  for (const kind of backends()) {
    describe(`${name} [${kind}]`, () => {
      let harness: GraphHarness | undefined;
      beforeAll(async () => {
        const time: { clock?: ManualClock } = {};
        const standIn = await startGraphStandIn({
          clientId: GRAPH_CLIENT_ID,
          clientSecret: GRAPH_CLIENT_SECRET,
          autoCreateMailboxes: true,
          now: () => time.clock?.now() ?? new Date(),
        });
        const overrides = {
          GRAPH_CLIENT_ID,
          GRAPH_CLIENT_SECRET,
          GRAPH_AUTHORITY_HOST: standIn.authorityHost,
          GRAPH_BASE_URL: standIn.baseUrl,
          PUBLIC_URL: 'https://sales.example',
          GRAPH_NOTIFICATIONS: options.listen ? 'true' : 'false',
          ...options.config,
        };
        const graph = createGraphConnector(testConfig(overrides).graph, { ca: standIn.ca });
        if (!graph) throw new Error('the Graph connector is not configured');
        const ctx = await createTestContext(kind, {
          config: overrides,
          graph,
          clockStart: options.clockStart,
        });
        time.clock = ctx.clock;
        let listening: string | undefined;
        if (options.listen) {
          await ctx.app.listen({ port: 0, host: '127.0.0.1' });
          listening = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
          standIn.setNotificationOrigin(listening);
        }
        const newMailboxWorker: GraphHarness['newMailboxWorker'] = (settings = {}, context = ctx) =>
          new MailboxSyncWorker(context.deps, graph.client, {
            ...mailboxWorkerSettings(ctx.config),
            concurrency: 2,
            tickMs: 25,
            ...settings,
          });
        const connect: GraphHarness['connect'] = async (admin, connectOptions = {}) => {
          const link = await ctx.request('POST', '/api/v1/account/mail-connection/consent', {
            token: admin.token,
          });
          if (link.status !== 200)
            throw new Error(`consent link: ${link.status} ${JSON.stringify(link.body)}`);
          const consentUrl = new URL(link.body.consentUrl);
          if (connectOptions.deny) consentUrl.searchParams.set('deny', '1');
          const redirect = await getNoRedirect(consentUrl.toString(), standIn.ca);
          if (redirect.status !== 302 || !redirect.location) throw new Error(`consent: ${redirect.status}`);
          const callback = new URL(redirect.location);
          const answer = await ctx.request('GET', `${callback.pathname}${callback.search}`);
          return { status: answer.status, body: String(answer.body) };
        };
        harness = {
          kind,
          ctx,
          standIn,
          graph,
          listening,
          mailboxes: newMailboxWorker(),
          newMailboxWorker,
          connect,
          async connectedAdmin(adminOptions = {}) {
            const admin = await ctx.newUser({ admin: true, name: adminOptions.name ?? 'Riley Rep' });
            const answer = await connect(admin);
            if (answer.status !== 200) throw new Error(`connect: ${answer.status} ${answer.body}`);
            return admin;
          },
        };
      }, 60_000);
      afterAll(async () => {
        await harness?.mailboxes.stop();
        await harness?.ctx.app.close();
        harness?.graph.close();
        await harness?.ctx.database.drop();
        await harness?.standIn.close();
      });
      fn(() => {
        if (!harness) throw new Error('the Graph harness is not ready');
        return harness;
      });
    });
  }
}

/** The enrollment's sequence emails as the engine recorded them. */
export async function recordedSends(ctx: TestContext, enrollmentId: string) {
  const { rows } = await ctx.db.query<{ step_index: number; message_id: string; delivery_status: string }>(
    `SELECT step_index, message_id, delivery_status FROM sent_messages WHERE enrollment_id = $1::uuid ORDER BY step_index`,
    [enrollmentId],
  );
  return rows;
}

export async function enrollmentOf(ctx: TestContext, token: string, id: string) {
  const response = await ctx.request('GET', `/api/v1/enrollments/${id}`, { token });
  if (response.status !== 200) throw new Error(`GET enrollment: ${response.status}`);
  return response.body;
}
