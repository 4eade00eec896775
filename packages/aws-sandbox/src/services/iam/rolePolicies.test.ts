import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { RunningSandbox, startSandbox } from '../../server';
import { iamService } from '.';

const TRUST_EKS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'eks.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
});

const ECR_READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
  ],
});

describe('aws-sandbox IAM role policies', () => {
  let sandbox: RunningSandbox;
  let iam: IAMClient;
  beforeAll(async () => {
    sandbox = await startSandbox({
      awsServices: [iamService],
      timeScale: 0.001,
    });
    iam = new IAMClient({
      region: 'eu-west-3',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOXDEV', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
  });
  afterAll(() => sandbox.close());

  const createRole = (RoleName: string, extra: { Path?: string } = {}) =>
    iam.send(
      new CreateRoleCommand({
        RoleName,
        AssumeRolePolicyDocument: TRUST_EKS,
        ...extra,
      }),
    );

  it('attaches only real AWS managed policies and refuses to delete a role that has any', async () => {
    await createRole('node-role');
    for (const arn of [
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    ]) {
      await iam.send(
        new AttachRolePolicyCommand({ RoleName: 'node-role', PolicyArn: arn }),
      );
    }
    await expect(
      iam.send(
        new AttachRolePolicyCommand({
          RoleName: 'node-role',
          PolicyArn: 'arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message:
        'Policy arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy does not exist or is not attachable.',
      $metadata: { httpStatusCode: 404 },
    });
    const attached = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: 'node-role' }),
    );
    expect(attached.AttachedPolicies).toEqual([
      {
        PolicyName: 'AmazonEKSWorkerNodePolicy',
        PolicyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      },
      {
        PolicyName: 'AmazonEBSCSIDriverPolicy',
        PolicyArn:
          'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
      },
    ]);
    await expect(
      iam.send(new DeleteRoleCommand({ RoleName: 'node-role' })),
    ).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must detach all policies first.',
      $metadata: { httpStatusCode: 409 },
    });
    for (const policy of attached.AttachedPolicies ?? []) {
      await iam.send(
        new DetachRolePolicyCommand({
          RoleName: 'node-role',
          PolicyArn: policy.PolicyArn,
        }),
      );
    }
    await expect(
      iam.send(
        new DetachRolePolicyCommand({
          RoleName: 'node-role',
          PolicyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message:
        'Policy arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy was not found.',
    });
    await iam.send(new DeleteRoleCommand({ RoleName: 'node-role' }));
    await expect(
      iam.send(new GetRoleCommand({ RoleName: 'node-role' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('keeps inline policies and blocks role deletion until they are deleted', async () => {
    await createRole('inline-role');
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'inline-role',
        PolicyName: 'ecr',
        PolicyDocument: ECR_READ,
      }),
    );
    const listed = await iam.send(
      new ListRolePoliciesCommand({ RoleName: 'inline-role' }),
    );
    expect(listed.PolicyNames).toEqual(['ecr']);
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: 'inline-role', PolicyName: 'ecr' }),
    );
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument ?? ''))).toEqual(
      JSON.parse(ECR_READ),
    );
    await expect(
      iam.send(new DeleteRoleCommand({ RoleName: 'inline-role' })),
    ).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete policies first.',
    });
    await expect(
      iam.send(
        new PutRolePolicyCommand({
          RoleName: 'inline-role',
          PolicyName: 'bad',
          PolicyDocument: 'nope',
        }),
      ),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await iam.send(
      new DeleteRolePolicyCommand({
        RoleName: 'inline-role',
        PolicyName: 'ecr',
      }),
    );
    await expect(
      iam.send(
        new GetRolePolicyCommand({
          RoleName: 'inline-role',
          PolicyName: 'ecr',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role policy with name ecr cannot be found.',
    });
    await iam.send(new DeleteRoleCommand({ RoleName: 'inline-role' }));
  });
});
