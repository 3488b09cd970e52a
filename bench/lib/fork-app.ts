import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ForkedApp {
  child: ChildProcess;
  address: string;
  token: string;
  sequenceId: string;
  accountId: string;
  send(message: object, reply?: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts bench/lib/app-server.ts with `env` and waits until it listens. */
export async function forkApp(env: Record<string, string>): Promise<ForkedApp> {
  const child = fork(path.join(__dirname, 'app-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
  });
  const ready = await new Promise<{ address: string; token: string; sequenceId: string; accountId: string }>(
    (resolve, reject) => {
      child.once('message', (message) => resolve(message as never));
      child.once('exit', (code) => reject(new Error(`the app exited (${code}) before listening`)));
    },
  );
  return {
    child,
    ...ready,
    send: (message, reply) =>
      new Promise((resolve) => {
        if (reply) child.once('message', () => resolve());
        child.send(message);
        if (!reply) resolve();
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
