import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { RunningSandbox, startSandbox } from '../../server';
import { iamService } from '.';

/** Trust policy of an EKS cluster role. */
export const TRUST_EKS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'eks.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
});

/** A small inline policy document. */
export const ECR_READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
  ],
});

/** Starts a sandbox with IAM for one test file and gives the real SDK client pointed at it. */
export function useIamSandbox() {
  const handle = {} as { sandbox: RunningSandbox; iam: IAMClient };
  beforeAll(async () => {
    handle.sandbox = await startSandbox({
      awsServices: [iamService],
      timeScale: 0.001,
    });
    handle.iam = new IAMClient({
      region: 'eu-west-3',
      endpoint: handle.sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOXDEV', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
  });
  afterAll(() => handle.sandbox.close());
  const createRole = (RoleName: string, extra: { Path?: string } = {}) =>
    handle.iam.send(
      new CreateRoleCommand({
        RoleName,
        AssumeRolePolicyDocument: TRUST_EKS,
        ...extra,
      }),
    );
  return Object.assign(handle, { createRole });
}
