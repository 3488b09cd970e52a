import type { FastifyInstance, RouteOptions } from 'fastify';

/** The sections of /docs, in the order a reader meets them, and the path segments each holds. */
export const OPENAPI_TAGS = [
  {
    name: 'Contacts',
    description: 'Contacts, the add-in’s lookup, and unenrolling a contact',
    segments: ['contacts'],
  },
  { name: 'Sequences', description: 'Sequences and their performance', segments: ['sequences'] },
  {
    name: 'Enrollments',
    description: 'Enrolling, unenrolling (one, bulk), pausing, and the schedule',
    segments: ['enrollments', 'scheduled'],
  },
  { name: 'Tasks', description: 'Tasks created by task steps', segments: ['tasks'] },
  {
    name: 'Companies and deals',
    description: 'Records that unenrollment triggers watch, and their known properties',
    segments: ['companies', 'deals', 'properties'],
  },
  {
    name: 'Automatic unenrollment',
    description: 'Inbound email and meetings, workflows',
    segments: ['inbound', 'workflows'],
  },
  {
    name: 'Mail',
    description: 'Outbound mail (outbox transport) and unsubscribe pages',
    segments: ['outbox', 'unsubscribe'],
  },
  {
    name: 'Users and account',
    description: 'The signed-in user, the account, seats',
    segments: ['me', 'account', 'users'],
  },
  {
    name: 'Service',
    description: 'Health, readiness, the add-in’s sign-in config, dev tokens',
    segments: ['health', 'ready', 'config', 'dev'],
  },
] as const;

function tagOf(url: string): string | undefined {
  const segment = url.replace(/^\/api\/v1/, '').split('/')[1];
  return OPENAPI_TAGS.find((tag) => (tag.segments as readonly string[]).includes(segment))?.name;
}

/**
 * Files every route of /docs under its section, from its path, so no route has to say it; and
 * marks the routes that take no sign-in (`config.auth: 'none'`) as needing no bearer token.
 * Registered before the routes (an onRoute hook sees only routes added after it).
 */
export function describeRoutesForOpenApi(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = (route.schema ??= {}) as { tags?: string[]; security?: unknown[]; hide?: boolean };
    if (schema.hide) return;
    const tag = tagOf(route.url);
    if (!schema.tags && tag) schema.tags = [tag];
    if ((route.config as { auth?: string } | undefined)?.auth === 'none') schema.security ??= [];
  });
}
