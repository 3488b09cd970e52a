/**
 * The rules of docs/architecture.md, checked on the source: one writer per table family,
 * layers that point one way (no import cycles between folders of src/server), a pure
 * engine, and SQL only in query modules. Hand-written over TypeScript's own import
 * scanner (`ts.preProcessFile`): dependency-cruiser finds module cycles, not cycles
 * between folders, which is the rule here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SERVER = path.resolve(__dirname, '../../../src/server');
const SHARED = path.resolve(__dirname, '../../../src/shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'migrations' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const files = sourceFiles(SERVER);
const relative = (file: string) => path.relative(SERVER, file);
/** The folder of src/server a file belongs to; files at its root (app.ts, config.ts …) are "(root)". */
const folderOf = (file: string) =>
  relative(file).includes(path.sep) ? relative(file).split(path.sep)[0] : '(root)';

/** Which folder owns (is the only writer of) each table. */
const OWNERS: Record<string, string> = {
  accounts: 'accounts',
  users: 'accounts',
  enrollments: 'lifecycle',
  enrollment_events: 'lifecycle',
  contacts: 'contacts',
  companies: 'companies',
  deals: 'deals',
  deal_contacts: 'deals',
  sequences: 'sequences',
  sent_messages: 'steps',
  outbox: 'outbox',
  tasks: 'tasks',
  engagements: 'engagements',
  inbound_messages: 'inbound',
  address_bounces: 'inbound',
  bounced_addresses: 'inbound',
  meetings: 'meetings',
  rate_limit_hits: 'rate-limit',
  // Written by triggers on enrollments, sent_messages and engagements (migration 0090); folded here.
  sequence_figures: 'sequences',
  sequence_figure_deltas: 'sequences',
  mail_connections: 'mailboxes',
  mailboxes: 'mailboxes',
  mailbox_folders: 'mailboxes',
  manual_emails: 'mailboxes',
  schema_migrations: 'db',
};

/** Tables a file writes: INSERT INTO t, UPDATE t (not FOR UPDATE, nor ON CONFLICT DO UPDATE), DELETE FROM t. */
export function writtenTables(source: string): string[] {
  const tables = new Set<string>();
  for (const match of source.matchAll(
    /\b(?:(FOR|DO)\s+)?(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)/gi,
  )) {
    if (match[1]) continue;
    tables.add(match[3].toLowerCase());
  }
  return [...tables];
}

function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((entry) => entry.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.resolve(path.dirname(file), name));
}

describe('one writer per table family', () => {
  test('the scanner finds writes and ignores locks and upserts', () => {
    expect(
      writtenTables(`INSERT INTO enrollment_events (a) SELECT 1; UPDATE enrollments e SET x = 1;
        SELECT 1 FROM t FOR UPDATE SKIP LOCKED; ON CONFLICT (a) DO UPDATE SET b = 1; DELETE FROM sent_messages`),
    ).toEqual(['enrollment_events', 'enrollments', 'sent_messages']);
  });

  test('every table is written only by the folder that owns it (enrollments: src/server/lifecycle)', () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const table of writtenTables(readFileSync(file, 'utf8'))) {
        const owner = OWNERS[table];
        if (!owner)
          offences.push(`${relative(file)} writes ${table}, which has no owner in this test's OWNERS`);
        else if (owner !== folderOf(file))
          offences.push(`${relative(file)} writes ${table}, owned by ${owner}/`);
      }
    }
    expect(offences).toEqual([]);
  });
});

describe('layers point one way', () => {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file);
    for (const target of importsOf(file)) {
      if (!target.startsWith(SERVER + path.sep)) continue;
      const to = folderOf(target);
      if (to === from || to === '(root)' || from === '(root)') continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)?.add(to);
    }
  }

  /** Folders that reach each other (Tarjan's strongly connected components of size > 1). */
  function cycles(): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[][] = [];
    let counter = 0;
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      for (const next of graph.get(node) ?? []) {
        if (!index.has(next)) {
          visit(next);
          low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
        } else if (onStack.has(next)) {
          low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
        }
      }
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) found.push(component.sort());
      }
    };
    for (const node of graph.keys()) if (!index.has(node)) visit(node);
    return found;
  }

  test('no two folders of src/server import each other, directly or around a loop', () => {
    expect(cycles()).toEqual([]);
  });

  test('the engine is pure: it imports only itself and src/shared', () => {
    const outside = files
      .filter((file) => folderOf(file) === 'engine')
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => !target.startsWith(path.join(SERVER, 'engine')) && !target.startsWith(SHARED))
          .map((target) => `${relative(file)} → ${path.relative(SERVER, target)}`),
      );
    expect(outside).toEqual([]);
  });

  test('the lifecycle depends on no domain: only db, engine, clock and src/shared', () => {
    const allowed = ['lifecycle', 'db', 'engine'];
    const outside = files
      .filter((file) => folderOf(file) === 'lifecycle')
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => target.startsWith(SERVER + path.sep))
          .filter((target) => !allowed.includes(folderOf(target)) && relative(target) !== 'clock')
          .map((target) => `${relative(file)} → ${path.relative(SERVER, target)}`),
      );
    expect(outside).toEqual([]);
  });
});

describe('SQL lives in query modules', () => {
  const SQL = /\b(SELECT\s+[\w*(]|INSERT\s+INTO|DELETE\s+FROM)\b|\bUPDATE\s+[a-z_]+\s+(?:[a-z]+\s+)?SET\b/;
  const isQueryModule = (file: string) =>
    /(^|\/)queries(\.ts|\/)/.test(relative(file)) || folderOf(file) === 'db';

  test('routes, services, transports and the rest hold none', () => {
    const offenders = files.filter((file) => !isQueryModule(file) && SQL.test(readFileSync(file, 'utf8')));
    expect(offenders.map(relative)).toEqual([]);
  });
});
