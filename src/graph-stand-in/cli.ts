/**
 * `npm run graph-stand-in`: the Microsoft Graph stand-in on its own, for trying the product
 * without a tenant (README, "Microsoft 365 without a tenant"). Prints the settings to give the
 * server. Options (or the environment): --port (GRAPH_STAND_IN_PORT, 4100), --client-id
 * (GRAPH_CLIENT_ID), --client-secret (GRAPH_CLIENT_SECRET), --dir (where its certificate is
 * kept, ./data/graph-stand-in), --notification-origin (deliver notifications there, e.g.
 * http://localhost:3000, whatever origin PUBLIC_URL names).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startGraphStandIn } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.GRAPH_STAND_IN_PORT ?? '4100' },
      'client-id': { type: 'string', default: process.env.GRAPH_CLIENT_ID ?? 'sales-tools-local' },
      'client-secret': { type: 'string', default: process.env.GRAPH_CLIENT_SECRET ?? 'stand-in-secret' },
      dir: { type: 'string', default: path.join('data', 'graph-stand-in') },
      'notification-origin': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const standIn = await startGraphStandIn({
    port: Number(values.port),
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    autoCreateMailboxes: true,
    tlsDir: values.dir,
    notificationOrigin: values['notification-origin'],
  });
  const cert = path.resolve(values.dir, 'cert.pem');
  // The first line is for programs (bench:graph reads it); the rest for people.
  process.stdout.write(`${JSON.stringify({ url: standIn.url, cert })}\n`);
  if (!values.quiet) {
    process.stdout.write(`
Microsoft Graph stand-in on ${standIn.url} (mailboxes in memory, created when first named).
Run the server against it:

  NODE_EXTRA_CA_CERTS=${cert} \\
  GRAPH_CLIENT_ID=${values['client-id']} GRAPH_CLIENT_SECRET=${values['client-secret']} \\
  GRAPH_AUTHORITY_HOST=${standIn.authorityHost} GRAPH_BASE_URL=${standIn.baseUrl} \\
  GRAPH_POLL_SECONDS=5 npm start

Deliver a message into a mailbox:  curl --cacert ${cert} --data-binary @reply.eml -H 'content-type: text/plain' \\
  ${standIn.url}/_stand-in/mailboxes/rep@contoso.example/inbox
See a folder:                      curl --cacert ${cert} ${standIn.url}/_stand-in/mailboxes/rep@contoso.example/sentitems
Throttle:                          curl --cacert ${cert} -H 'content-type: application/json' -d '{"operation":"sendMail","times":1,"retryAfterSeconds":60}' ${standIn.url}/_stand-in/throttle\n`);
  }
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
