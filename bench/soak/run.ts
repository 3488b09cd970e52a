/**
 * npm run soak — two API processes and two workers on one PostgreSQL, a mixed load for
 * SOAK_MINUTES (default 5): lookups, contacts created and enrolled, unenrolls, inbound replies
 * and bounces. Every minute one worker and one API process are killed with SIGKILL and
 * restarted (the same "victim" slot each time; the other worker and API process live through
 * the whole run, so their memory can be followed). At the end it checks and prints:
 * every sequence email delivered exactly once, every acknowledged write present, no email
 * after an unenroll returned, and the survivors' memory after warm-up (≤ 20 % growth).
 * Runs the compiled server (build/, `npm run build:server` first).
 *   npm run soak       (SOAK_MINUTES, SOAK_CLIENTS, BENCH_DATABASE_URL)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createDevTokenIssuer } from '../../src/server/auth/dev-tokens';
import { migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import { createServerDatabase } from '../../test/helpers/databases';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MINUTES = Number(process.env.SOAK_MINUTES ?? 5);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 6);
const ROOT = path.resolve(__dirname, '..', '..');
const INBOUND_DOMAIN = 'inbound.soak.example';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Received {
  messageId: string;
  to: string;
  returnPath: string;
  at: number;
}

async function startSink(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        received.push({
          messageId: /^message-id:\s*<([^>]+)>/im.exec(head)?.[1] ?? '',
          to: session.envelope.rcptTo[0]?.address.toLowerCase() ?? '',
          returnPath: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          at: Date.now(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as net.AddressInfo).port,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A slot runs one process at a time (an API process on its port, or a worker), restarted after a kill. */
