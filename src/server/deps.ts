import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/port';
import type { MailTransport } from './mail/transport';

/** What the routes and services of every domain are given. */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  transport: MailTransport;
}
