import type { Db } from '../db/port';
import type { SendingTransport, StoringTransport } from './transport';

/**
 * A storing transport (the outbox) used where a sending one is needed — beside Graph, which
 * must run under the worker's lease protocol: each email is stored in its own short
 * transaction, which is what "handing it over" means for the outbox.
 */
export function storedAsSent(transport: StoringTransport, db: Db): SendingTransport {
  return {
    kind: 'sending',
    name: transport.name,
    async send(email, now) {
      const [result] = await db.transaction((tx) => transport.store(tx, [email], now));
      return result;
    },
    close: transport.close,
  };
}
