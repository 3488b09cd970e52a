/**
 * @jest-environment node
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedDir } from '../helpers/shared-dir';

describe('finding the shared folder', () => {
  test('SHARED_DIR wins when it exists', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shared-'));
    expect(sharedDir({ SHARED_DIR: dir })).toBe(dir);
  });

  test('a SHARED_DIR that does not exist is a clear error, not a silent fallback', () => {
    expect(() => sharedDir({ SHARED_DIR: '/nonexistent/shared' })).toThrow(/SHARED_DIR/);
  });

  test('otherwise ../shared beside the repository, or /work/shared', () => {
    expect(sharedDir({})).toMatch(/shared$/);
  });
});
