import { createTestContext, type TestContext } from '../../helpers/context';
import { backends } from '../../helpers/databases';
import type { DbKind } from '../../../src/server/db/port';
import { smtpTransport } from '../../../src/server/mail/smtp-transport';
import type { MailTransport } from '../../../src/server/mail/transport';
import { StepWorker, type WorkerSettings } from '../../../src/server/worker/step-worker';
import { startSmtpPeer, type SmtpPeer } from '../mail/smtp-peer';

export const PUBLIC_URL = 'https://sales.example';

export interface Harness {
  kind: DbKind;
  ctx: TestContext;
  worker: StepWorker;
  transport: MailTransport;
  /** The real SMTP server the transport sends to (SMTP harnesses only). */
  peer: SmtpPeer;
}

export interface HarnessOptions {
  /** Send through a real SMTP server started for the file (else the outbox). */
  smtp?: boolean;
  settings?: Partial<WorkerSettings>;
  clockStart?: string;
}

export function newWorker(
  ctx: TestContext,
  transport: MailTransport,
  settings: Partial<WorkerSettings> = {},
) {
  return new StepWorker({
    db: ctx.db,
    clock: ctx.clock,
    transport,
    config: ctx.config,
    settings: { pollMs: 25, batchSize: 100, concurrency: 3, ...settings },
  });
}

/**
 * Like `describeEachDb`, with a step worker on the file's database driven by
 * the test's clock, and — for `smtp` — a real SMTP server as the relay.
 */
export function describeWorker(
  name: string,
  fn: (harness: () => Harness) => void,
  options: HarnessOptions = {},
): void {
  for (const kind of backends()) {
    describe(`${name} [${kind}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => {
        const peer = options.smtp ? await startSmtpPeer() : (undefined as unknown as SmtpPeer);
        const transport = options.smtp
          ? smtpTransport(peer.url, { timeoutMs: 5000, maxConnections: 3 })
          : undefined;
        const ctx = await createTestContext(kind, {
          transport,
          clockStart: options.clockStart,
          config: { PUBLIC_URL },
        });
        harness = {
          kind,
          ctx,
          peer,
          transport: ctx.deps.transport,
          worker: newWorker(ctx, ctx.deps.transport, options.settings),
        };
      }, 60_000);
      afterAll(async () => {
        await harness?.worker.stop();
        await harness?.ctx.app.close();
        await harness?.transport.close?.();
        await harness?.ctx.database.drop();
        await harness?.peer?.close();
      });
      fn(() => {
        if (!harness) throw new Error('the worker harness is not ready');
        return harness;
      });
    });
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export async function enrollment(ctx: TestContext, token: string, id: string) {
  const response = await ctx.request('GET', `/api/v1/enrollments/${id}`, { token });
  if (response.status !== 200) throw new Error(`GET enrollment: ${response.status}`);
  return response.body;
}

export async function outboxTo(ctx: TestContext, token: string, email: string): Promise<any[]> {
  const response = await ctx.request('GET', `/api/v1/outbox?to=${encodeURIComponent(email)}`, { token });
  return [...response.body.items].reverse();
}

export async function sentMessages(ctx: TestContext, enrollmentId: string) {
  const { rows } = await ctx.db.query<{
    step_index: number;
    message_id: string;
    delivery_status: string;
    delivery_response: string | null;
  }>(
    `SELECT step_index, message_id, delivery_status, delivery_response FROM sent_messages
     WHERE enrollment_id = $1::uuid ORDER BY step_index`,
    [enrollmentId],
  );
  return rows;
}
