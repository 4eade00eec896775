import {
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVolumeCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DetachInternetGatewayCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DeletePodIdentityAssociationCommand,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import { awsError } from '../services/ec2/testSandbox';
import { useSeededSandbox } from './__testUtils__/seededSandbox';

describe('AWS resources that Kubernetes made, in the seeded dpj-dev account', () => {
  const t = useSeededSandbox();

  async function devVpc() {
    const { Vpcs } = await t.ec2.send(
      new DescribeVpcsCommand({
        Filters: [{ Name: 'tag:Name', Values: ['dpj-dev-vpc'] }],
      }),
    );
    return Vpcs![0].VpcId!;
  }

  async function theLoadBalancer() {
    const { LoadBalancers } = await t.elb.send(
      new DescribeLoadBalancersCommand({}),
    );
    expect(LoadBalancers).toHaveLength(1);
    return LoadBalancers![0];
  }

  it("lists the Ingress's load balancer, target group and tags as the controller makes them", async () => {
    const vpcId = await devVpc();
    const lb = await theLoadBalancer();
    expect(lb).toMatchObject({
      LoadBalancerName: expect.stringMatching(/^k8s-dpj-dpjweb-[0-9a-f]{10}$/),
      Scheme: 'internet-facing',
      Type: 'application',
      VpcId: vpcId,
      State: { Code: 'active' },
    });
    expect(lb.AvailabilityZones).toHaveLength(3);
    const { TagDescriptions } = await t.elb.send(
      new DescribeTagsCommand({ ResourceArns: [lb.LoadBalancerArn!] }),
    );
    expect(TagDescriptions![0].Tags).toEqual(
      expect.arrayContaining([
        { Key: 'elbv2.k8s.aws/cluster', Value: 'dpj-dev-cluster' },
        { Key: 'ingress.k8s.aws/stack', Value: 'dpj/dpj-web' },
      ]),
    );
    const { TargetGroups } = await t.elb.send(
      new DescribeTargetGroupsCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    expect(TargetGroups).toEqual([
      expect.objectContaining({ TargetType: 'ip', Port: 8080, VpcId: vpcId }),
    ]);
    const { NetworkInterfaces } = await t.ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
      }),
    );
    expect(NetworkInterfaces).toHaveLength(3);
    expect(NetworkInterfaces![0]).toMatchObject({
      Description: expect.stringMatching(/^ELB app\/k8s-dpj-dpjweb-/),
      RequesterManaged: true,
      Association: { PublicIp: expect.any(String) },
    });
    const { SecurityGroups } = await t.ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'tag:elbv2.k8s.aws/cluster', Values: ['dpj-dev-cluster'] },
        ],
      }),
    );
    expect(SecurityGroups!.map(g => g.GroupName).sort()).toEqual([
      expect.stringMatching(/^k8s-dpj-dpjweb-/),
      expect.stringMatching(/^k8s-traffic-dpj-dev-cluster-/),
    ]);
  });

  it('refuses to delete the subnets, groups, gateway and VPC they hold, as EC2 does', async () => {
    const vpcId = await devVpc();
    const { NetworkInterfaces } = await t.ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
      }),
    );
    const eni = NetworkInterfaces![0];
    await expect(
      t.ec2.send(new DeleteSubnetCommand({ SubnetId: eni.SubnetId })),
    ).rejects.toMatchObject(
      awsError(
        'DependencyViolation',
        `The subnet '${eni.SubnetId}' has dependencies and cannot be deleted.`,
      ),
    );
    await expect(
      t.ec2.send(
        new DeleteSecurityGroupCommand({ GroupId: eni.Groups![0].GroupId }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'DependencyViolation',
        `resource ${eni.Groups![0].GroupId} has a dependent object`,
      ),
    );
    const { InternetGateways } = await t.ec2.send(
      new DescribeInternetGatewaysCommand({
        Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }],
      }),
    );
    await expect(
      t.ec2.send(
        new DetachInternetGatewayCommand({
          InternetGatewayId: InternetGateways![0].InternetGatewayId,
          VpcId: vpcId,
        }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'DependencyViolation',
        `Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
      ),
    );
    await expect(
      t.ec2.send(new DeleteVpcCommand({ VpcId: vpcId })),
    ).rejects.toMatchObject({ name: 'DependencyViolation' });
  });

  it('keeps the target group while a listener uses it, and the interfaces a while after the load balancer', async () => {
    const lb = await theLoadBalancer();
    const { TargetGroups } = await t.elb.send(
      new DescribeTargetGroupsCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    const targetGroupArn = TargetGroups![0].TargetGroupArn!;
    await expect(
      t.elb.send(
        new DeleteTargetGroupCommand({ TargetGroupArn: targetGroupArn }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceInUseException' });

    await t.elb.send(
      new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    // Deleting it again succeeds, as ELB documents.
    await t.elb.send(
      new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    await t.elb.send(
      new DeleteTargetGroupCommand({ TargetGroupArn: targetGroupArn }),
    );
    await expect(
      t.elb.send(
        new DescribeLoadBalancersCommand({
          LoadBalancerArns: [lb.LoadBalancerArn!],
        }),
      ),
    ).rejects.toMatchObject({ name: 'LoadBalancerNotFoundException' });

    const subnetId = lb.AvailabilityZones![0].SubnetId!;
    const interfacesIn = async () =>
      (
        await t.ec2.send(
          new DescribeNetworkInterfacesCommand({
            Filters: [{ Name: 'subnet-id', Values: [subnetId] }],
          }),
        )
      ).NetworkInterfaces!;
    expect(await interfacesIn()).toHaveLength(1);
    t.advanceAwsSeconds(119);
    expect(await interfacesIn()).toHaveLength(1);
    t.advanceAwsSeconds(2);
    expect(await interfacesIn()).toHaveLength(0);
    const frontend = lb.SecurityGroups![0];
    await t.ec2.send(new DeleteSecurityGroupCommand({ GroupId: frontend }));
    const { Subnets } = await t.ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: [subnetId] }),
    );
    expect(Subnets).toHaveLength(1);
  });

  it("makes the claims' volumes, attached while the cluster runs nodes", async () => {
    const { Volumes } = await t.ec2.send(
      new DescribeVolumesCommand({
        Filters: [
          {
            Name: 'tag:kubernetes.io/cluster/dpj-dev-cluster',
            Values: ['owned'],
          },
        ],
      }),
    );
    expect(Volumes!.map(v => [v.Size, v.State, v.VolumeType]).sort()).toEqual([
      [20, 'in-use', 'gp3'],
      [50, 'in-use', 'gp3'],
    ]);
    expect(Volumes![0].Tags).toEqual(
      expect.arrayContaining([
        { Key: 'ebs.csi.aws.com/cluster', Value: 'true' },
        { Key: 'environment', Value: 'dev' },
      ]),
    );
    await expect(
      t.ec2.send(new DeleteVolumeCommand({ VolumeId: Volumes![0].VolumeId })),
    ).rejects.toMatchObject(
      awsError(
        'VolumeInUse',
        new RegExp(
          `^Volume ${Volumes![0].VolumeId} is currently attached to i-`,
        ),
      ),
    );
  });

  it('makes nothing for a controller without credentials, and says why', async () => {
    const { eks } = t;
    const { associations = [] } = await eks.send(
      new ListPodIdentityAssociationsCommand({
        clusterName: 'dpj-dev-cluster',
      }),
    );
    for (const { associationId, serviceAccount } of associations) {
      if (serviceAccount === 'aws-node') continue;
      await eks.send(
        new DeletePodIdentityAssociationCommand({
          clusterName: 'dpj-dev-cluster',
          associationId,
        }),
      );
    }
    const response = await fetch(`${t.sandbox.url}/_sandbox/workloads`, {
      method: 'PUT',
      body: JSON.stringify({
        accountId: '111111111111',
        region: 'eu-west-3',
        clusterName: 'dpj-dev-cluster',
        ingresses: [
          {
            namespace: 'shop',
            name: 'storefront',
            scheme: 'internet-facing',
            serviceName: 'storefront',
            servicePort: 80,
          },
        ],
        volumeClaims: [{ namespace: 'shop', name: 'data-0', sizeGiB: 10 }],
      }),
    });
    expect(await response.json()).toEqual({
      deployed: {},
      pending: [
        {
          object: 'PersistentVolumeClaim shop/data-0',
          reason:
            "kube-system/ebs-csi-controller-sa has no AWS credentials: no Pod Identity association or IRSA role gives it a role, and pods cannot use the node's",
        },
        {
          object: 'Ingress shop/storefront',
          reason: expect.stringMatching(
            /^kube-system\/aws-load-balancer-controller has no AWS credentials/,
          ),
        },
      ],
    });
    expect(
      (await t.elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers,
    ).toHaveLength(1);
  });
});
