import {
  AttachRolePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { ECR_READ, useIamSandbox } from './testIam';

describe('aws-sandbox IAM role policies', () => {
  const t = useIamSandbox();

  it('attaches only real AWS managed policies and refuses to delete a role that has any', async () => {
    await t.createRole('node-role');
    for (const arn of [
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    ]) {
      await t.iam.send(
        new AttachRolePolicyCommand({ RoleName: 'node-role', PolicyArn: arn }),
      );
    }
    await expect(
      t.iam.send(
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
    const attached = await t.iam.send(
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
      t.iam.send(new DeleteRoleCommand({ RoleName: 'node-role' })),
    ).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must detach all policies first.',
      $metadata: { httpStatusCode: 409 },
    });
    for (const policy of attached.AttachedPolicies ?? []) {
      await t.iam.send(
        new DetachRolePolicyCommand({
          RoleName: 'node-role',
          PolicyArn: policy.PolicyArn,
        }),
      );
    }
    await expect(
      t.iam.send(
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
    await t.iam.send(new DeleteRoleCommand({ RoleName: 'node-role' }));
    await expect(
      t.iam.send(new GetRoleCommand({ RoleName: 'node-role' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('keeps inline policies and blocks role deletion until they are deleted', async () => {
    await t.createRole('inline-role');
    await t.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'inline-role',
        PolicyName: 'ecr',
        PolicyDocument: ECR_READ,
      }),
    );
    const listed = await t.iam.send(
      new ListRolePoliciesCommand({ RoleName: 'inline-role' }),
    );
    expect(listed.PolicyNames).toEqual(['ecr']);
    const policy = await t.iam.send(
      new GetRolePolicyCommand({ RoleName: 'inline-role', PolicyName: 'ecr' }),
    );
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument ?? ''))).toEqual(
      JSON.parse(ECR_READ),
    );
    await expect(
      t.iam.send(new DeleteRoleCommand({ RoleName: 'inline-role' })),
    ).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete policies first.',
    });
    await expect(
      t.iam.send(
        new PutRolePolicyCommand({
          RoleName: 'inline-role',
          PolicyName: 'bad',
          PolicyDocument: 'nope',
        }),
      ),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await t.iam.send(
      new DeleteRolePolicyCommand({
        RoleName: 'inline-role',
        PolicyName: 'ecr',
      }),
    );
    await expect(
      t.iam.send(
        new GetRolePolicyCommand({
          RoleName: 'inline-role',
          PolicyName: 'ecr',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role policy with name ecr cannot be found.',
    });
    await t.iam.send(new DeleteRoleCommand({ RoleName: 'inline-role' }));
  });
});
