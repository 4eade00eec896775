import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { SandboxClock } from '../../core/clock';
import { defaultSandboxServices } from '../../defaultServices';
import { RunningSandbox, startSandbox } from '../../server';

/**
 * A seeded sandbox for one test file, reset before each test, with the dpj-dev account's
 * clients and a clock that moves only when the test says (`advanceAwsSeconds`).
 */
export function useSeededSandbox() {
  const handle = {} as {
    sandbox: RunningSandbox;
    ec2: EC2Client;
    elb: ElasticLoadBalancingV2Client;
    eks: EKSClient;
    iam: IAMClient;
    logs: CloudWatchLogsClient;
    /** Moves the sandbox clock by `seconds` of AWS time (× the 0.001 time scale). */
    advanceAwsSeconds(seconds: number): void;
    /** The Kubernetes API URL of a dpj-dev account's cluster, as ArgoCD registers it. */
    clusterServer(clusterName: string): string;
    /** Calls the sandbox's ArgoCD API with its static token; throws on an error answer. */
    argocd(method: string, path: string, body?: unknown): Promise<any>;
  };
  let now = 0;
  beforeAll(async () => {
    handle.sandbox = await startSandbox({
      timeScale: 0.001,
      port: 0,
      ...defaultSandboxServices({ seed: true }),
    });
    const config = {
      region: 'eu-west-3',
      endpoint: handle.sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOXDEV', secretAccessKey: 'x' },
      maxAttempts: 1,
    };
    handle.ec2 = new EC2Client(config);
    handle.elb = new ElasticLoadBalancingV2Client(config);
    handle.eks = new EKSClient(config);
    handle.iam = new IAMClient(config);
    handle.logs = new CloudWatchLogsClient(config);
  });
  afterAll(async () => {
    for (const client of [
      handle.ec2,
      handle.elb,
      handle.eks,
      handle.iam,
      handle.logs,
    ]) {
      client.destroy();
    }
    await handle.sandbox.close();
  });
  beforeEach(async () => {
    await fetch(`${handle.sandbox.url}/_sandbox/reset`, { method: 'POST' });
    now = Date.now();
    handle.sandbox.context.clock = new SandboxClock(0.001, () => now);
  });
  handle.advanceAwsSeconds = seconds => {
    now += seconds;
  };
  handle.clusterServer = clusterName =>
    `${handle.sandbox.context.kubernetesUrl}/k8s/111111111111/eu-west-3/${clusterName}`;
  handle.argocd = async (method, path, body) => {
    const response = await fetch(`${handle.sandbox.url}/argocd${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sandbox-argocd-token',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${response.status} ${await response.text()}`);
    return response.json();
  };
  return handle;
}
