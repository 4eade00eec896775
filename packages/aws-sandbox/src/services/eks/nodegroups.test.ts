import {
  CreateClusterCommand,
  CreateNodegroupCommand,
  CreateNodegroupCommandInput,
  DeleteNodegroupCommand,
  DescribeNodegroupCommand,
  DescribeUpdateCommand,
  ListNodegroupsCommand,
  UpdateNodegroupConfigCommand,
  waitUntilNodegroupActive,
} from '@aws-sdk/client-eks';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  createActiveCluster,
  EksTestSandbox,
  FAKE_SUBNETS,
  FAST_WAITER,
  freezeClock,
  holdInCreating,
  PRIVATE_SUBNET_IDS,
  startEksTestSandbox,
  trustPolicy,
  waitForIamPropagation,
} from './testSandbox';

const CLUSTER = 'ng-cluster';

describe('aws-sandbox EKS managed node groups', () => {
  let t: EksTestSandbox;
  let nodeRole = '';
  beforeAll(async () => {
    t = await startEksTestSandbox();
    const role = await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'node-role',
        AssumeRolePolicyDocument: trustPolicy('ec2.amazonaws.com'),
      }),
    );
    nodeRole = role.Role?.Arn ?? '';
    await createActiveCluster(t, CLUSTER);
  });
  afterAll(() => t.sandbox.close());

  const request = (
    nodegroupName: string,
    extra: Partial<CreateNodegroupCommandInput> = {},
  ): CreateNodegroupCommandInput => ({
    clusterName: CLUSTER,
    nodegroupName,
    nodeRole,
    subnets: PRIVATE_SUBNET_IDS,
    instanceTypes: ['c5.xlarge', 'c5a.xlarge'],
    capacityType: 'SPOT',
    scalingConfig: { minSize: 0, desiredSize: 2, maxSize: 4 },
    ...extra,
  });

  it('refuses a node group on a cluster that is not ACTIVE yet', async () => {
    const role = await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'young-role',
        AssumeRolePolicyDocument: trustPolicy('eks.amazonaws.com'),
      }),
    );
    await waitForIamPropagation(t);
    await t.eks.send(
      new CreateClusterCommand({
        name: 'young',
        roleArn: role.Role?.Arn,
        resourcesVpcConfig: { subnetIds: PRIVATE_SUBNET_IDS },
      }),
    );
    holdInCreating(t, 'young');
    await expect(
      t.eks.send(
        new CreateNodegroupCommand({
          ...request('early'),
          clusterName: 'young',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: "Cluster 'young' is not in ACTIVE status",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('creates a Spot node group that turns ACTIVE, once per client request token', async () => {
    const first = await t.eks.send(
      new CreateNodegroupCommand(
        request('spot', { clientRequestToken: 'ng-token' }),
      ),
    );
    expect(first.nodegroup).toMatchObject({
      nodegroupName: 'spot',
      clusterName: CLUSTER,
      status: 'CREATING',
      capacityType: 'SPOT',
      instanceTypes: ['c5.xlarge', 'c5a.xlarge'],
      scalingConfig: { minSize: 0, desiredSize: 2, maxSize: 4 },
      diskSize: 20,
      nodeRole,
      subnets: PRIVATE_SUBNET_IDS,
    });
    expect(first.nodegroup?.nodegroupArn).toMatch(
      /^arn:aws:eks:eu-west-3:111111111111:nodegroup\/ng-cluster\/spot\/[0-9a-f-]{36}$/,
    );
    const again = await t.eks.send(
      new CreateNodegroupCommand(
        request('spot', { clientRequestToken: 'ng-token' }),
      ),
    );
    expect(again.nodegroup?.nodegroupArn).toBe(first.nodegroup?.nodegroupArn);
    await expect(
      t.eks.send(new CreateNodegroupCommand(request('spot'))),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message:
        'NodeGroup already exists with name spot and cluster name ng-cluster',
      $metadata: { httpStatusCode: 409 },
    });
    await waitUntilNodegroupActive(
      { client: t.eks, ...FAST_WAITER },
      { clusterName: CLUSTER, nodegroupName: 'spot' },
    );
    const listed = await t.eks.send(
      new ListNodegroupsCommand({ clusterName: CLUSTER }),
    );
    expect(listed.nodegroups).toEqual(['spot']);
  });

  it.each([
    [
      { scalingConfig: { minSize: 3, desiredSize: 2, maxSize: 4 } },
      "Minimum capacity 3 can't be greater than desired size 2",
    ],
    [
      { scalingConfig: { minSize: 1, desiredSize: 5, maxSize: 4 } },
      "Desired capacity 5 can't be greater than max size 4",
    ],
    [
      { subnets: ['subnet-0ffffffffffffffff'] },
      "The subnet ID 'subnet-0ffffffffffffffff' does not exist",
    ],
    [
      { subnets: [FAKE_SUBNETS[4].id] },
      'Subnets are not in the same VPC as the cluster',
    ],
    [
      { launchTemplate: { name: 'lt', id: 'lt-0123456789abcdef0' } },
      'Either launch template ID or name can be specified, but not both.',
    ],
    [
      { launchTemplate: { name: 'lt', version: '3' }, diskSize: 50 },
      'Disk size must be specified within the launch template.',
    ],
    [
      { nodeRole: 'arn:aws:iam::111111111111:role/missing' },
      'Role with arn: arn:aws:iam::111111111111:role/missing, could not be assumed because it does not exist or the trusted entity is not correct',
    ],
  ])('refuses %j with InvalidParameterException', async (extra, message) => {
    await expect(
      t.eks.send(new CreateNodegroupCommand(request('refused', extra))),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message,
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('takes its disk and version from a launch template', async () => {
    const { nodegroup } = await t.eks.send(
      new CreateNodegroupCommand(
        request('templated', {
          launchTemplate: { name: 'dpj-nodes', version: '3' },
          instanceTypes: undefined,
        }),
      ),
    );
    expect(nodegroup).toMatchObject({
      launchTemplate: { name: 'dpj-nodes', version: '3' },
    });
    expect(nodegroup?.diskSize).toBeUndefined();
    expect(nodegroup?.instanceTypes).toBeUndefined();
  });

  it('updates scaling, labels and taints through an update that completes', async () => {
    const clock = freezeClock(t);
    const { update } = await t.eks.send(
      new UpdateNodegroupConfigCommand({
        clusterName: CLUSTER,
        nodegroupName: 'spot',
        scalingConfig: { desiredSize: 3 },
        labels: { addOrUpdateLabels: { capacity: 'spot' } },
        taints: {
          addOrUpdateTaints: [
            { key: 'capacity', value: 'spot', effect: 'NO_SCHEDULE' },
          ],
        },
      }),
    );
    expect(update).toMatchObject({
      status: 'InProgress',
      type: 'ConfigUpdate',
      params: [
        { type: 'DesiredSize', value: '3' },
        { type: 'LabelsToAdd', value: '{"capacity":"spot"}' },
        {
          type: 'TaintsToAdd',
          value: '[{"key":"capacity","value":"spot","effect":"NO_SCHEDULE"}]',
        },
      ],
    });
    const during = await t.eks.send(
      new DescribeNodegroupCommand({
        clusterName: CLUSTER,
        nodegroupName: 'spot',
      }),
    );
    expect(during.nodegroup).toMatchObject({
      status: 'UPDATING',
      scalingConfig: { minSize: 0, desiredSize: 3, maxSize: 4 },
      labels: { capacity: 'spot' },
      taints: [{ key: 'capacity', value: 'spot', effect: 'NO_SCHEDULE' }],
    });
    await expect(
      t.eks.send(
        new UpdateNodegroupConfigCommand({
          clusterName: CLUSTER,
          nodegroupName: 'spot',
          scalingConfig: { desiredSize: 1 },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message:
        'Nodegroup cannot be updated as it is currently not in Active State',
    });
    clock.advance(60_000);
    const after = await t.eks.send(
      new DescribeNodegroupCommand({
        clusterName: CLUSTER,
        nodegroupName: 'spot',
      }),
    );
    expect(after.nodegroup?.status).toBe('ACTIVE');
    const done = await t.eks.send(
      new DescribeUpdateCommand({
        name: CLUSTER,
        nodegroupName: 'spot',
        updateId: update?.id,
      }),
    );
    expect(done.update?.status).toBe('Successful');
    await expect(
      t.eks.send(
        new UpdateNodegroupConfigCommand({
          clusterName: CLUSTER,
          nodegroupName: 'spot',
          scalingConfig: { desiredSize: 9 },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "Desired capacity 9 can't be greater than max size 4",
    });
  });

  it('answers a retried scaling update (same clientRequestToken) with the update it made', async () => {
    const clock = freezeClock(t);
    const resize = () =>
      t.eks.send(
        new UpdateNodegroupConfigCommand({
          clusterName: CLUSTER,
          nodegroupName: 'spot',
          scalingConfig: { desiredSize: 2 },
          clientRequestToken: 'resize-token',
        }),
      );
    const first = await resize();
    // The group is UPDATING, yet the retry is the same request: no second update.
    const retried = await resize();
    expect(retried.update?.id).toBe(first.update?.id);
    clock.advance(60_000);
    expect((await resize()).update).toMatchObject({
      id: first.update?.id,
      status: 'Successful',
    });
  });

  it('deletes a node group: DELETING, then not found', async () => {
    const { nodegroup } = await t.eks.send(
      new DeleteNodegroupCommand({
        clusterName: CLUSTER,
        nodegroupName: 'templated',
      }),
    );
    expect(nodegroup?.status).toBe('DELETING');
    await expect(
      t.eks.send(
        new DescribeNodegroupCommand({
          clusterName: CLUSTER,
          nodegroupName: 'missing',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'No node group found for name: missing.',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
