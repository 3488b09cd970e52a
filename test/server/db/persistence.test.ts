import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../../src/server/app';
import { createDevTokenIssuer } from '../../../src/server/auth/dev-tokens';
import { openDatabase } from '../../../src/server/db/open';
import { migrate } from '../../../src/server/db/migrate';
import { testConfig } from '../../helpers/context';

describe('the embedded database (PGlite) under DATA_DIR', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sales-tools-persist-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('keeps data across a restart, and a restarted server migrates nothing twice', async () => {
    const config = testConfig({ DATA_DIR: dataDir });
    const issuer = await createDevTokenIssuer({ keyFile: path.join(dataDir, 'dev-auth-key.json') });
    const token = await issuer.issue({ email: 'rep@contoso.example', tenantId: 'persist' });

    const first = await openDatabase(config);
    expect(first.kind).toBe('pglite');
    expect((await migrate(first)).length).toBeGreaterThan(0);
    const { app } = await buildApp({ config, db: first, devTokens: issuer, logger: false });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: { authorization: `Bearer ${token}` },
      payload: { email: 'kept@fabrikam.example', firstName: 'Kept' },
    });
    expect(created.statusCode).toBe(201);
    await app.close();
    await first.close();

    const second = await openDatabase(config);
    expect(await migrate(second)).toEqual([]);
    // The key pair was kept under DATA_DIR too, so the old token still works.
    const reloadedIssuer = await createDevTokenIssuer({ keyFile: path.join(dataDir, 'dev-auth-key.json') });
    const { app: again } = await buildApp({ config, db: second, devTokens: reloadedIssuer, logger: false });
    const read = await again.inject({
      method: 'GET',
      url: `/api/v1/contacts/${created.json().id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ email: 'kept@fabrikam.example', firstName: 'Kept' });
    await again.close();
    await second.close();
  }, 60_000);
});
