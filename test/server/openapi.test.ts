import { OPENAPI_TAGS } from '../../src/server/http/openapi-tags';
import { describeEachDb } from '../helpers/context';

interface Operation {
  tags?: string[];
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, unknown>;
}

describeEachDb('OpenAPI at /docs, generated from the route schemas', (ctx) => {
  let doc: {
    openapi: string;
    tags: Array<{ name: string }>;
    paths: Record<string, Record<string, Operation>>;
  };
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  beforeAll(async () => {
    const response = await ctx().request('GET', '/docs/json');
    expect(response.status).toBe(200);
    doc = response.body;
  });

  test('the interactive page answers', async () => {
    const page = await ctx().request('GET', '/docs/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toMatch(/text\/html/);
  });

  test('documents the API of SPEC §3', () => {
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ['/api/v1/contacts/lookup', 'post'],
      ['/api/v1/contacts/{id}/unenroll', 'post'],
      ['/api/v1/enrollments', 'post'],
      ['/api/v1/enrollments/unenroll', 'post'],
      ['/api/v1/enrollments/{id}', 'get'],
      ['/api/v1/sequences/{id}', 'delete'],
      ['/api/v1/inbound/email', 'post'],
      ['/api/v1/inbound/meetings', 'post'],
      ['/api/v1/workflows/unenroll', 'post'],
      ['/api/v1/me', 'get'],
      ['/health', 'get'],
    ]) {
      expect(doc.paths[path]?.[method]).toBeDefined();
    }
    // The raw message of inbound mail is a binary body of its own media type.
    expect(doc.paths['/api/v1/inbound/email'].post.requestBody?.content).toEqual({
      'message/rfc822': { schema: expect.objectContaining({ type: 'string', format: 'binary' }) },
    });
    // A JSON body is described by its schema (what a client generator needs).
    expect(
      doc.paths['/api/v1/contacts/lookup'].post.requestBody?.content['application/json'].schema,
    ).toMatchObject({ properties: { emails: { type: 'array', maxItems: 1000 } } });
  });

  test('every operation is filed under one of the sections, listed in order', () => {
    expect(doc.tags.map((tag) => tag.name)).toEqual(OPENAPI_TAGS.map((tag) => tag.name));
    const names = new Set<string>(OPENAPI_TAGS.map((tag) => tag.name));
    const untagged = operations().filter(
      ({ operation }) => operation.tags?.length !== 1 || !names.has(operation.tags[0]),
    );
    expect(untagged.map(({ path, method }) => `${method} ${path}`)).toEqual([]);
    expect(doc.paths['/api/v1/contacts/lookup'].post.tags).toEqual(['Contacts']);
    expect(doc.paths['/api/v1/enrollments/unenroll'].post.tags).toEqual(['Enrollments']);
    expect(doc.paths['/api/v1/inbound/email'].post.tags).toEqual(['Automatic unenrollment']);
  });

  test('routes without sign-in say so; the rest need the bearer token', () => {
    const open = operations()
      .filter(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0)
      .map(({ path, method }) => `${method} ${path}`)
      .sort();
    expect(open).toEqual(
      expect.arrayContaining([
        'get /health',
        'get /ready',
        'get /api/v1/config',
        'post /api/v1/dev/token',
        'get /unsubscribe/{token}',
        'post /unsubscribe/{token}',
      ]),
    );
    expect(open.every((entry) => /\/(health|ready|config|dev\/token|unsubscribe\/)/.test(entry))).toBe(true);
    expect(doc.paths['/api/v1/contacts/lookup'].post.security).toBeUndefined(); // the document's default: bearer
  });

  test('the add-in’s pages stay out of it', () => {
    expect(Object.keys(doc.paths).filter((path) => /taskpane|assets|preview|^\/dev\//.test(path))).toEqual(
      [],
    );
  });
});
