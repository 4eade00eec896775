import { EC2Client } from '@aws-sdk/client-ec2';
import {
  DeleteRoleCommand,
  DetachRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import {
  actionContext,
  isMutating,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  clientsFor,
  createTestCluster,
  nodegroupAction,
  productionInput,
  TestClients,
} from './__testUtils__/nodegroupTestUtils';

jest.setTimeout(60_000);

/** A client factory whose EC2 clients see no offering of `type` in `zone`. */
function withoutOffering(
  aws: Pick<AwsClientFactory, 'create'>,
  type: string,
  zone: string,
): Pick<AwsClientFactory, 'create'> {
  return {
    create: (async (ClientClass: any, target: any) => {
      const client = await aws.create(ClientClass, target);
      if (client instanceof EC2Client) {
        client.middlewareStack.add(
          (next, context) => async args => {
            const result: any = await next(args);
            if (
              context.commandName === 'DescribeInstanceTypeOfferingsCommand'
            ) {
              result.output.InstanceTypeOfferings =
                result.output.InstanceTypeOfferings.filter(
                  (o: { InstanceType: string; Location: string }) =>
                    !(o.InstanceType === type && o.Location === zone),
                );
            }
            return result;
          },
          { step: 'initialize', name: 'dropOffering' },
        );
      }
      return client;
    }) as AwsClientFactory['create'],
  };
}

const SYSTEM_GROUP = {
  name: 'system',
  role: 'system',
  instanceTypes: ['t3.medium', 't3.large'],
  capacityType: 'ON_DEMAND',
  minSize: 2,
  desiredSize: 2,
  maxSize: 3,
  diskSizeGiB: 50,
  labels: { role: 'system' },
  taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }],
};

