import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's shared material (`SPEC.md`, `schemas/…`). CI runs in a fresh clone in
 * some temporary folder, where `../shared` may not exist, so: `SHARED_DIR` when set,
 * else `<repo>/../shared` when it exists, else `/work/shared`.
 */
export function sharedDir(env: Record<string, string | undefined> = process.env): string {
  const repo = path.resolve(__dirname, '../..');
  const candidates = env.SHARED_DIR
    ? [path.resolve(env.SHARED_DIR)]
    : [path.resolve(repo, '../shared'), '/work/shared'];
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  throw new Error(
    `The shared folder was not found (looked in ${candidates.join(', ')}). ` +
      'Set SHARED_DIR to the folder that holds schemas/office-manifest/.',
  );
}

/** A path inside the shared folder, checked to exist. */
export function sharedPath(...parts: string[]): string {
  const file = path.join(sharedDir(), ...parts);
  if (!existsSync(file)) throw new Error(`${file} does not exist in the shared folder`);
  return file;
}
