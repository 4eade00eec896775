/**
 * One backend replica: `packages/backend` started from its sources in a child
 * process, as `yarn start` does, on its own port. Its output is kept for the
 * caller (and written to a file when asked) so a test can tell what it did.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Started from the repository's sources, like the sandbox; never bundled.
// eslint-disable-next-line no-restricted-syntax
const REPOSITORY = resolvePath(__dirname, '../../..');
const BACKEND_DIR = resolvePath(REPOSITORY, 'packages/backend');

export interface ReplicaOptions {
  name: string;
  port: number;
  /** Config files, absolute or relative to the repository, in load order. */
  configFiles: string[];
  /** Added to this process's environment (database and cache settings). */
  env?: Record<string, string>;
  /** Also writes the replica's output to this file. */
  logFile?: string;
  /** Also prints the replica's output, each line prefixed with its name. */
  echo?: boolean;
}

export class Replica {
  private child?: ChildProcess;
  private log?: WriteStream;
  private exited?: Promise<void>;
  /** Everything the replica printed since it was started. */
  output = '';

  constructor(readonly options: ReplicaOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null;
  }

  /** Starts the replica and resolves once it reports ready. */
  async start(timeoutMs = 180_000): Promise<void> {
    const { options } = this;
    this.output = '';
    this.log = options.logFile
      ? createWriteStream(options.logFile, { flags: 'a' })
      : undefined;
    const configArgs = options.configFiles.flatMap(file => [
      '--config',
      resolvePath(REPOSITORY, file),
    ]);
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        'src/index.ts',
        ...configArgs,
      ],
      {
        cwd: BACKEND_DIR,
        env: {
          ...process.env,
          NODE_ENV: 'development',
          ...options.env,
          BACKEND_REPLICA_PORT: String(options.port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      this.log?.write(chunk);
      if (options.echo) {
        const lines = chunk.toString('utf8').replace(/\n$/, '').split('\n');
        process.stdout.write(
          lines.map(line => `[${options.name}] ${line}\n`).join(''),
        );
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // A replica never outlives the process that started it.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    this.exited = new Promise(resolve =>
      child.once('exit', () => {
        process.off('exit', killOnExit);
        resolve();
      }),
    );
    await this.waitUntilReady(timeoutMs);
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(
          `Replica ${
            this.options.name
          } exited while starting:\n${this.output.slice(-4000)}`,
        );
      }
      try {
        const response = await fetch(
          `${this.url}/.backstage/health/v1/readiness`,
        );
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(500);
    }
    throw new Error(
      `Replica ${
        this.options.name
      } was not ready within ${timeoutMs} ms:\n${this.output.slice(-4000)}`,
    );
  }

  /** Kills the process at once (SIGKILL): no shutdown hook runs, as in a crash. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
    this.log?.end();
  }
}
