import { CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { RunningSandbox, SandboxOptions, startSandbox } from '../../server';
import { ec2Service } from './service';

/** Starts a sandbox with EC2 for one test file and gives the real SDK client pointed at it. */
export function useEc2Sandbox(options: Partial<SandboxOptions> = {}) {
  const handle = {} as { sandbox: RunningSandbox; ec2: EC2Client };
  beforeAll(async () => {
    handle.sandbox = await startSandbox({
      awsServices: [ec2Service],
      timeScale: 0.001,
      port: 0,
      ...options,
    });
    handle.ec2 = ec2ClientFor(handle.sandbox.url);
  });
  afterAll(async () => {
    handle.ec2.destroy();
    await handle.sandbox.close();
  });
  return handle;
}

export function ec2ClientFor(
  url: string,
  { accessKeyId = 'AKIDSANDBOXDEV', region = 'eu-west-3' } = {},
) {
  return new EC2Client({
    region,
    endpoint: url,
    credentials: { accessKeyId, secretAccessKey: 'x' },
    maxAttempts: 1,
  });
}

/** Resets the sandbox between tests so quotas and lookups start from nothing. */
export async function resetSandbox(sandbox: RunningSandbox) {
  await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
}

/** What an EC2 client error looks like through the SDK: code, AWS wording, HTTP status. */
export const awsError = (
  name: string,
  message: string | RegExp,
  status = 400,
) => ({
  name,
  message,
  $metadata: expect.objectContaining({ httpStatusCode: status }),
});

/**
 * Resets the sandbox and creates one VPC to work in: the common start of most EC2 tests.
 * Tags are set through TagSpecifications, as the provisioning actions do.
 */
export async function freshVpc(
  handle: { sandbox: RunningSandbox; ec2: EC2Client },
  cidrBlock: string,
  tags: Record<string, string> = {},
): Promise<{ ec2: EC2Client; vpcId: string }> {
  await resetSandbox(handle.sandbox);
  const tagList = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const { Vpc } = await handle.ec2.send(
    new CreateVpcCommand({
      CidrBlock: cidrBlock,
      ...(tagList.length
        ? { TagSpecifications: [{ ResourceType: 'vpc', Tags: tagList }] }
        : {}),
    }),
  );
  return { ec2: handle.ec2, vpcId: Vpc!.VpcId! };
}
