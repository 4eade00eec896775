import { parseArgs } from 'node:util';
import { startSandbox } from './server';
import { defaultSandboxServices } from './defaultServices';

const USAGE = `Usage: aws-sandbox [--port 4566] [--kubernetes-port 4567] [--time-scale 0.05] [--throttle-rate 0]
                   [--server-error-rate 0] [--lost-answer-rate 0] [--latency-ms 0] [--no-seed]

A local AWS-compatible endpoint (EC2, IAM, KMS, EKS, Cost Explorer, STS) with ArgoCD,
Kubernetes and Prometheus APIs, for development and tests only. Listens on 127.0.0.1.`;

function numberOption(
  values: Record<string, string | boolean | undefined>,
  name: string,
  fallback: number,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    throw new Error(`--${name} must be a number, got '${raw}'`);
  }
  return value;
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'kubernetes-port': { type: 'string' },
      'time-scale': { type: 'string' },
      'throttle-rate': { type: 'string' },
      'server-error-rate': { type: 'string' },
      'lost-answer-rate': { type: 'string' },
      'latency-ms': { type: 'string' },
      'no-seed': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sandbox = await startSandbox({
    port: numberOption(values, 'port', 4566),
    kubernetesPort: numberOption(values, 'kubernetes-port', 4567),
    // 0.05: a cluster takes 30 s instead of 10 min, enough to watch the scaffolder log.
    timeScale: numberOption(values, 'time-scale', 0.05),
    faults: {
      throttleRate: numberOption(values, 'throttle-rate', 0),
      serverErrorRate: numberOption(values, 'server-error-rate', 0),
      lostAnswerRate: numberOption(values, 'lost-answer-rate', 0),
      latencyMs: numberOption(values, 'latency-ms', 0),
    },
    ...defaultSandboxServices({
      seed: !values['no-seed'],
      argoCdApplications: !values['no-seed'],
    }),
  });
  process.stdout.write(
    `aws-sandbox listening on ${sandbox.url} (Kubernetes APIs on ${sandbox.context.kubernetesUrl})\n`,
  );
  const stop = () => {
    sandbox.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`aws-sandbox: ${error.message}\n\n${USAGE}\n`);
  process.exit(1);
});
