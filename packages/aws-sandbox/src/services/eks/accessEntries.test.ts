import {
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  DeleteAccessEntryCommand,
  DescribeAccessEntryCommand,
  ListAccessEntriesCommand,
  ListAssociatedAccessPoliciesCommand,
} from '@aws-sdk/client-eks';
import {
  createActiveCluster,
  EksTestSandbox,
  startEksTestSandbox,
} from './testSandbox';

const CLUSTER = 'access-cluster';
const DEVELOPERS = 'arn:aws:iam::111111111111:role/developers';
const VIEW_POLICY =
  'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy';

describe('aws-sandbox EKS access entries', () => {
  let t: EksTestSandbox;
  beforeAll(async () => {
    t = await startEksTestSandbox();
    await createActiveCluster(t, CLUSTER);
  });
  afterAll(() => t.sandbox.close());

  it('gives the creator an admin entry', async () => {
    const creator = 'arn:aws:iam::111111111111:user/sandbox';
    const { accessEntries } = await t.eks.send(
      new ListAccessEntriesCommand({ clusterName: CLUSTER }),
    );
    expect(accessEntries).toEqual([creator]);
    const policies = await t.eks.send(
      new ListAssociatedAccessPoliciesCommand({
        clusterName: CLUSTER,
        principalArn: creator,
      }),
    );
    expect(policies.associatedAccessPolicies).toEqual([
      expect.objectContaining({
        policyArn:
          'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
        accessScope: { type: 'cluster', namespaces: [] },
      }),
    ]);
  });

  it('creates, describes and scopes an access entry to namespaces', async () => {
    const created = await t.eks.send(
      new CreateAccessEntryCommand({
        clusterName: CLUSTER,
        principalArn: DEVELOPERS,
        kubernetesGroups: ['dpj-developers'],
      }),
    );
    expect(created.accessEntry).toMatchObject({
      principalArn: DEVELOPERS,
      kubernetesGroups: ['dpj-developers'],
      type: 'STANDARD',
    });
    expect(created.accessEntry?.accessEntryArn).toMatch(
      /^arn:aws:eks:eu-west-3:111111111111:access-entry\/access-cluster\/role\/111111111111\/developers\//,
    );
    await expect(
      t.eks.send(
        new CreateAccessEntryCommand({
          clusterName: CLUSTER,
          principalArn: DEVELOPERS,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message:
        'The specified access entry resource is already in use on this cluster.',
      $metadata: { httpStatusCode: 409 },
    });
    const described = await t.eks.send(
      new DescribeAccessEntryCommand({
        clusterName: CLUSTER,
        principalArn: DEVELOPERS,
      }),
    );
    expect(described.accessEntry?.username).toBe(
      'arn:aws:sts::111111111111:assumed-role/developers/{{SessionName}}',
    );
    const associated = await t.eks.send(
      new AssociateAccessPolicyCommand({
        clusterName: CLUSTER,
        principalArn: DEVELOPERS,
        policyArn: VIEW_POLICY,
        accessScope: { type: 'namespace', namespaces: ['dpj-app'] },
      }),
    );
    expect(associated).toMatchObject({
      clusterName: CLUSTER,
      principalArn: DEVELOPERS,
      associatedAccessPolicy: {
        policyArn: VIEW_POLICY,
        accessScope: { type: 'namespace', namespaces: ['dpj-app'] },
      },
    });
    const filtered = await t.eks.send(
      new ListAccessEntriesCommand({
        clusterName: CLUSTER,
        associatedPolicyArn: VIEW_POLICY,
      }),
    );
    expect(filtered.accessEntries).toEqual([DEVELOPERS]);
  });

  it('refuses unknown policies and empty namespace scopes', async () => {
    await expect(
      t.eks.send(
        new AssociateAccessPolicyCommand({
          clusterName: CLUSTER,
          principalArn: DEVELOPERS,
          policyArn:
            'arn:aws:eks::aws:cluster-access-policy/AmazonEKSRootPolicy',
          accessScope: { type: 'cluster' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      t.eks.send(
        new AssociateAccessPolicyCommand({
          clusterName: CLUSTER,
          principalArn: DEVELOPERS,
          policyArn: VIEW_POLICY,
          accessScope: { type: 'namespace' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('deletes an access entry', async () => {
    await t.eks.send(
      new DeleteAccessEntryCommand({
        clusterName: CLUSTER,
        principalArn: DEVELOPERS,
      }),
    );
    await expect(
      t.eks.send(
        new DescribeAccessEntryCommand({
          clusterName: CLUSTER,
          principalArn: DEVELOPERS,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message:
        "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.",
      $metadata: { httpStatusCode: 404 },
    });
  });
});
