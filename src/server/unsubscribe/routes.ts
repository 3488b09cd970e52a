import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps';
import { AppError } from '../http/errors';
import { maskEmail, renderPage, type PageContent } from './page';
import type { UnsubscribeTarget } from './queries';
import { findUnsubscribeTarget, unsubscribe } from './service';

const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }) });

/** RFC 8058 §3.1: one-click arrives as a form (urlencoded or multipart); plain text from some clients. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * The link in the token must not leak (Referer), be cached or indexed, and the
 * page runs no script: a strict policy costs nothing here.
 */
function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .type('text/html; charset=utf-8');
}

function sender(target: UnsubscribeTarget): string {
  return target.sender_name || 'this sender';
}

const donePage = (target: UnsubscribeTarget): PageContent => ({
  title: 'Unsubscribed',
  heading: 'You are unsubscribed',
  paragraphs: [
    `${maskEmail(target.to_address)} will not receive further sequence emails from ${sender(target)}.`,
    'You can close this page.',
  ],
});

const confirmPage = (target: UnsubscribeTarget, token: string): PageContent => ({
  title: 'Unsubscribe',
  heading: 'Unsubscribe from these emails?',
  paragraphs: [
    `${maskEmail(target.to_address)} will stop receiving sequence emails from ${sender(target)}, starting now.`,
  ],
  form: { action: `./${token}`, button: 'Unsubscribe' },
});

const errorPage = (error: AppError): PageContent => ({
  title: 'Unsubscribe link not valid',
  heading: 'This link does not work',
  paragraphs: [error.message, 'To unsubscribe, use the link in the most recent email you received from us.'],
});

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * A7 at the site root, without sign-in: `GET /unsubscribe/:token` shows a
 * confirmation page and changes nothing (mail scanners follow links);
 * `POST` unsubscribes — from the page's button, or as RFC 8058 one-click
 * (`List-Unsubscribe=One-Click`, form-encoded). The POST body is not needed
 * beyond that: the signed token is the authority.
 */
export function unsubscribeRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // This scope only: the API stays JSON.
    app.addContentTypeParser(FORM_TYPES, { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      '/unsubscribe/:token',
      {
        schema: { summary: 'Confirmation page (changes nothing)', params: Params },
        config: { auth: 'none' },
      },
      async (request, reply) => {
        try {
          const target = await findUnsubscribeTarget(deps, request.params.token);
          const page = target.opted_out_at ? donePage(target) : confirmPage(target, request.params.token);
          return pageHeaders(reply).send(renderPage(page));
        } catch (error: unknown) {
          if (!(error instanceof AppError)) throw error;
          return pageHeaders(reply)
            .code(error.statusCode)
            .send(renderPage(errorPage(error)));
        }
      },
    );

    app.post(
      '/unsubscribe/:token',
      {
        schema: {
          summary: 'Unsubscribe (the page’s button, or RFC 8058 one-click)',
          params: Params,
          consumes: [...FORM_TYPES, 'application/json'],
        },
        config: { auth: 'none' },
      },
      async (request, reply) => {
        try {
          const target = await unsubscribe(deps, request.params.token);
          if (wantsHtml(request)) return pageHeaders(reply).send(renderPage(donePage(target)));
          return reply.header('cache-control', 'no-store').send({ unsubscribed: true });
        } catch (error: unknown) {
          if (!(error instanceof AppError) || !wantsHtml(request)) throw error;
          return pageHeaders(reply)
            .code(error.statusCode)
            .send(renderPage(errorPage(error)));
        }
      },
    );
  };
}
