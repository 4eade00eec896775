import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
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
    /** Moves the sandbox clock by `seconds` of AWS time (× the 0.001 time scale). */
    advanceAwsSeconds(seconds: number): void;
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
  });
  afterAll(async () => {
    handle.ec2.destroy();
    handle.elb.destroy();
    handle.eks.destroy();
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
  return handle;
}
