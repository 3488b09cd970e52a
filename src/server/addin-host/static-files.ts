import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'text/xml; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.map', '.json', '.xml', '.txt']);

export interface StaticFile {
  body: Buffer;
  /** The gzip-compressed body, when the type compresses. */
  gzip?: Buffer;
  contentType: string;
  etag: string;
}

/**
 * The built add-in's files, read once and kept in memory with their gzip form: the build
 * output is a few hundred KiB and never changes while the server runs (a rebuild means a
 * restart), so each request is a lookup, and gzip costs once (level 9) instead of per request.
 * Hand-written rather than @fastify/static, which reads each file and compresses it per request
 * (or needs .gz files built beside it), and could not serve the derived task panes.
 */
export function createStaticFiles(root: string) {
  const cache = new Map<string, Promise<StaticFile | null>>();

  async function load(file: string): Promise<StaticFile | null> {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error: unknown) {
      if (
        (error as NodeJS.ErrnoException).code === 'ENOENT' ||
        (error as NodeJS.ErrnoException).code === 'EISDIR'
      )
        return null;
      throw error;
    }
    const extension = path.extname(file);
    return {
      body,
      gzip: COMPRESSIBLE.has(extension) ? gzipSync(body, { level: 9 }) : undefined,
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
    };
  }

  return {
    root,
    /** A file under the root by its relative path; null when absent or outside the root. */
    get(relative: string): Promise<StaticFile | null> {
      const file = path.resolve(root, relative);
      if (file !== root && !file.startsWith(root + path.sep)) return Promise.resolve(null);
      let entry = cache.get(file);
      if (!entry) {
        entry = load(file);
        cache.set(file, entry);
        // A missing file may appear after a build: do not remember its absence.
        entry.then(
          (found) => found ?? cache.delete(file),
          () => cache.delete(file),
        );
      }
      return entry;
    },
    /** A derived file (e.g. the preview's task pane) kept under a name of its own. */
    derive(name: string, make: () => Promise<StaticFile | null>): Promise<StaticFile | null> {
      let entry = cache.get(`derived:${name}`);
      if (!entry) {
        entry = make();
        cache.set(`derived:${name}`, entry);
        entry.then(
          (found) => found ?? cache.delete(`derived:${name}`),
          () => cache.delete(`derived:${name}`),
        );
      }
      return entry;
    },
    withBody(body: Buffer, contentType: string): StaticFile {
      return {
        body,
        gzip: gzipSync(body, { level: 9 }),
        contentType,
        etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
      };
    },
  };
}

export type StaticFiles = ReturnType<typeof createStaticFiles>;
