/**
 * PostgreSQL and Redis for the replicas: started on loopback from Debian's packages by
 * scripts/local-services.sh, which prints their settings as `export NAME=value` lines.
 */
import { execFile } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { promisify } from 'node:util';

// eslint-disable-next-line no-restricted-syntax
const SCRIPT = resolvePath(__dirname, '../../../scripts/local-services.sh');

export interface ServiceSettings {
  POSTGRES_HOST: string;
  POSTGRES_PORT: string;
  POSTGRES_USER: string;
  POSTGRES_PASSWORD: string;
  REDIS_URL: string;
}

/** Starts the services if they are not running; throws when they are not installed. */
export async function startLocalServices(): Promise<ServiceSettings> {
  const { stdout } = await promisify(execFile)('bash', [SCRIPT, 'start'], {
    timeout: 120_000,
  });
  const settings: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) settings[match[1]] = match[2];
  }
  for (const name of [
    'POSTGRES_HOST',
    'POSTGRES_PORT',
    'POSTGRES_USER',
    'POSTGRES_PASSWORD',
    'REDIS_URL',
  ]) {
    if (!settings[name]) {
      throw new Error(`${SCRIPT} start did not print ${name}:\n${stdout}`);
    }
  }
  return settings as unknown as ServiceSettings;
}