class Slot {
  child?: ChildProcess;
  readonly rss: Array<{ at: number; kib: number }> = [];
  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
  ) {}
  async start(): Promise<void> {
    this.child = spawn(process.execPath, [path.join(ROOT, this.script)], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (this.env.PORT) {
      const url = `http://127.0.0.1:${this.env.PORT}/ready`;
      for (let i = 0; i < 200; i += 1) {
        if (
          await fetch(url).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
        await sleep(100);
      }
      throw new Error(`${this.name} did not become ready`);
    }
  }
  kill(): void {
    this.child?.kill('SIGKILL');
  }
  sample(): void {
    if (!this.child?.pid) return;
    try {
      const kib = Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(this.child.pid)])
          .toString()
          .trim(),
      );
      if (kib > 0) this.rss.push({ at: Date.now(), kib });
    } catch {
      // the process is gone (killed a moment ago)
    }
  }
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child?.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const scratch = await createServerDatabase(BASE);
  const db = openPg(scratch.url);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  const sink = await startSink();
  const slots: Slot[] = [];
  try {
    await migrate(db);
    const issuer = await createDevTokenIssuer({ keyFile: path.join(dataDir, 'dev-auth-key.json') });
    const token = await issuer.issue({ email: 'rep@soak.example', tenantId: 'soak', admin: true });
    const common = {
      NODE_ENV: 'development',
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      DATABASE_URL: scratch.url,
      DATA_DIR: dataDir,
      MAIL_TRANSPORT: `smtp://127.0.0.1:${sink.port}`,
      INBOUND_DOMAIN,
      WORKER_POLL_MS: '200',
      SMTP_TIMEOUT_MS: '5000',
      WORKER_LEASE_MS: '30000',
      // One token makes the load of a whole team: a person's limits would refuse most of it.
      RATE_LIMIT_PER_USER: '0',
      RATE_LIMIT_PER_ADDRESS: '0',
    };
    const ports = [await freePort(), await freePort()];
    const apis = ports.map(
      (port, i) =>
        new Slot(`api${i}`, 'build/server/main.js', {
          ...common,
          PORT: String(port),
          WORKER_ENABLED: 'false',
        }),
    );
    const workers = [0, 1].map((i) => new Slot(`worker${i}`, 'build/server/worker.js', common));
    slots.push(...apis, ...workers);
    for (const slot of slots) await slot.start();

    const api = async (method: string, url: string, body?: unknown, raw?: string) => {
      // Any live API process: a killed one refuses the connection and the other answers.
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const port = ports[(attempt + Math.floor(Math.random() * 2)) % 2];
        try {
          const response = await fetch(`http://127.0.0.1:${port}${url}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': raw ? 'message/rfc822' : 'application/json',
            },
            body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
          });
          return { status: response.status, body: (await response.json().catch(() => null)) as any };
        } catch {
          await sleep(50);
        }
      }
      throw new Error(`${method} ${url}: no API process answered`);
    };

    const sequence = await api('POST', '/api/v1/sequences', {
      name: 'Soak',
      steps: [
        { type: 'email', delayMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' },
        { type: 'email', delayMinutes: 1, subject: 'Follow-up', body: 'Just checking in' },
      ],
    });
    if (sequence.status !== 201) throw new Error(`sequence: ${sequence.status}`);

    const acknowledged = { contacts: new Set<string>(), enrollments: new Map<string, string>() };
    const unenrollReturned = new Map<string, number>(); // enrollment id → when the unenroll returned
    const counts: Record<string, number> = {};
    const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
    const deadline = Date.now() + MINUTES * 60_000;

    const client = async () => {
      while (Date.now() < deadline) {
        const roll = Math.random();
        const enrolled = [...acknowledged.enrollments];
        if (roll < 0.45 || enrolled.length < 5) {
          if (roll < 0.45) {
            const emails = enrolled.slice(-5).map(([, email]) => email);
            count(`lookup ${(await api('POST', '/api/v1/contacts/lookup', { emails })).status}`);
            continue;
          }
        }
        if (roll < 0.7 || enrolled.length < 5) {
          const email = `p-${randomUUID().slice(0, 12)}@prospect.example`;
          const contact = await api('POST', '/api/v1/contacts', { email, firstName: 'Pat' });
          count(`contact ${contact.status}`);
          if (contact.status !== 201) continue;
          acknowledged.contacts.add(contact.body.id);
          const enrollment = await api('POST', '/api/v1/enrollments', {
            sequenceId: sequence.body.id,
            contactId: contact.body.id,
          });
          count(`enroll ${enrollment.status}`);
          if (enrollment.status === 201) acknowledged.enrollments.set(enrollment.body.id, email);
          continue;
        }
        const [id, email] = enrolled[Math.floor(Math.random() * enrolled.length)];
        if (roll < 0.85) {
          const response = await api('POST', `/api/v1/enrollments/${id}/unenroll`, { detail: 'soak' });
          count(`unenroll ${response.status}`);
          if (response.status === 200 && !unenrollReturned.has(id)) unenrollReturned.set(id, Date.now());
          continue;
        }
        const mail = sink.received.find((m) => m.to === email);
        if (!mail) continue;
        if (roll < 0.95) {
          const raw = [
            `From: Pat <${email}>`,
            'To: rep@soak.example',
            'Subject: Re: Hello Pat',
            `Message-ID: <${randomUUID()}@prospect.example>`,
            `In-Reply-To: <${mail.messageId}>`,
            '',
            'Yes, let us talk.',
            '',
          ].join('\r\n');
          count(`reply ${(await api('POST', '/api/v1/inbound/email', undefined, raw)).status}`);
        } else {
          const raw = [
            'From: MAILER-DAEMON@mx.prospect.example',
            `To: <${mail.returnPath}>`,
            'Subject: Undelivered Mail Returned to Sender',
            `Message-ID: <${randomUUID()}@mx.prospect.example>`,
            'Content-Type: multipart/report; report-type=delivery-status; boundary=b',
            '',
            '--b',
            'Content-Type: message/delivery-status',
            '',
            'Reporting-MTA: dns; mx.prospect.example',
            '',
            `Final-Recipient: rfc822; ${email}`,
            'Action: failed',
            'Status: 5.1.1',
            '',
            '--b--',
            '',
          ].join('\r\n');
          count(`bounce ${(await api('POST', '/api/v1/inbound/email', undefined, raw)).status}`);
        }
      }
    };

    const sampler = setInterval(() => slots.forEach((slot) => slot.sample()), 5000);
    const killer = setInterval(() => {
      const victims = [apis[0], workers[0]];
      console.log(
        `${new Date().toISOString()}  kill -9 ${victims.map((v) => v.name).join(' and ')}, restart`,
      );
      for (const victim of victims) {
        victim.kill();
        void victim.start();
      }
    }, 60_000);
    console.log(`soak: ${MINUTES} min, ${CLIENTS} clients, 2 API processes, 2 workers, PostgreSQL`);
    await Promise.all(Array.from({ length: CLIENTS }, client));
    clearInterval(killer);

    // Drain: every due step of a current enrollment sent (the follow-ups come a minute later).
    const drainDeadline = Date.now() + 5 * 60_000;
    for (;;) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM enrollments
         WHERE status = 'active' AND next_step_at IS NOT NULL AND next_step_at <= now() + interval '2 minutes'`,
      );
      const sending = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM sent_messages WHERE delivery_status = 'sending'`,
      );
      if ((rows[0].n === 0 && sending.rows[0].n === 0) || Date.now() > drainDeadline) break;
      await sleep(1000);
    }
    clearInterval(sampler);

    // Exactly once: each sequence email at the SMTP server once, and nothing it did not record.
    const sent = await db.query<{ message_id: string; enrollment_id: string; to_address: string }>(
      `SELECT message_id, enrollment_id, lower(to_address) AS to_address FROM sent_messages WHERE delivery_status = 'sent'`,
    );
    const arrivals = new Map<string, number[]>();
    for (const mail of sink.received)
      arrivals.set(mail.messageId, [...(arrivals.get(mail.messageId) ?? []), mail.at]);
    const lost = sent.rows.filter((row) => !arrivals.has(row.message_id)).length;
    const doubled = [...arrivals.values()].filter((times) => times.length > 1).length;
    const known = new Set(sent.rows.map((row) => row.message_id));
    const unrecorded = [...arrivals.keys()].filter((id) => !known.has(id)).length;

    // Every acknowledged write present.
    const contacts = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts WHERE id = ANY($1::uuid[])`,
      [[...acknowledged.contacts]],
    );
    const enrollments = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollments WHERE id = ANY($1::uuid[])`,
      [[...acknowledged.enrollments.keys()]],
    );

    // No email after its enrollment's unenroll returned (E6).
    let afterUnenroll = 0;
    for (const row of sent.rows) {
      const returned = unenrollReturned.get(row.enrollment_id);
      if (returned !== undefined && (arrivals.get(row.message_id) ?? []).some((at) => at > returned))
        afterUnenroll += 1;
    }

    console.log(
      '\noperations:',
      Object.entries(counts)
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join(', '),
    );
    console.log(`emails recorded sent: ${sent.rows.length}; at the SMTP server: ${sink.received.length}`);
    console.log(`  lost: ${lost}, delivered twice: ${doubled}, delivered but not recorded: ${unrecorded}`);
    console.log(
      `acknowledged writes present: contacts ${contacts.rows[0].n}/${acknowledged.contacts.size}, ` +
        `enrollments ${enrollments.rows[0].n}/${acknowledged.enrollments.size}`,
    );
    console.log(
      `emails after an unenroll returned: ${afterUnenroll} (of ${unenrollReturned.size} unenrolls)`,
    );
    console.log('memory (RSS) of the processes that lived through the run, after the first minute:');
    const warm = Date.now() - (MINUTES - 1) * 60_000;
    for (const slot of [apis[1], workers[1]]) {
      const after = slot.rss.filter((s) => s.at >= warm);
      if (after.length < 2) continue;
      const first = after[0].kib;
      const last = after[after.length - 1].kib;
      const peak = Math.max(...after.map((s) => s.kib));
      console.log(
        `  ${slot.name}: ${(first / 1024).toFixed(0)} → ${(last / 1024).toFixed(0)} MiB (peak ${(peak / 1024).toFixed(0)}), ` +
          `growth ${(((last - first) / first) * 100).toFixed(1)} % (target ≤ 20 %)`,
      );
    }
    const ok =
      lost === 0 &&
      unrecorded === 0 &&
      afterUnenroll === 0 &&
      contacts.rows[0].n === acknowledged.contacts.size &&
      enrollments.rows[0].n === acknowledged.enrollments.size;
    console.log(ok ? '\nsoak: every check held' : '\nsoak: A CHECK FAILED');
    if (doubled > 0)
      console.log(
        '(a message delivered twice carries one Message-ID: the at-least-once window of docs/architecture.md)',
      );
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const slot of slots) await slot.stop().catch(() => undefined);
    await sink.close();
    await db.close();
    await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
