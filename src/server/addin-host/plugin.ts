import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EMBEDDED_CONFIG_ID } from '../../shared/embedded-config';
import { AppError } from '../http/errors';
import { createStaticFiles, type StaticFile } from './static-files';

/** Where `npm run build` (webpack) writes the add-in. */
export const DEFAULT_ADDIN_DIR = path.resolve(__dirname, '../../../dist');

/** The script tag of Office.js from Microsoft's CDN in the built task pane (attributes may be unquoted). */
const OFFICE_JS_TAG =
  /<script\b[^>]*\bsrc=["']?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js["']?[^>]*><\/script>/;
export const OFFICE_STAND_IN_URL = '/preview/office-stand-in.js';

export interface AddinHostOptions {
  /** The webpack output folder (dist/). */
  dir?: string;
  /** Serve `/preview` (dev auth mode only: it signs in with dev tokens). */
  preview: boolean;
  /**
   * `GET /api/v1/config`'s answer, embedded in taskpane.html as a JSON block: the pane then
   * signs in without asking for it first, a round trip less before the recipients' lookup.
   */
  clientConfig?: unknown;
}

/** A JSON data block (not script) for a page's head; `<` escaped so no value can close the tag. */
export function jsonBlock(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c');
  return `<script id="${id}" type="application/json">${json}</script>`;
}

type CacheKind = 'page' | 'immutable' | 'asset';
const CACHE_CONTROL: Record<CacheKind, string> = {
  page: 'no-cache',
  immutable: 'public, max-age=31536000, immutable',
  asset: 'public, max-age=86400',
};

/**
 * Serves what webpack builds: the Outlook add-in (`/taskpane.html`, `/commands.html`,
 * `/dialog.html`, `/manifest.xml`, `/manifest.json`, `/manifest.zip`, `/assets/*`), the web console (`/app`, `/app/*`) and its
 * `/favicon.ico`; and, in dev auth mode, `/preview` — the simulated compose window — whose task
 * pane is the real taskpane.html with Office.js's CDN script swapped for the stand-in
 * (`/preview/taskpane.html`). The task pane's code cannot tell the difference.
 */
export function addinHostRoutes(options: AddinHostOptions) {
  const dir = path.resolve(options.dir ?? DEFAULT_ADDIN_DIR);
  const files = createStaticFiles(dir);

  const notBuilt = () =>
    new AppError(
      'service_unavailable',
      `The add-in is not built (nothing in ${dir}): run "npm run build", or "npm start", which builds it`,
    );

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    file: StaticFile | null,
    cache: CacheKind,
  ) {
    if (!file) {
      if (!existsSync(dir)) throw notBuilt();
      throw new AppError('not_found', `${request.url.split('?')[0]} was not found`);
    }
    reply.header('content-type', file.contentType);
    reply.header('cache-control', CACHE_CONTROL[cache]);
    reply.header('etag', file.etag);
    if (file.gzip) reply.header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    const gzip = file.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? file.gzip : file.body);
  }

  return async function addinHost(app: FastifyInstance): Promise<void> {
    const page = (url: string, file: string) =>
      app.get(url, { schema: { hide: true } }, async (request, reply) =>
        send(request, reply, await files.get(file), 'page'),
      );
    // The task pane, with the client config in its head when there is one.
    const taskpane = () =>
      options.clientConfig === undefined
        ? files.get('taskpane.html')
        : files.derive('taskpane-with-config', async () => {
            const original = await files.get('taskpane.html');
            if (!original) return null;
            const html = original.body
              .toString('utf8')
              .replace('</head>', `${jsonBlock(EMBEDDED_CONFIG_ID, options.clientConfig)}</head>`);
            return files.withBody(Buffer.from(html), original.contentType);
          });
    app.get('/taskpane.html', { schema: { hide: true } }, async (request, reply) =>
      send(request, reply, await taskpane(), 'page'),
    );
    page('/commands.html', 'commands.html');
    // The event-based runtime's script for classic Outlook on Windows (manifest JSRuntime.Url).
    page('/commands.js', 'commands.js');
    page('/dialog.html', 'dialog.html');
    page('/manifest.xml', 'manifest.xml');
    // The unified manifest, and the package to upload in the admin center (docs/architecture.md).
    page('/manifest.json', 'manifest.json');
    page('/manifest.zip', 'manifest.zip');

    app.get<{ Params: { '*': string } }>('/assets/*', { schema: { hide: true } }, async (request, reply) => {
      const relative = request.params['*'];
      // Script and style chunks carry a content hash in their name: cache them for good.
      const cache: CacheKind = /^(js\/.+\.[0-9a-f]{8}\.js|css\/.+\.[0-9a-f]{8}\.css)$/.test(relative)
        ? 'immutable'
        : 'asset';
      return send(request, reply, await files.get(path.posix.join('assets', relative)), cache);
    });

    page('/favicon.ico', 'favicon.ico');

    // The web console (SPEC C1): one HTML page for /app and every client-side route under it, so
    // a deep link survives a reload; the client config rides in its head as in the task pane's.
    const consolePage = () =>
      files.derive('console-with-config', async () => {
        const original = await files.get('console.html');
        if (!original) return null;
        const html = original.body
          .toString('utf8')
          .replace('</head>', `${jsonBlock(EMBEDDED_CONFIG_ID, options.clientConfig ?? null)}</head>`);
        return files.withBody(Buffer.from(html), original.contentType);
      });
    for (const url of ['/app', '/app/*']) {
      app.get(url, { schema: { hide: true } }, async (request, reply) =>
        send(request, reply, await consolePage(), 'page'),
      );
    }

    // A person who opens the server's address lands in the console.
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app', 302));

    if (!options.preview) return;

    // `?pane=closed`: the compose window with the task pane not opened (the rep has not clicked
    // Sales Tools); the event runtime still runs, as in Outlook (issue 11).
    app.get<{ Querystring: { pane?: string } }>(
      '/preview',
      { schema: { hide: true } },
      async (request, reply) => {
        if (request.query.pane !== 'closed')
          return send(request, reply, await files.get('preview/index.html'), 'page');
        const file = await files.derive('preview-pane-closed', async () => {
          const original = await files.get('preview/index.html');
          if (!original) return null;
          const html = original.body.toString('utf8');
          // The minifier may drop the attribute's quotes.
          const closed = html.replace(
            /(<iframe title="?Sales Tools"?) src="?\/preview\/taskpane\.html"?/,
            '$1',
          );
          if (closed === html) throw new Error('dist/preview/index.html has no task pane frame to close');
          return files.withBody(Buffer.from(closed), original.contentType);
        });
        return send(request, reply, file, 'page');
      },
    );
    page(OFFICE_STAND_IN_URL, 'preview/office-stand-in.js');
    page('/preview/simulation.js', 'preview/simulation.js');
    // The real pages with Office.js's CDN script swapped for the stand-in: the task pane, and the
    // commands page the preview loads in a hidden frame to run the launch events (issue 11).
    const withStandIn = (name: string, load: () => Promise<StaticFile | null>) =>
      files.derive(`preview-${name}`, async () => {
        const original = await load();
        if (!original) return null;
        const html = original.body.toString('utf8');
        if (!OFFICE_JS_TAG.test(html)) {
          throw new Error(
            `dist/${name}.html does not load Office.js from the CDN: cannot give it the stand-in`,
          );
        }
        const swapped = html.replace(OFFICE_JS_TAG, `<script src="${OFFICE_STAND_IN_URL}"></script>`);
        return files.withBody(Buffer.from(swapped), original.contentType);
      });
    app.get('/preview/taskpane.html', { schema: { hide: true } }, async (request, reply) =>
      send(request, reply, await withStandIn('taskpane', taskpane), 'page'),
    );
    app.get('/preview/commands.html', { schema: { hide: true } }, async (request, reply) =>
      send(request, reply, await withStandIn('commands', () => files.get('commands.html')), 'page'),
    );
  };
}
