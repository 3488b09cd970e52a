import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The origins that may frame the add-in's pages (task pane, function file, dialog): Outlook's,
 * and nothing else. Microsoft lists Outlook's as outlook.office.com, outlook.office365.com,
 * outlook-sdf.office.com and outlook-sdf.office365.com, with the cloud.microsoft domain as the
 * new home of every Microsoft 365 web app (learn.microsoft.com/microsoftteams/platform/tabs/
 * how-to/tab-requirements); of that domain only Outlook's own host is listed here, not the
 * `*.cloud.microsoft` wildcard, which would let Teams and every other Microsoft 365 app frame
 * the pane. outlook.live.com is Outlook.com. Classic Outlook on Windows and Mac shows the pane
 * in a WebView of its own, not in a frame, so it needs no entry.
 */
export const OUTLOOK_ORIGINS = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.cloud.microsoft',
  'https://outlook.live.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;

/**
 * Office.js comes from Microsoft's CDN (never bundled, SPEC O6) and loads its host-specific
 * parts from there; ajax.aspnetcdn.com serves the MicrosoftAjax.js some hosts' Office.js still
 * loads, and browser.pipe.aria.microsoft.com takes its telemetry (the list found by testing in
 * OfficeDev/office-js#1005, for want of an official one).
 */
const OFFICE_JS_SCRIPTS = ['https://appsforoffice.microsoft.com', 'https://ajax.aspnetcdn.com'];
const OFFICE_JS_CONNECT = ['https://browser.pipe.aria.microsoft.com'];

type Directives = Record<string, string[]>;

/** What every page here shares: its own scripts, no plugins, no <base> or form elsewhere. */
const PAGE: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Inline <style> in the page templates; Fluent UI (Griffel) and Office.js insert styles at run
  // time (OfficeDev/office-js#1687). Styles cannot run code; scripts stay without 'unsafe-inline'.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** Which kind of page a route serves, by its URL; the rest is the API (and its errors). */
type PageKind = 'addin' | 'previewPane' | 'preview' | 'console' | 'docs' | 'asset';

export function pageKindOf(url: string): PageKind | undefined {
  if (['/taskpane.html', '/commands.html', '/dialog.html'].includes(url)) return 'addin';
  if (url === '/preview/taskpane.html' || url === '/preview/commands.html') return 'previewPane';
  if (url === '/preview' || url.startsWith('/preview/')) return 'preview';
  // The web console, a single-page app at /app and /app/* (SPEC C1).
  if (url === '/app' || url.startsWith('/app/')) return 'console';
  if (url === '/docs' || url.startsWith('/docs/')) return 'docs';
  if (url.startsWith('/assets/') || url === '/commands.js') return 'asset';
  if (['/manifest.xml', '/manifest.json', '/manifest.zip'].includes(url)) return 'asset';
  return undefined;
}

/**
 * The headers of each kind of page, as helmet's options (merged over the API's).
 * `login` is the origin of MSAL's authority (AUTH_AUTHORITY): its token and discovery
 * endpoints (connect-src) and the hidden iframe of a silent renewal (frame-src).
 */
function pagePolicies(login: string): Record<PageKind, HelmetOptions> {
  const addin = (
    frameAncestors: readonly string[],
    xFrameOptions: false | { action: 'sameorigin' },
  ): HelmetOptions => ({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...PAGE,
        'script-src': ["'self'", ...OFFICE_JS_SCRIPTS],
        'connect-src': ["'self'", login, ...OFFICE_JS_CONNECT],
        'frame-src': ["'self'", login],
        'frame-ancestors': [...frameAncestors],
      },
    },
    // frame-ancestors decides who frames the pane; X-Frame-Options cannot name Outlook's origins.
    xFrameOptions,
    // Outlook on the web shows the pane from its own origin.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // MSAL's popup (the fallback when Nested App Authentication needs interaction) keeps its opener.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
  });
  return {
    addin: addin(OUTLOOK_ORIGINS, false),
    // The preview frames the real task pane from its own origin.
    previewPane: addin(["'self'"], { action: 'sameorigin' }),
    preview: {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          ...PAGE,
          'connect-src': ["'self'"],
          'frame-src': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
    },
    console: {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          ...PAGE,
          'connect-src': ["'self'", login],
          'frame-src': [login],
          'frame-ancestors': ["'none'"],
        },
      },
    },
    docs: {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { ...PAGE, 'connect-src': ["'self'"], 'frame-ancestors': ["'none'"] },
      },
    },
    // Icons that Outlook on the web shows on its ribbon, from its own origin.
    asset: { crossOriginResourcePolicy: { policy: 'cross-origin' } },
  };
}

/**
 * For everything that is not a page (the JSON API, its errors, /health): a document with
 * nothing to load and nothing to frame it. (The unsubscribe pages set their own, stricter
 * policy in unsubscribe/routes.ts, which takes precedence.)
 */
const API: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
  // The links in a page (and in an unsubscribe token's URL) are nobody else's business.
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * helmet on every response — `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 * HSTS, COOP/CORP, no `X-Powered-By` — with a Content-Security-Policy for each kind of page,
 * chosen by URL here, in one place, for the routes registered after this plugin. Each kind's
 * middleware is built once, here: @fastify/helmet built it again for every request, ~15 % of
 * what a `GET /health` cost (docs/scaling.md).
 */
export const securityHeaders = fp<{ authority: string }>(async (app: FastifyInstance, { authority }) => {
  const policies = pagePolicies(new URL(authority).origin);
  const api = helmet(API);
  const pages = new Map(
    Object.entries(policies).map(
      ([kind, options]) => [kind, helmet({ ...API, ...options } as HelmetOptions)] as const,
    ),
  );
  app.addHook('onRoute', (route) => {
    const kind = pageKindOf(route.url);
    if (kind) route.config = { ...route.config, pageKind: kind } as typeof route.config;
  });
  app.addHook('onRequest', (request, reply, done) => {
    const kind = (request.routeOptions.config as { pageKind?: PageKind } | undefined)?.pageKind;
    (pages.get(kind ?? '') ?? api)(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
});
