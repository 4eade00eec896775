import {
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  ListRoleTagsCommand,
  paginateListRoles,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { roleAsSeenBy } from '.';
import { ECR_READ, TRUST_EKS, useIamSandbox } from './testIam';

describe('aws-sandbox IAM roles', () => {
  const t = useIamSandbox();

  it('creates a role with its path, tags and URL-encoded trust policy', async () => {
    const created = await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'dpj-dev-cluster-role',
        Path: '/eks/',
        AssumeRolePolicyDocument: TRUST_EKS,
        Description: 'EKS control plane',
        Tags: [{ Key: 'environment', Value: 'dev' }],
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.Role).toMatchObject({
      RoleName: 'dpj-dev-cluster-role',
      Path: '/eks/',
      Arn: 'arn:aws:iam::111111111111:role/eks/dpj-dev-cluster-role',
      Description: 'EKS control plane',
      MaxSessionDuration: 3600,
      Tags: [{ Key: 'environment', Value: 'dev' }],
    });
    expect(created.Role?.RoleId).toMatch(/^AROA[0-9A-F]{17}$/);
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);
    const fetched = await t.iam.send(
      new GetRoleCommand({ RoleName: 'dpj-dev-cluster-role' }),
    );
    expect(
      JSON.parse(
        decodeURIComponent(fetched.Role?.AssumeRolePolicyDocument ?? ''),
      ),
    ).toEqual(JSON.parse(TRUST_EKS));
    expect(
      roleAsSeenBy(
        t.sandbox.context,
        '111111111111',
        'arn:aws:iam::111111111111:role/eks/dpj-dev-cluster-role',
      )?.trusts('eks.amazonaws.com', ['sts:AssumeRole']),
    ).toBe(true);
    expect(
      roleAsSeenBy(
        t.sandbox.context,
        '111111111111',
        'arn:aws:iam::111111111111:role/dpj-dev-cluster-role',
      ),
    ).toBeUndefined();
  });

  it('refuses a duplicate role name with EntityAlreadyExists', async () => {
    await t.createRole('duplicate-role');
    await expect(t.createRole('duplicate-role')).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Role with name duplicate-role already exists.',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('refuses a trust policy that is not valid JSON or has no principal', async () => {
    await expect(
      t.iam.send(
        new CreateRoleCommand({
          RoleName: 'bad-json',
          AssumeRolePolicyDocument: '{"Version":',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'This policy contains invalid Json',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      t.iam.send(
        new CreateRoleCommand({
          RoleName: 'no-principal',
          AssumeRolePolicyDocument: ECR_READ,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'Missing required field Principal',
    });
  });

  it('answers NoSuchEntity for an unknown role', async () => {
    await expect(
      t.iam.send(new GetRoleCommand({ RoleName: 'ghost' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name ghost cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('replaces a trust policy with UpdateAssumeRolePolicy, checked like CreateRole', async () => {
    await t.createRole('pod-identity-role');
    const scoped = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        },
      ],
    });
    const updated = await t.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: 'pod-identity-role',
        PolicyDocument: scoped,
      }),
    );
    expect(updated.$metadata.httpStatusCode).toBe(200);
    const { Role } = await t.iam.send(
      new GetRoleCommand({ RoleName: 'pod-identity-role' }),
    );
    expect(
      JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')),
    ).toEqual(JSON.parse(scoped));

    await expect(
      t.iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: 'ghost',
          PolicyDocument: scoped,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name ghost cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    for (const [PolicyDocument, message] of [
      ['{"Version":', 'This policy contains invalid Json'],
      [ECR_READ, 'Missing required field Principal'],
    ]) {
      await expect(
        t.iam.send(
          new UpdateAssumeRolePolicyCommand({
            RoleName: 'pod-identity-role',
            PolicyDocument,
          }),
        ),
      ).rejects.toMatchObject({
        name: 'MalformedPolicyDocumentException',
        message,
        $metadata: { httpStatusCode: 400 },
      });
    }
    // A refused update leaves the trust policy as it was.
    const after = await t.iam.send(
      new GetRoleCommand({ RoleName: 'pod-identity-role' }),
    );
    expect(after.Role?.AssumeRolePolicyDocument).toBe(
      Role?.AssumeRolePolicyDocument,
    );
  });

  it('tags and untags a role', async () => {
    await t.createRole('tagged-role');
    await t.iam.send(
      new TagRoleCommand({
        RoleName: 'tagged-role',
        Tags: [
          { Key: 'owner', Value: 'platform' },
          { Key: 'cost-center', Value: 'dpj' },
        ],
      }),
    );
    await t.iam.send(
      new UntagRoleCommand({ RoleName: 'tagged-role', TagKeys: ['owner'] }),
    );
    const tags = await t.iam.send(
      new ListRoleTagsCommand({ RoleName: 'tagged-role' }),
    );
    expect(tags.Tags).toEqual([{ Key: 'cost-center', Value: 'dpj' }]);
    expect(tags.IsTruncated).toBe(false);
  });

  it('pages ListRoles with Marker and MaxItems', async () => {
    const client = new IAMClient({
      region: 'eu-west-3',
      endpoint: t.sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOXSTAGING', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    for (let i = 0; i < 5; i++) {
      await client.send(
        new CreateRoleCommand({
          RoleName: `paged-${i}`,
          AssumeRolePolicyDocument: TRUST_EKS,
        }),
      );
    }
    const first = await client.send(new ListRolesCommand({ MaxItems: 2 }));
    expect(first.Roles?.map(role => role.RoleName)).toEqual([
      'paged-0',
      'paged-1',
    ]);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeDefined();
    const names: string[] = [];
    for await (const page of paginateListRoles({ client, pageSize: 2 }, {})) {
      names.push(...(page.Roles ?? []).map(role => role.RoleName ?? ''));
    }
    expect(names).toEqual([
      'paged-0',
      'paged-1',
      'paged-2',
      'paged-3',
      'paged-4',
    ]);
    // Another account sees none of these roles.
    const dev = await t.iam.send(new ListRolesCommand({}));
    expect(dev.Roles?.some(role => role.RoleName?.startsWith('paged-'))).toBe(
      false,
    );
  });
});
