import {
  CreateClusterCommand,
  CreateClusterCommandInput,
  DescribeClusterCommand,
  ListClustersCommand,
  ListTagsForResourceCommand,
  paginateListClusters,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eks';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { logsStoreOf } from '../cloudwatchLogs';
import {
  EksTestSandbox,
  FAKE_SUBNETS,
  PRIVATE_SUBNET_IDS,
  startEksTestSandbox,
  trustPolicy,
  waitForIamPropagation,
} from './testSandbox';

describe('aws-sandbox EKS clusters', () => {
  let t: EksTestSandbox;
  let roleArn = '';
  beforeAll(async () => {
    t = await startEksTestSandbox();
    const role = await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'cluster-role',
        AssumeRolePolicyDocument: trustPolicy('eks.amazonaws.com'),
      }),
    );
    roleArn = role.Role?.Arn ?? '';
    await waitForIamPropagation(t);
  });
  afterAll(() => t.sandbox.close());

  const request = (
    name: string,
    extra: Partial<CreateClusterCommandInput> = {},
  ): CreateClusterCommandInput => ({
    name,
    version: '1.35',
    roleArn,
    resourcesVpcConfig: { subnetIds: PRIVATE_SUBNET_IDS },
    ...extra,
  });

  it('creates a cluster with AWS defaults', async () => {
    const { cluster } = await t.eks.send(
      new CreateClusterCommand(request('defaults')),
    );
    expect(cluster).toMatchObject({
      status: 'CREATING',
      resourcesVpcConfig: {
        endpointPublicAccess: true,
        endpointPrivateAccess: false,
        publicAccessCidrs: ['0.0.0.0/0'],
        vpcId: 'vpc-0a0000000000000a0',
      },
      kubernetesNetworkConfig: {
        serviceIpv4Cidr: '172.20.0.0/16',
        ipFamily: 'ipv4',
      },
      logging: {
        clusterLogging: [
          {
            types: [
              'api',
              'audit',
              'authenticator',
              'controllerManager',
              'scheduler',
            ],
            enabled: false,
          },
        ],
      },
      accessConfig: {
        authenticationMode: 'API_AND_CONFIG_MAP',
        bootstrapClusterCreatorAdminPermissions: true,
      },
      upgradePolicy: { supportType: 'EXTENDED' },
      certificateAuthority: {},
    });
  });

  it('returns the same cluster for a repeated client request token', async () => {
    const first = await t.eks.send(
      new CreateClusterCommand(
        request('idempotent', { clientRequestToken: 'token-1' }),
      ),
    );
    const again = await t.eks.send(
      new CreateClusterCommand(
        request('idempotent', { clientRequestToken: 'token-1' }),
      ),
    );
    expect(again.cluster?.arn).toBe(first.cluster?.arn);
    expect(again.cluster?.createdAt).toEqual(first.cluster?.createdAt);
    const { clusters } = await t.eks.send(new ListClustersCommand({}));
    expect(clusters?.filter(name => name === 'idempotent')).toHaveLength(1);
    await expect(
      t.eks.send(
        new CreateClusterCommand(
          request('idempotent', { clientRequestToken: 'token-2' }),
        ),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message: 'Cluster already exists with name: idempotent',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it.each([
    [
      'an unsupported version',
      { version: '1.28' },
      'unsupported Kubernetes version 1.28',
    ],
    [
      'subnets in one AZ',
      {
        resourcesVpcConfig: {
          subnetIds: ['subnet-0a0000000000000a1', 'subnet-0a0000000000000a2'],
        },
      },
      'Subnets specified must be in at least two different AZs',
    ],
    [
      'an unknown subnet',
      {
        resourcesVpcConfig: {
          subnetIds: ['subnet-0a0000000000000a1', 'subnet-0ffffffffffffffff'],
        },
      },
      "The subnet ID 'subnet-0ffffffffffffffff' does not exist",
    ],
    [
      'subnets of two VPCs',
      {
        resourcesVpcConfig: {
          subnetIds: [FAKE_SUBNETS[0].id, FAKE_SUBNETS[4].id],
        },
      },
      'Subnets specified must be in the same VPC',
    ],
    [
      'an unknown role',
      { roleArn: 'arn:aws:iam::111111111111:role/missing' },
      'Role with arn: arn:aws:iam::111111111111:role/missing, could not be assumed because it does not exist or the trusted entity is not correct',
    ],
  ])(
    'refuses %s with InvalidParameterException',
    async (_case, extra, message) => {
      await expect(
        t.eks.send(new CreateClusterCommand(request('refused', extra))),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message,
        $metadata: { httpStatusCode: 400 },
      });
    },
  );

  it('answers ResourceNotFoundException for an unknown cluster', async () => {
    await expect(
      t.eks.send(new DescribeClusterCommand({ name: 'ghost' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'No cluster found for name: ghost.',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('pages ListClusters with maxResults and nextToken', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) {
      await t.eks.send(new CreateClusterCommand(request(name)));
    }
    const first = await t.eks.send(new ListClustersCommand({ maxResults: 2 }));
    expect(first.clusters).toHaveLength(2);
    expect(first.nextToken).toBeDefined();
    const names: string[] = [];
    for await (const page of paginateListClusters(
      { client: t.eks, pageSize: 2 },
      {},
    )) {
      names.push(...(page.clusters ?? []));
    }
    expect(names).toEqual([
      'defaults',
      'idempotent',
      'page-a',
      'page-b',
      'page-c',
    ]);
    await expect(
      t.eks.send(new ListClustersCommand({ maxResults: 101 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('tags and untags a cluster by ARN', async () => {
    const { cluster } = await t.eks.send(
      new CreateClusterCommand(
        request('tagged', { tags: { owner: 'platform' } }),
      ),
    );
    const resourceArn = cluster?.arn ?? '';
    await t.eks.send(
      new TagResourceCommand({
        resourceArn,
        tags: { environment: 'dev', team: 'a' },
      }),
    );
    await t.eks.send(
      new UntagResourceCommand({ resourceArn, tagKeys: ['team'] }),
    );
    const { tags } = await t.eks.send(
      new ListTagsForResourceCommand({ resourceArn }),
    );
    expect(tags).toEqual({ owner: 'platform', environment: 'dev' });
    await expect(
      t.eks.send(
        new ListTagsForResourceCommand({
          resourceArn: 'arn:aws:eks:eu-west-3:111111111111:cluster/ghost',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('asks the wiring for the cluster security group', async () => {
    const requested: string[] = [];
    const other = await startEksTestSandbox(
      {},
      {
        clusterSecurityGroups: (_context, input) => {
          requested.push(
            `${input.accountId}/${input.region}/${input.vpcId}/${input.clusterName}`,
          );
          return 'sg-0123456789abcdef0';
        },
      },
    );
    try {
      const role = await other.iam.send(
        new CreateRoleCommand({
          RoleName: 'sg-role',
          AssumeRolePolicyDocument: trustPolicy('eks.amazonaws.com'),
        }),
      );
      await waitForIamPropagation(other);
      const { cluster } = await other.eks.send(
        new CreateClusterCommand({
          name: 'with-sg',
          roleArn: role.Role?.Arn,
          resourcesVpcConfig: { subnetIds: PRIVATE_SUBNET_IDS },
        }),
      );
      expect(cluster?.resourcesVpcConfig?.clusterSecurityGroupId).toBe(
        'sg-0123456789abcdef0',
      );
      expect(requested).toEqual([
        '111111111111/eu-west-3/vpc-0a0000000000000a0/with-sg',
      ]);
    } finally {
      await other.sandbox.close();
    }
  });

  // Last: it adds clusters the listing tests would count.
  it('makes the control-plane log group, without retention, when logging is on and it does not exist', async () => {
    const logs = logsStoreOf(t.sandbox.context, '111111111111', 'eu-west-3');
    await t.eks.send(new CreateClusterCommand(request('quiet')));
    expect(logs.groups.has('/aws/eks/quiet/cluster')).toBe(false);
    await t.eks.send(
      new CreateClusterCommand(
        request('logged', {
          logging: { clusterLogging: [{ types: ['audit'], enabled: true }] },
        }),
      ),
    );
    const group = logs.groups.get('/aws/eks/logged/cluster');
    expect(group).toBeDefined();
    expect(group?.retentionInDays).toBeUndefined();
    expect(group?.tags.size).toBe(0);
  });
});
