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
 * Serves the built Outlook add-in at `/`: `/taskpane.html`, `/commands.html`, `/dialog.html`,
 * `/manifest.xml`, `/assets/*`; and, in dev auth mode, `/preview` — the simulated compose
 * window — whose task pane is the real taskpane.html with Office.js's CDN script swapped for
 * the stand-in (`/preview/taskpane.html`). The task pane's code cannot tell the difference.
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
    reply.header('x-content-type-options', 'nosniff');
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
    page('/dialog.html', 'dialog.html');
    page('/manifest.xml', 'manifest.xml');

    app.get<{ Params: { '*': string } }>('/assets/*', { schema: { hide: true } }, async (request, reply) => {
      const relative = request.params['*'];
      // Script and style chunks carry a content hash in their name: cache them for good.
      const cache: CacheKind = /^(js\/.+\.[0-9a-f]{8}\.js|css\/.+\.[0-9a-f]{8}\.css)$/.test(relative)
        ? 'immutable'
        : 'asset';
      return send(request, reply, await files.get(path.posix.join('assets', relative)), cache);
    });

    // A person who opens the server's address: the preview when there is one, else the API docs.
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.redirect(options.preview ? '/preview' : '/docs', 302),
    );

    if (!options.preview) return;

    page('/preview', 'preview/index.html');
    page(OFFICE_STAND_IN_URL, 'preview/office-stand-in.js');
    page('/preview/simulation.js', 'preview/simulation.js');
    app.get('/preview/taskpane.html', { schema: { hide: true } }, async (request, reply) => {
      const file = await files.derive('preview-taskpane', async () => {
        const original = await taskpane();
        if (!original) return null;
        const html = original.body.toString('utf8');
        if (!OFFICE_JS_TAG.test(html)) {
          throw new Error(
            'dist/taskpane.html does not load Office.js from the CDN: cannot give it the stand-in',
          );
        }
        const swapped = html.replace(OFFICE_JS_TAG, `<script src="${OFFICE_STAND_IN_URL}"></script>`);
        return files.withBody(Buffer.from(swapped), original.contentType);
      });
      return send(request, reply, file, 'page');
    });
  };
}
