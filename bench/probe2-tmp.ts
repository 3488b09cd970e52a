import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { createDevTokenIssuer } from '../src/server/auth/dev-tokens';
import { migrate } from '../src/server/db/migrate';
import { openPg } from '../src/server/db/pg-adapter';
import { createServerDatabase } from '../test/helpers/databases';
import { seedAccount } from './lib/seed';
async function main() {
  const scratch = await createServerDatabase('postgres://postgres@127.0.0.1:5432/postgres');
  const db0 = openPg(scratch.url);
  await migrate(db0);
  const issuer = await createDevTokenIssuer();
  const a = await seedAccount(db0, { tenantId: 't', email: 'r@x.example', contacts: 5000, enrolled: 2000 });
  const token = await issuer.issue({ email: 'r@x.example', tenantId: 't' });
  await db0.query(`UPDATE users SET oid = $1 WHERE id = $2`, [
    JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).oid,
    a.userId,
  ]);
  let dbTime = 0;
  const db = {
    ...db0,
    kind: db0.kind,
    query: async (t: string, v?: unknown[]) => {
      const s = performance.now();
      const r = await db0.query(t, v);
      dbTime += performance.now() - s;
      return r;
    },
  } as any;
  const { app } = await buildApp({
    config: loadConfig({ AUTH_MODE: 'dev', LOG_LEVEL: 'silent' }),
    db,
    devTokens: issuer,
    logger: false,
  });
  const emails = Array.from({ length: 50 }, (_, i) => `c${i * 97 + 1}@bench.example`);
  for (let i = 0; i < 50; i++)
    await app.inject({
      method: 'POST',
      url: '/api/v1/contacts/lookup',
      headers: { authorization: `Bearer ${token}` },
      payload: { emails },
    });
  dbTime = 0;
  const cpu0 = process.cpuUsage();
  const s = performance.now();
  for (let i = 0; i < 200; i++)
    await app.inject({
      method: 'POST',
      url: '/api/v1/contacts/lookup',
      headers: { authorization: `Bearer ${token}` },
      payload: { emails },
    });
  const wall = performance.now() - s;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `per request: wall ${(wall / 200).toFixed(2)} ms, node cpu ${((cpu.user + cpu.system) / 1000 / 200).toFixed(2)} ms, awaiting db ${(dbTime / 200).toFixed(2)} ms`,
  );
  const h0 = process.cpuUsage();
  const hs = performance.now();
  for (let i = 0; i < 2000; i++) await app.inject({ method: 'GET', url: '/health' });
  const hc = process.cpuUsage(h0);
  console.log(
    `health: wall ${((performance.now() - hs) / 2000).toFixed(3)} ms, cpu ${((hc.user + hc.system) / 1000 / 2000).toFixed(3)} ms`,
  );
  await app.close();
  await db0.close();
  await scratch.drop();
}
main();
