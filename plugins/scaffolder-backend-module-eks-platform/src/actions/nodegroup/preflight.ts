/**
 * The node group action's read-only checks before any mutating call: the cluster, the
 * subnets, the node role, the instance type offerings, the add-on versions, and node
 * groups of the cluster's that are not this environment's.
 */
import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  Subnet,
} from '@aws-sdk/client-ec2';
import {
  Cluster,
  DescribeAddonVersionsCommand,
  DescribeClusterCommand,
  EKSClient,
} from '@aws-sdk/client-eks';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { InputError } from '@backstage/errors';
import {
  ADDONS_AFTER_NODES,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import { awsErrorCode } from '../shared/awsErrors';
import type { InputProblem } from '../shared/environmentInput';
import { throwIfProblems } from '../shared/environmentInput';
import type { StepInventory } from '../../engine/inventory';
import {
  CLUSTER_NAME_FIELD,
  NODE_ROLE_FIELD,
  SUBNETS_FIELD,
} from './nodegroupPlan';

const notFound = (error: unknown) =>
  awsErrorCode(error) === 'ResourceNotFoundException' ||
  (awsErrorCode(error) ?? '').endsWith('NotFound');

export interface PreflightResult {
  cluster: Cluster;
  subnets: Subnet[];
  /** Add-on name → the default version for the cluster's Kubernetes version. */
  addonVersions: Map<string, string>;
}

/**
 * Read-only checks before anything is created: the cluster exists and is ACTIVE, the
 * subnets exist in its VPC, the node role exists, every instance type of every group is
 * offered in every zone of the subnets, and each add-on has a default version for the
 * cluster's Kubernetes version. Throws an `InputError` naming the field at fault.
 */
export async function preflightNodegroups(
  clients: { eks: EKSClient; ec2: EC2Client; iam: IAMClient },
  spec: EnvironmentSpec,
  input: { clusterName: string; nodeRoleArn: string; subnetIds: string[] },
  /** What exists under the step's names (`StepInventory.found`). */
  inventory: StepInventory,
): Promise<PreflightResult> {
  const { eks, ec2, iam } = clients;
  const problems: InputProblem[] = [];
  let cluster: Cluster | undefined;
  try {
    cluster = (
      await eks.send(new DescribeClusterCommand({ name: input.clusterName }))
    ).cluster;
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  if (!cluster) {
    problems.push({
      path: CLUSTER_NAME_FIELD,
      rule: 'exists',
      message: `no EKS cluster ${input.clusterName} in ${spec.account}/${spec.region}: create it first (eks-platform:cluster:create)`,
    });
  } else if (cluster.status !== 'ACTIVE') {
    problems.push({
      path: CLUSTER_NAME_FIELD,
      rule: 'active',
      message: `cluster ${input.clusterName} is ${cluster.status}; node groups need an ACTIVE cluster`,
    });
  }

  let subnets: Subnet[] = [];
  try {
    subnets =
      (
        await ec2.send(
          new DescribeSubnetsCommand({ SubnetIds: input.subnetIds }),
        )
      ).Subnets ?? [];
  } catch (error) {
    if (awsErrorCode(error) !== 'InvalidSubnetID.NotFound') throw error;
    // Find which ones are missing, one at a time.
    for (const [index, id] of input.subnetIds.entries()) {
      try {
        const found = await ec2.send(
          new DescribeSubnetsCommand({ SubnetIds: [id] }),
        );
        subnets.push(...(found.Subnets ?? []));
      } catch (inner) {
        if (awsErrorCode(inner) !== 'InvalidSubnetID.NotFound') throw inner;
        problems.push({
          path: `${SUBNETS_FIELD}[${index}]`,
          rule: 'exists',
          message: `subnet ${id} does not exist in ${spec.account}/${spec.region}`,
        });
      }
    }
  }
  const clusterVpc = cluster?.resourcesVpcConfig?.vpcId;
  input.subnetIds.forEach((id, index) => {
    const subnet = subnets.find(s => s.SubnetId === id);
    if (subnet && clusterVpc && subnet.VpcId !== clusterVpc) {
      problems.push({
        path: `${SUBNETS_FIELD}[${index}]`,
        rule: 'vpc',
        message: `subnet ${id} is in ${subnet.VpcId}, not in the cluster's VPC ${clusterVpc}`,
      });
    }
  });

  const roleName = input.nodeRoleArn.split(':role/')[1]?.split('/').pop();
  try {
    await iam.send(new GetRoleCommand({ RoleName: roleName }));
  } catch (error) {
    if (
      !['NoSuchEntity', 'NoSuchEntityException'].includes(
        awsErrorCode(error) ?? '',
      )
    ) {
      throw error;
    }
    problems.push({
      path: NODE_ROLE_FIELD,
      rule: 'exists',
      message: `role ${input.nodeRoleArn} does not exist: create it first (eks-platform:cluster:create creates it)`,
    });
  }

  // The zones the nodes run in: those of the subnets, else the spec's.
  const zones = [
    ...new Set(
      subnets.length
        ? subnets.map(s => s.AvailabilityZone!)
        : spec.availabilityZones,
    ),
  ];
  const types = [...new Set(spec.nodeGroups.flatMap(g => g.instanceTypes))];
  const offered = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        LocationType: 'availability-zone',
        Filters: [
          { Name: 'instance-type', Values: types },
          { Name: 'location', Values: zones },
        ],
        NextToken: nextToken,
      }),
    );
    for (const offering of page.InstanceTypeOfferings ?? []) {
      offered.add(`${offering.InstanceType}@${offering.Location}`);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  spec.nodeGroups.forEach((group, i) =>
    group.instanceTypes.forEach((type, j) => {
      const missing = zones.filter(zone => !offered.has(`${type}@${zone}`));
      if (missing.length) {
        problems.push({
          path: `nodeGroups[${i}].instanceTypes[${j}]`,
          rule: 'offered',
          message: `${type} is not offered in ${missing.join(
            ', ',
          )}: pick an instance type offered in every zone of the node group`,
        });
      }
    }),
  );

  const foreign = inventory
    .ofKind('eks-nodegroup')
    .filter(r => r.environment !== spec.name)
    .map(r => r.id);
  for (const name of spec.nodeGroups.map(g => g.name)) {
    if (foreign.includes(name)) {
      problems.push({
        path: 'nodeGroups',
        rule: 'unique',
        message: `cluster ${input.clusterName} already has a node group ${name} that does not belong to environment ${spec.name}`,
      });
    }
  }

  const addonVersions = new Map<string, string>();
  if (cluster?.version) {
    for (const addonName of ADDONS_AFTER_NODES) {
      const { addons = [] } = await eks.send(
        new DescribeAddonVersionsCommand({
          addonName,
          kubernetesVersion: cluster.version,
        }),
      );
      const version = addons
        .flatMap(a => a.addonVersions ?? [])
        .find(v =>
          (v.compatibilities ?? []).some(
            c => c.defaultVersion && c.clusterVersion === cluster!.version,
          ),
        )?.addonVersion;
      if (version) addonVersions.set(addonName, version);
      else {
        problems.push({
          path: CLUSTER_NAME_FIELD,
          rule: 'addon-version',
          message: `EKS reports no default ${addonName} version for Kubernetes ${cluster.version}`,
        });
      }
    }
  }
  throwIfProblems(spec.environment, problems);
  if (!cluster) throw new InputError(`no cluster ${input.clusterName}`);
  return { cluster, subnets, addonVersions };
}