describe('eks-platform:nodegroup:create input validation', () => {
  const fixture = useSandboxActionFixture();
  let clients: TestClients;
  let subnetIds: string[];

  beforeAll(async () => {
    clients = await clientsFor(fixture.aws);
    ({ subnetIds } = await createTestCluster(clients));
  });
  afterAll(() => clients.destroy());
  beforeEach(() => fixture.clearCalls());

  const cases: [string, (ids: string[]) => Record<string, unknown>, string][] =
    [
      [
        'missing clusterName',
        ids => ({ ...productionInput(ids), clusterName: undefined }),
        '- clusterName: clusterName is required',
      ],
      [
        'clusterName not a cluster name',
        ids => ({ ...productionInput(ids), clusterName: 'dpj prod!' }),
        '- clusterName: "dpj prod!" is not an EKS cluster name',
      ],
      [
        "another environment's cluster",
        ids => ({ ...productionInput(ids), clusterName: 'dpj-dev-cluster' }),
        '- clusterName: clusterName must be the cluster of environment dpj-prod (dpj-prod-cluster), got "dpj-dev-cluster"',
      ],
      [
        'role ARN malformed',
        ids => ({ ...productionInput(ids), nodeRoleArn: 'dpj-node-role' }),
        '- nodeRoleArn: "dpj-node-role" is not an IAM role ARN',
      ],
      [
        'role of another account',
        ids => ({
          ...productionInput(ids),
          nodeRoleArn: 'arn:aws:iam::111111111111:role/dpj-node-role',
        }),
        '- nodeRoleArn: the role belongs to account 111111111111',
      ],
      [
        'subnet id format',
        ids => ({
          ...productionInput(ids),
          privateSubnetIds: ['subnet-xyz', ids[1], ids[2]],
        }),
        '- privateSubnetIds[0]: "subnet-xyz" is not a subnet id',
      ],
      [
        'one subnet per zone',
        ids => ({ ...productionInput(ids), privateSubnetIds: ids.slice(0, 2) }),
        '- privateSubnetIds: give one private subnet per availability zone',
      ],
      [
        'subnet listed twice',
        ids => ({
          ...productionInput(ids),
          privateSubnetIds: [ids[0], ids[1], ids[0]],
        }),
        '- privateSubnetIds[2]: subnet',
      ],
      [
        'privateSubnetIds missing',
        ids => ({ ...productionInput(ids), privateSubnetIds: undefined }),
        '- privateSubnetIds: privateSubnetIds is required',
      ],
      [
        'mixed vCPU/memory shapes in one group',
        ids => ({ ...productionInput(ids), nodeGroups: [SYSTEM_GROUP] }),
        '- nodeGroups[0].instanceTypes[1]: t3.large',
      ],
      [
        'min above desired in a group',
        ids => ({
          ...productionInput(ids),
          nodeGroups: [
            {
              ...SYSTEM_GROUP,
              instanceTypes: ['t3.large'],
              minSize: 4,
              desiredSize: 2,
            },
          ],
        }),
        '- nodeGroups[0]',
      ],
      [
        'unknown environment',
        ids => ({ ...productionInput(ids), environment: 'prod' }),
        '- environment: environment must be one of',
      ],
      [
        'missing account',
        ids => ({ ...productionInput(ids), account: undefined }),
        '- account: account is required',
      ],
      [
        'rollbackOnFailure not a boolean',
        ids => ({ ...productionInput(ids), rollbackOnFailure: 'yes' }),
        '- rollbackOnFailure: rollbackOnFailure must be true or false',
      ],
    ];

  it.each(cases)(
    '%s: InputError naming the field, no call to AWS',
    async (_name, input, expected) => {
      const error = await nodegroupAction(fixture.aws)
        .handler(actionContext({ input: input(subnetIds) as any }))
        .then(
          () => undefined,
          e => e as Error,
        );
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(expected);
      expect(await fixture.calls()).toEqual([]);
    },
  );

  const preflightCases: [
    string,
    (ids: string[]) => Record<string, unknown>,
    string,
  ][] = [
    [
      'cluster that does not exist',
      ids => ({
        ...productionInput(ids),
        name: 'dpj-other',
        clusterName: 'dpj-other-cluster',
      }),
      '- clusterName: no EKS cluster dpj-other-cluster',
    ],
    [
      'subnet that does not exist',
      ids => ({
        ...productionInput(ids),
        privateSubnetIds: [ids[0], 'subnet-0123456789abcdef0', ids[2]],
      }),
      '- privateSubnetIds[1]: subnet subnet-0123456789abcdef0 does not exist',
    ],
    [
      'node role that does not exist',
      ids => ({
        ...productionInput(ids),
        nodeRoleArn: 'arn:aws:iam::333333333333:role/missing-node-role',
      }),
      '- nodeRoleArn: role arn:aws:iam::333333333333:role/missing-node-role does not exist',
    ],
  ];

  it.each(preflightCases)(
    '%s: InputError from the read-only preflight, no mutating call',
    async (_name, input, expected) => {
      await expect(
        nodegroupAction(fixture.aws).handler(
          actionContext({ input: input(subnetIds) as any }),
        ),
      ).rejects.toThrow(expected);
      expect(
        (await fixture.calls()).filter(c => isMutating(c.operation)),
      ).toEqual([]);
    },
  );

  it('an instance type not offered in a zone: InputError naming nodeGroups[i].instanceTypes[j]', async () => {
    const aws = withoutOffering(fixture.aws, 'c6i.xlarge', 'eu-west-3c');
    const error = await nodegroupAction(aws)
      .handler(actionContext({ input: productionInput(subnetIds) }))
      .then(
        () => undefined,
        e => e as Error,
      );
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(
      '- nodeGroups[1].instanceTypes[2]: c6i.xlarge is not offered in eu-west-3c',
    );
    expect(error?.message).toContain(
      '- nodeGroups[2].instanceTypes[2]: c6i.xlarge is not offered in eu-west-3c',
    );
    const calls = await fixture.calls();
    expect(calls.filter(c => isMutating(c.operation))).toEqual([]);
    expect(calls.map(c => c.operation)).toContain(
      'DescribeInstanceTypeOfferings',
    );
  });

  // Last: it removes a role the other cases need.
  it("a storage driver's role the cluster step did not make: InputError naming it, before any change", async () => {
    const RoleName = 'dpj-prod-cluster-efs-csi-role';
    await clients.iam.send(
      new DetachRolePolicyCommand({
        RoleName,
        PolicyArn:
          'arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy',
      }),
    );
    await clients.iam.send(new DeleteRoleCommand({ RoleName }));
    await fixture.clearCalls();
    await expect(
      nodegroupAction(fixture.aws).handler(
        actionContext({ input: productionInput(subnetIds) }),
      ),
    ).rejects.toThrow(
      '- nodeRoleArn: role arn:aws:iam::333333333333:role/dpj-prod-cluster-efs-csi-role (aws-efs-csi-driver) does not exist beside the node role',
    );
    expect(
      (await fixture.calls()).filter(c => isMutating(c.operation)),
    ).toEqual([]);
  });
});
