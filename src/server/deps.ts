import type { PrincipalCache } from './auth/plugin';
import type { Clock } from './clock';
import type { Config } from './config';
import type { ContactLookup } from './contacts/lookup-batch';
import type { Db } from './db/port';
import type { GraphClient } from './graph';
import type { MailTransport } from './mail/transport';
import type { SharedRateCounter } from './rate-limit/shared-counter';

/** What the routes and services of every domain are given. */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  transport: MailTransport;
  /** Who a token's (tenant, oid) is; services that remove users forget them here. */
  principals: PrincipalCache;
  /** Microsoft Graph, when the connector is configured (GRAPH_CLIENT_ID). */
  graph?: GraphClient;
  /** Rate-limit counts shared with every process on the database (HTTP and SMTP). */
  rateLimits: SharedRateCounter;
  /** O3's lookup: concurrent requests answered together, one statement per account. */
  lookups: ContactLookup;
}
