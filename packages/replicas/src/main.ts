import { parseArgs } from 'node:util';
import { startReplicaSet } from './replicaSet';
import { startLocalServices } from './services';

const USAGE = `Usage: start-replicas [--replicas 2]

Starts PostgreSQL and Redis on loopback (scripts/local-services.sh), then that many
backend replicas (ports 7101, 7102, …) with app-config.yaml, app-config.development.yaml,
the sandbox's config and app-config.replicas.yaml, behind one balancer on
http://localhost:7007. Development only.`;

async function main() {
  const { values } = parseArgs({
    options: {
      replicas: { type: 'string', default: '2' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const count = Number(values.replicas);
  if (!Number.isInteger(count) || count < 1 || count > 8) {
    throw new Error(
      `--replicas must be a whole number from 1 to 8, got '${values.replicas}'`,
    );
  }
  const services = await startLocalServices();
  const set = await startReplicaSet({
    replicas: count,
    services,
    port: 7007,
    replicaPorts: Array.from({ length: count }, (_, i) => 7101 + i),
    keepConfiguredBaseUrl: true,
    echo: true,
  });
  process.stdout.write(
    `${count} backend replicas (${set.replicas
      .map(r => r.url)
      .join(', ')}) behind http://localhost:7007\n`,
  );
  const stop = () => {
    set.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`start-replicas: ${error.message}\n\n${USAGE}\n`);
  process.exit(1);
});
