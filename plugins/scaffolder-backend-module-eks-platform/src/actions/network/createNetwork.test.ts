import {
  DescribeSecurityGroupsCommand,
  DescribeVpcAttributeCommand,
  Tag,
} from '@aws-sdk/client-ec2';
import yaml from 'yaml';
import {
  actionContext,
  CheckpointStore,
  isMutating,
  logLines,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  countNetwork,
  DEV_COUNTS,
  DEV_INPUT,
  networkAction,
  NO_RESOURCES,
  PRODUCTION_COUNTS,
  PRODUCTION_INPUT,
  readNetwork,
} from './__testUtils__/networkTestUtils';

jest.setTimeout(60_000);

const tagsOf = (tags: Tag[] | undefined) =>
  Object.fromEntries((tags ?? []).map(t => [t.Key, t.Value]));

describe('eks-platform:network:create', () => {
  const fixture = useSandboxActionFixture();
  const action = () => networkAction(fixture.aws);

  beforeEach(() => fixture.reset());

  it('creates exactly the production network, each setting as asked', async () => {
    const ctx = actionContext({ input: PRODUCTION_INPUT, taskId: 'task-prod' });
    await action().handler(ctx);

    const ec2 = fixture.ec2('333333333333');
    await fixture.clearCalls();
    expect(await countNetwork(ec2, 'dpj-prod')).toEqual(PRODUCTION_COUNTS);
    const network = await readNetwork(ec2, 'dpj-prod');
    const zones = ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'];

    // Every resource carries the cost-allocation tags and the ones it is found by.
    const everything = [
      ...network.vpcs,
      ...network.subnets,
      ...network.internetGateways,
      ...network.addresses,
      ...network.natGateways,
      ...network.routeTables,
      ...network.flowLogs,
    ];
    for (const resource of everything) {
      expect(tagsOf(resource.Tags)).toMatchObject({
        environment: 'production',
        project: 'dpj',
        'cost-center': 'dpj-platform',
        owner: 'group:default/platform-team',
        'eks-platform:environment-name': 'dpj-prod',
        'eks-platform:task-id': 'task-prod',
        'eks-platform:component': expect.any(String),
        Name: expect.stringMatching(/^dpj-prod-/),
      });
    }

    // VPC with DNS support and hostnames.
    const [vpc] = network.vpcs;
    expect(vpc.CidrBlock).toBe('10.30.0.0/16');
    expect(tagsOf(vpc.Tags).Name).toBe('dpj-prod-vpc');
    const dnsSupport = await ec2.send(
      new DescribeVpcAttributeCommand({
        VpcId: vpc.VpcId,
        Attribute: 'enableDnsSupport',
      }),
    );
    const dnsHostnames = await ec2.send(
      new DescribeVpcAttributeCommand({
        VpcId: vpc.VpcId,
        Attribute: 'enableDnsHostnames',
      }),
    );
    expect(dnsSupport.EnableDnsSupport?.Value).toBe(true);
    expect(dnsHostnames.EnableDnsHostnames?.Value).toBe(true);

    // Subnets: CIDRs, zones, and the load balancer role tags.
    const subnet = (component: string) =>
      network.subnets.find(
        s => tagsOf(s.Tags)['eks-platform:component'] === component,
      )!;
    zones.forEach((zone, index) => {
      const publicSubnet = subnet(`public-subnet-${zone}`);
      expect(publicSubnet).toMatchObject({
        VpcId: vpc.VpcId,
        CidrBlock: `10.30.${index}.0/24`,
        AvailabilityZone: zone,
        MapPublicIpOnLaunch: false,
      });
      expect(tagsOf(publicSubnet.Tags)).toMatchObject({
        Name: `dpj-prod-public-${zone}`,
        'kubernetes.io/role/elb': '1',
      });
      expect(tagsOf(publicSubnet.Tags)).not.toHaveProperty(
        'kubernetes.io/role/internal-elb',
      );
      const privateSubnet = subnet(`private-subnet-${zone}`);
      expect(privateSubnet).toMatchObject({
        VpcId: vpc.VpcId,
        CidrBlock: `10.30.${32 * (index + 1)}.0/19`,
        AvailabilityZone: zone,
      });
      expect(tagsOf(privateSubnet.Tags)).toMatchObject({
        Name: `dpj-prod-private-${zone}`,
        'kubernetes.io/role/internal-elb': '1',
      });
    });

    // Internet gateway attached to the VPC.
    const [gateway] = network.internetGateways;
    expect(gateway.Attachments).toEqual([
      expect.objectContaining({ VpcId: vpc.VpcId }),
    ]);

    // Three NAT gateways, one per zone in its public subnet, each with its own Elastic IP.
    const allocationIds = network.addresses.map(a => a.AllocationId).sort();
    expect(network.natGateways).toHaveLength(3);
    zones.forEach(zone => {
      const nat = network.natGateways.find(
        n => n.SubnetId === subnet(`public-subnet-${zone}`).SubnetId,
      )!;
      expect(nat).toMatchObject({
        State: 'available',
        VpcId: vpc.VpcId,
        ConnectivityType: 'public',
      });
      expect(tagsOf(nat.Tags).Name).toBe(`dpj-prod-nat-${zone}`);
      const address = network.addresses.find(
        a => a.AllocationId === nat.NatGatewayAddresses?.[0]?.AllocationId,
      )!;
      expect(tagsOf(address.Tags)).toMatchObject({
        Name: `dpj-prod-nat-${zone}`,
        'eks-platform:component': `nat-eip-${zone}`,
      });
    });
    expect(
      network.natGateways
        .map(n => n.NatGatewayAddresses?.[0]?.AllocationId)
        .sort(),
    ).toEqual(allocationIds);

    // Route tables: one public to the internet gateway, one private per zone to its NAT.
    const table = (component: string) =>
      network.routeTables.find(
        t => tagsOf(t.Tags)['eks-platform:component'] === component,
      )!;
    const defaultRoute = (component: string) =>
      table(component).Routes?.find(
        r => r.DestinationCidrBlock === '0.0.0.0/0',
      );
    const associated = (component: string) =>
      (table(component).Associations ?? []).map(a => a.SubnetId).sort();
    expect(defaultRoute('public-route-table')).toMatchObject({
      GatewayId: gateway.InternetGatewayId,
      State: 'active',
    });
    expect(associated('public-route-table')).toEqual(
      zones.map(zone => subnet(`public-subnet-${zone}`).SubnetId).sort(),
    );
    zones.forEach(zone => {
      const nat = network.natGateways.find(
        n => n.SubnetId === subnet(`public-subnet-${zone}`).SubnetId,
      )!;
      expect(defaultRoute(`private-route-table-${zone}`)).toMatchObject({
        NatGatewayId: nat.NatGatewayId,
        State: 'active',
      });
      expect(associated(`private-route-table-${zone}`)).toEqual([
        subnet(`private-subnet-${zone}`).SubnetId,
      ]);
    });

    // Flow logs of the whole VPC to the given log group, through the given role.
    expect(network.flowLogs).toEqual([
      expect.objectContaining({
        ResourceId: vpc.VpcId,
        TrafficType: 'ALL',
        LogDestinationType: 'cloud-watch-logs',
        LogDestination:
          'arn:aws:logs:eu-west-3:333333333333:log-group:/dpj/vpc-flow-logs',
        DeliverLogsPermissionArn:
          'arn:aws:iam::333333333333:role/dpj-vpc-flow-logs',
      }),
    ]);

    // The default security group has no rule left.
    const { SecurityGroups = [] } = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpc.VpcId!] },
          { Name: 'group-name', Values: ['default'] },
        ],
      }),
    );
    expect(SecurityGroups).toHaveLength(1);
    expect(SecurityGroups[0].IpPermissions ?? []).toEqual([]);
    expect(SecurityGroups[0].IpPermissionsEgress ?? []).toEqual([]);
    expect(tagsOf(SecurityGroups[0].Tags)).toMatchObject({
      'eks-platform:component': 'default-security-group',
    });

    // Outputs: the ids, subnets in zone order, the public route table first.
    expect(outputOf(ctx, 'vpcId')).toBe(vpc.VpcId);
    expect(outputOf(ctx, 'publicSubnetIds')).toEqual(
      zones.map(zone => subnet(`public-subnet-${zone}`).SubnetId),
    );
    expect(outputOf(ctx, 'privateSubnetIds')).toEqual(
      zones.map(zone => subnet(`private-subnet-${zone}`).SubnetId),
    );
    expect(outputOf(ctx, 'natGatewayIds')).toEqual(
      zones.map(
        zone =>
          network.natGateways.find(
            n => n.SubnetId === subnet(`public-subnet-${zone}`).SubnetId,
          )!.NatGatewayId,
      ),
    );
    expect(outputOf(ctx, 'internetGatewayId')).toBe(gateway.InternetGatewayId);
    expect(outputOf(ctx, 'routeTableIds')).toEqual([
      table('public-route-table').RouteTableId,
      ...zones.map(zone => table(`private-route-table-${zone}`).RouteTableId),
    ]);
    expect(outputOf(ctx, 'flowLogId')).toBe(network.flowLogs[0].FlowLogId);
    expect(outputOf(ctx, 'resources')).toHaveLength(19);

    // The log: a line per resource, and waiting lines with the elapsed time.
    const lines = logLines(ctx.logger);
    expect(lines.filter(l => l.startsWith('Created '))).toHaveLength(19);
    expect(lines).toContain(`Created VPC ${vpc.VpcId} (dpj-prod-vpc)`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Waiting for 3 NAT gateway\(s\) \(nat-.*\) to become available, at most 20s$/,
        ),
        expect.stringMatching(
          /^Still waiting for 3 NAT gateway\(s\) .*: \d+\.\ds elapsed$/,
        ),
        expect.stringMatching(
          /^Done waiting for 3 NAT gateway\(s\) .* after \d+\.\ds$/,
        ),
      ]),
    );
  });

  it('makes exactly the mutating calls the network needs, and reads before the first one', async () => {
    await fixture.clearCalls();
    await action().handler(actionContext({ input: PRODUCTION_INPUT }));
    const calls = await fixture.calls();
    const mutating = calls.filter(c => isMutating(c.operation));
    const count: Record<string, number> = {};
    for (const call of mutating) {
      count[call.operation] = (count[call.operation] ?? 0) + 1;
    }
    expect(count).toEqual({
      CreateVpc: 1,
      // A new VPC has DNS support on already: only hostnames are turned on.
      ModifyVpcAttribute: 1,
      RevokeSecurityGroupIngress: 1,
      RevokeSecurityGroupEgress: 1,
      CreateTags: 1,
      CreateFlowLogs: 1,
      CreateSubnet: 6,
      CreateInternetGateway: 1,
      AttachInternetGateway: 1,
      CreateRouteTable: 4,
      CreateRoute: 4,
      AssociateRouteTable: 6,
      AllocateAddress: 3,
      CreateNatGateway: 3,
    });
    // The preflight reads come first: zones, account attributes and quota counts.
    const firstMutation = calls.findIndex(c => isMutating(c.operation));
    expect(calls.slice(0, firstMutation).map(c => c.operation)).toEqual(
      expect.arrayContaining([
        'DescribeAvailabilityZones',
        'DescribeAccountAttributes',
        'DescribeAddresses',
        'DescribeVpcs',
      ]),
    );
    expect(mutating.every(c => c.status === 200)).toBe(true);
    // Only a read may fail: for a moment after CreateNatGateway EC2 may not know the
    // gateway yet (NatGatewayNotFound), and the NAT gateway waiter asks again.
    expect(
      calls
        .filter(c => c.status !== 200)
        .map(c => `${c.operation} ${c.status}`),
    ).toEqual(
      calls
        .filter(c => c.status !== 200)
        .map(() => expect.stringMatching(/^DescribeNatGateways 400$/)),
    );
  });

  it('creates nothing when the same task runs again, with or without its checkpoints', async () => {
    const checkpoints = new CheckpointStore();
    const first = actionContext({ input: PRODUCTION_INPUT, checkpoints });
    await action().handler(first);

    await fixture.clearCalls();
    const resumed = actionContext({ input: PRODUCTION_INPUT, checkpoints });
    await action().handler(resumed);
    expect(
      (await fixture.calls()).filter(c => isMutating(c.operation)),
    ).toEqual([]);
    expect(outputOf(resumed, 'vpcId')).toBe(outputOf(first, 'vpcId'));
    expect(
      logLines(resumed.logger).filter(l =>
        l.endsWith('from an earlier run of this task'),
      ),
    ).toHaveLength(19);

    // Checkpoints lost: every resource is found again by its tags.
    await fixture.clearCalls();
    const fresh = actionContext({ input: PRODUCTION_INPUT });
    await action().handler(fresh);
    expect(
      (await fixture.calls()).filter(c => isMutating(c.operation)),
    ).toEqual([]);
    expect(outputOf(fresh, 'natGatewayIds')).toEqual(
      outputOf(first, 'natGatewayIds'),
    );
    expect(
      logLines(fresh.logger).filter(l => l.endsWith('found by its tags')),
    ).toHaveLength(19);
    expect(await countNetwork(fixture.ec2('333333333333'), 'dpj-prod')).toEqual(
      PRODUCTION_COUNTS,
    );
  });

  it('still converges with 10% throttling and 2% server errors', async () => {
    await fixture.faults({
      settings: { throttleRate: 0.1, serverErrorRate: 0.02 },
      seed: 7,
    });
    const ctx = actionContext({ input: PRODUCTION_INPUT });
    await action().handler(ctx);
    const calls = await fixture.calls();
    await fixture.faults({ settings: { throttleRate: 0, serverErrorRate: 0 } });

    // The faults did happen, and were ridden out by the SDK's retries.
    expect(calls.some(c => c.status === 400)).toBe(true);
    expect(calls.some(c => c.status === 500)).toBe(true);
    expect(await countNetwork(fixture.ec2('333333333333'), 'dpj-prod')).toEqual(
      PRODUCTION_COUNTS,
    );
    expect(outputOf(ctx, 'natGatewayIds')).toHaveLength(3);
  });

  it('rolls a failed dev network back, leaving nothing tagged', async () => {
    await fixture.faults({
      scripted: [
        {
          service: 'ec2',
          operation: 'CreateRoute',
          code: 'UnauthorizedOperation',
          message: 'You are not authorized to perform this operation.',
          status: 403,
          times: 10,
        },
      ],
    });
    const ctx = actionContext({ input: DEV_INPUT, taskId: 'task-dev' });
    const error = await action()
      .handler(ctx)
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toMatchObject({ name: 'NetworkCreateError' });
    expect(error.message).toMatch(
      /^Creating the network of dpj-dev in 111111111111\/eu-west-3 failed at step "public-route-table\.default-route": UnauthorizedOperation: You are not authorized/,
    );
    // Everything the run created before the failure, whatever ran beside the failed step.
    const created = logLines(ctx.logger).filter(l => l.startsWith('Created '));
    expect(created.length).toBeGreaterThanOrEqual(10);
    expect(error.message).toMatch(
      new RegExp(`Rolled back: deleted the ${created.length} resource\\(s\\)`),
    );
    expect(await countNetwork(fixture.ec2('111111111111'), 'dpj-dev')).toEqual(
      NO_RESOURCES,
    );
    const lines = logLines(ctx.logger);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Deleted VPC vpc-\w+ \(dpj-dev-vpc\)$/),
        expect.stringMatching(
          /^Deleted subnet subnet-\w+ \(dpj-dev-private-eu-west-3c\)$/,
        ),
        expect.stringMatching(
          /^Deleted internet gateway igw-\w+ \(dpj-dev-igw\)$/,
        ),
      ]),
    );
  });

  it('rolls back NAT gateways and their Elastic IPs, waiting for the deletion', async () => {
    const checkpoints = new CheckpointStore();
    checkpoints.abortAtKey =
      'network.private-route-table-eu-west-3a.default-route';
    const ctx = actionContext({ input: DEV_INPUT, checkpoints });
    const error = await action()
      .handler(ctx)
      .then(
        () => undefined,
        e => e,
      );
    expect(error.message).toMatch(
      /failed at step "private-route-table-eu-west-3a\.default-route": simulated abort/,
    );
    const created = logLines(ctx.logger).filter(l => l.startsWith('Created '));
    expect(created).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Created NAT gateway nat-\w+ /),
        expect.stringMatching(/^Created Elastic IP eipalloc-\w+ /),
      ]),
    );
    expect(error.message).toContain(
      `Rolled back: deleted the ${created.length} resource(s)`,
    );
    expect(await countNetwork(fixture.ec2('111111111111'), 'dpj-dev')).toEqual(
      NO_RESOURCES,
    );
    const lines = logLines(ctx.logger);
    const natDeleted = lines.findIndex(l =>
      /^Done waiting for 1 NAT gateway\(s\) \(nat-\w+\) to be deleted/.test(l),
    );
    const addressReleased = lines.findIndex(l =>
      /^Deleted Elastic IP eipalloc-\w+ \(dpj-dev-nat-eu-west-3a\)$/.test(l),
    );
    expect(natDeleted).toBeGreaterThan(0);
    expect(addressReleased).toBeGreaterThan(natDeleted);
  });

  it('keeps a failed production network and names what exists', async () => {
    await fixture.faults({
      scripted: [
        {
          service: 'ec2',
          operation: 'CreateNatGateway',
          code: 'NatGatewayLimitExceeded',
          message:
            'The maximum number of NAT Gateways has been reached for eu-west-3b.',
          times: 1,
        },
      ],
    });
    const ctx = actionContext({ input: PRODUCTION_INPUT });
    const error = await action()
      .handler(ctx)
      .then(
        () => undefined,
        e => e,
      );
    // The three NAT gateways are created at the same time; the first to ask is refused.
    expect(error.message).toMatch(
      /failed at step "nat-gateway-eu-west-3[abc]": NatGatewayLimitExceeded: The maximum number of NAT Gateways/,
    );
    expect(error.message).toMatch(/rollbackOnFailure is off/);
    const network = await readNetwork(fixture.ec2('333333333333'), 'dpj-prod');
    for (const id of [
      network.vpcs[0].VpcId,
      ...network.subnets.map(s => s.SubnetId),
      network.internetGateways[0].InternetGatewayId,
      ...network.addresses.map(a => a.AllocationId),
      ...network.natGateways.map(n => n.NatGatewayId),
      network.routeTables[0].RouteTableId,
      network.flowLogs[0].FlowLogId,
    ]) {
      expect(error.message).toContain(id);
    }
    expect(error.message).toContain('VPC');
    expect(error.message).toContain('(dpj-prod-vpc)');
    // The refused one was not made; the two created beside it are kept and named.
    expect(network.natGateways).toHaveLength(2);
  });

  it('makes no mutating call in a dry run and outputs every resource it would create', async () => {
    await fixture.clearCalls();
    const ctx = actionContext({ input: PRODUCTION_INPUT, isDryRun: true });
    await action().handler(ctx);
    const calls = await fixture.calls();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter(c => isMutating(c.operation))).toEqual([]);
    const resources = outputOf(ctx, 'resources');
    expect(resources).toHaveLength(19);
    expect(resources.every((r: any) => r.outcome === 'planned')).toBe(true);
    expect(resources.map((r: { type: string }) => r.type).sort()).toEqual(
      [
        'AWS::EC2::VPC',
        'AWS::EC2::FlowLog',
        ...Array(6).fill('AWS::EC2::Subnet'),
        'AWS::EC2::InternetGateway',
        ...Array(4).fill('AWS::EC2::RouteTable'),
        ...Array(3).fill('AWS::EC2::EIP'),
        ...Array(3).fill('AWS::EC2::NatGateway'),
      ].sort(),
    );
    expect(outputOf(ctx, 'vpcId')).toBe('dry-run:vpc');
    expect(outputOf(ctx, 'summary')).toContain(
      '| AWS::EC2::NatGateway | dpj-prod-nat-eu-west-3b | dry-run:nat-gateway-eu-west-3b |',
    );
    expect(await countNetwork(fixture.ec2('333333333333'), 'dpj-prod')).toEqual(
      NO_RESOURCES,
    );
  });

  it('shows what exists in a dry run of an existing network', async () => {
    const real = actionContext({ input: DEV_INPUT });
    await action().handler(real);
    await fixture.clearCalls();
    const ctx = actionContext({ input: DEV_INPUT, isDryRun: true });
    await action().handler(ctx);
    expect(
      (await fixture.calls()).filter(c => isMutating(c.operation)),
    ).toEqual([]);
    expect(outputOf(ctx, 'vpcId')).toBe(outputOf(real, 'vpcId'));
    expect(
      outputOf(ctx, 'resources').every((r: any) => r.outcome === 'reused'),
    ).toBe(true);
  });

  it('stops before creating anything when the account has no room for the Elastic IPs', async () => {
    // Production's three NAT gateways need three of the five Elastic IPs; dev took one.
    await action().handler(
      actionContext({ input: { ...DEV_INPUT, name: 'other-dev' } }),
    );
    await action().handler(
      actionContext({ input: { ...DEV_INPUT, name: 'third-dev' } }),
    );
    await action().handler(
      actionContext({ input: { ...DEV_INPUT, name: 'fourth-dev' } }),
    );
    await fixture.clearCalls();
    const input = { ...PRODUCTION_INPUT, account: '111111111111' };
    const error = await action()
      .handler(
        actionContext({
          input: {
            ...input,
            flowLogDestinationArn:
              'arn:aws:logs:eu-west-3:111111111111:log-group:/dpj/vpc-flow-logs',
            flowLogDeliveryRoleArn: 'arn:aws:iam::111111111111:role/flow-logs',
          },
        }),
      )
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toMatchObject({ name: 'InputError' });
    expect(error.message).toMatch(
      /- account: account 111111111111 has 3 of its 5 Elastic IPs in eu-west-3 and the 3 NAT gateway\(s\) of the production preset need 3 more/,
    );
    expect(
      (await fixture.calls()).filter(c => isMutating(c.operation)),
    ).toEqual([]);
  });

  it('stops before creating anything when the region has no room for a VPC', async () => {
    const small = networkAction(fixture.aws, { vpcsPerRegion: 1 });
    await small.handler(actionContext({ input: DEV_INPUT }));
    await fixture.clearCalls();
    await expect(
      small.handler(
        actionContext({ input: { ...DEV_INPUT, name: 'payments-dev' } }),
      ),
    ).rejects.toThrow(
      /- account: account 111111111111 has 1 of its 1 VPCs in eu-west-3/,
    );
    expect(
      (await fixture.calls()).filter(c => isMutating(c.operation)),
    ).toEqual([]);
    // The environment that already has its VPC needs no new one.
    await small.handler(actionContext({ input: DEV_INPUT }));
  });

  it('refuses to reuse an environment of the same name with another address plan', async () => {
    await action().handler(actionContext({ input: DEV_INPUT }));
    // The staging preset's plan is 10.20.0.0/16, dev's is 10.10.0.0/16.
    const error = await action()
      .handler(
        actionContext({
          input: { ...DEV_INPUT, environment: 'staging', name: 'dpj-dev' },
        }),
      )
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toMatchObject({ name: 'InputError' });
    expect(error.message).toMatch(
      /- name: an environment named dpj-dev already exists in 111111111111\/eu-west-3 and its VPC vpc-\w+ \(dpj-dev-vpc\) has 10\.10\.0\.0\/16 where this one asks for 10\.20\.0\.0\/16/,
    );
  });

  it('recreates what a rollback removed when the same task is retried', async () => {
    await fixture.faults({
      scripted: [
        {
          service: 'ec2',
          operation: 'AssociateRouteTable',
          code: 'UnauthorizedOperation',
          message: 'You are not authorized to perform this operation.',
          status: 403,
          times: 1,
        },
      ],
    });
    const checkpoints = new CheckpointStore();
    await expect(
      action().handler(
        actionContext({ input: DEV_INPUT, checkpoints, taskId: 'task-r' }),
      ),
    ).rejects.toThrow(/Rolled back/);
    expect(await countNetwork(fixture.ec2('111111111111'), 'dpj-dev')).toEqual(
      NO_RESOURCES,
    );

    // The checkpoints name the deleted VPC and subnets: the retry notices and rebuilds.
    const retry = actionContext({
      input: DEV_INPUT,
      checkpoints,
      taskId: 'task-r',
    });
    await action().handler(retry);
    expect(await countNetwork(fixture.ec2('111111111111'), 'dpj-dev')).toEqual(
      DEV_COUNTS,
    );
    // Each stale checkpoint of a node that depends on nothing is named; the nodes after
    // them run under fresh keys.
    expect(logLines(retry.logger, 'warn').sort()).toEqual(
      ['vpc', 'internet-gateway', 'nat-eip-eu-west-3a']
        .sort()
        .map(key =>
          expect.stringMatching(
            new RegExp(
              `^Checkpoint network\\.${key} of an earlier run names .*, which no longer exists`,
            ),
          ),
        ),
    );
  });

  it.each(action().examples!.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_description, example) => {
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe('eks-platform:network:create');
      const ctx = actionContext({ input: step.input });
      await action().handler(ctx);
      const spec =
        step.input.environment === 'production'
          ? PRODUCTION_COUNTS
          : DEV_COUNTS;
      expect(
        await countNetwork(
          fixture.ec2(step.input.account),
          step.input.name ??
            (step.input.environment === 'production' ? 'dpj-prod' : 'dpj-dev'),
        ),
      ).toEqual(spec);
      expect(outputOf(ctx, 'vpcId')).toMatch(/^vpc-/);
    },
  );
});
