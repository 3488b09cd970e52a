/**
 * `npm start` as a person runs it: the compiled server answers, and stopping npm (Ctrl-C in a
 * terminal, or `kill` of the npm process by a supervisor) stops the server too — no server
 * left listening without its npm.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health`).then(
    (response) => response.ok,
    () => false,
  );

test.each(['SIGTERM', 'SIGINT'] as const)(
  'npm start serves the built server, and %s to npm stops it',
  async (signal) => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
    const { NODE_OPTIONS: _jest, ...env } = process.env;
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
      detached: true, // its own process group, so that the cleanup can end whatever is left
    });
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 150_000;
      while (!(await answers(port))) {
        if (Date.now() > deadline) throw new Error('npm start did not answer within 150 s');
        await sleep(200);
      }
      npm.kill(signal);
      await exited;
      for (let i = 0; i < 50 && (await answers(port)); i += 1) await sleep(100);
      expect(await answers(port)).toBe(false);
    } finally {
      try {
        process.kill(-(npm.pid as number), 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
      await sleep(200);
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    }
  },
  240_000,
);
