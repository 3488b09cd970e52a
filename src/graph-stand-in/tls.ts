import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TlsIdentity {
  key: string;
  cert: string;
}

/**
 * The stand-in's HTTPS identity: a self-signed certificate for localhost and 127.0.0.1. HTTPS
 * because MSAL accepts only an HTTPS authority, and Graph's own URLs are HTTPS. A client
 * trusts it through `NODE_EXTRA_CA_CERTS=<dir>/cert.pem`, or in-process by passing it as `ca`.
 * Kept in `dir` when given, so a restarted stand-in keeps the certificate a server trusts.
 */
export async function standInTls(dir?: string): Promise<TlsIdentity> {
  const keyFile = dir && path.join(dir, 'key.pem');
  const certFile = dir && path.join(dir, 'cert.pem');
  if (keyFile && certFile && existsSync(keyFile) && existsSync(certFile))
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'graph-stand-in.localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 24 * 3600_000),
    notAfterDate: new Date(now.getTime() + 10 * 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  const identity = { key: pems.private, cert: pems.cert };
  if (dir && keyFile && certFile) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(keyFile, identity.key, { mode: 0o600 });
    writeFileSync(certFile, identity.cert);
  }
  return identity;
}
