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
  DescribeClusterCommand,
  EKSClient,
} from '@aws-sdk/client-eks';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { InputError } from '@backstage/errors';
import {
  ADDONS_AFTER_NODES,
  controllerIdentityOfAddon,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import { unlessMissing } from '../cluster/clusterClients';
import { addonVersionFor } from '../../resources/cluster';
import { awsErrorCode } from '../shared/awsErrors';
import type { InputProblem } from '../shared/environmentInput';
import { throwIfProblems } from '../shared/environmentInput';
import type { StepInventory } from '../../engine/inventory';
import {
  CLUSTER_NAME_FIELD,
  NODE_ROLE_FIELD,
  SUBNETS_FIELD,
} from './nodegroupPlan';

const problem = (
  path: string,
  rule: string,
  message: string,
): InputProblem => ({
  path,
  rule,
  message,
});

export interface PreflightResult {
  cluster: Cluster;
  subnets: Subnet[];
  /** Add-on name → the version for the cluster's Kubernetes version (its default). */
  addonVersions: Map<string, string>;
  /** Node key → ARN of the controllers' roles the add-ons give their service accounts. */
  controllerRoleArns: Record<string, string>;
}

/** The subnets that exist, and the indexes of those that do not. */
async function readSubnets(
  ec2: EC2Client,
  ids: string[],
): Promise<{ subnets: Subnet[]; missing: number[] }> {
  const isMissing = (error: unknown) =>
    awsErrorCode(error) === 'InvalidSubnetID.NotFound';
  try {
    const { Subnets = [] } = await ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: ids }),
    );
    return { subnets: Subnets, missing: [] };
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  // One is missing: find which, one at a time.
  const each = await Promise.all(
    ids.map(id =>
      ec2.send(new DescribeSubnetsCommand({ SubnetIds: [id] })).then(
        r => r.Subnets ?? [],
        error => {
          if (!isMissing(error)) throw error;
          return undefined;
        },
      ),
    ),
  );
  return {
    subnets: each.flatMap(found => found ?? []),
    missing: each.flatMap((found, index) => (found ? [] : [index])),
  };
}

/** The instance type and zone pairs EC2 offers, as `type@zone`. */
async function offeringsOf(
  ec2: EC2Client,
  types: string[],
  zones: string[],
): Promise<Set<string>> {
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
  return offered;
}

/**
 * Read-only checks before anything is created: the cluster exists and is ACTIVE, the
 * subnets exist in its VPC, the node role exists, every instance type of every group is
 * offered in every zone of the subnets, each add-on has a version for the cluster's
 * Kubernetes version, and no node group of the cluster under the spec's names is another's.
 * Independent reads go at the same time: the step is on the environment's critical path.
 * Throws an `InputError` naming the field at fault.
 */
export async function preflightNodegroups(
  clients: { eks: EKSClient; ec2: EC2Client; iam: IAMClient },
  spec: EnvironmentSpec,
  input: { clusterName: string; nodeRoleArn: string; subnetIds: string[] },
  /** What exists under the step's names (`StepInventory.found`). */
  inventory: StepInventory,
): Promise<PreflightResult> {
  const { eks, ec2, iam } = clients;
  const where = `${spec.account}/${spec.region}`;
  const roleName = input.nodeRoleArn.split(':role/')[1]?.split('/').pop();
  // The cluster step makes the add-ons' roles beside the node role, by the graph's names.
  const identities = ADDONS_AFTER_NODES.flatMap(
    addon => controllerIdentityOfAddon(addon) ?? [],
  );
  const controllerRoleArns = Object.fromEntries(
    identities.map(identity => [
      identity.roleKey,
      input.nodeRoleArn.replace(
        /role\/.*$/,
        `role/${input.clusterName}-${identity.roleKey}`,
      ),
    ]),
  );
  const getRole = (RoleName: string | undefined) =>
    unlessMissing(() => iam.send(new GetRoleCommand({ RoleName })));
  const [cluster, { subnets, missing }, role, ...controllerRoles] =
    await Promise.all([
      unlessMissing(() =>
        eks.send(new DescribeClusterCommand({ name: input.clusterName })),
      ).then(r => r?.cluster),
      readSubnets(ec2, input.subnetIds),
      getRole(roleName),
      ...identities.map(i =>
        getRole(controllerRoleArns[i.roleKey].split('/').pop()),
      ),
    ]);
  const problems: InputProblem[] = [];
  if (!cluster) {
    problems.push(
      problem(
        CLUSTER_NAME_FIELD,
        'exists',
        `no EKS cluster ${input.clusterName} in ${where}: create it first (eks-platform:cluster:create)`,
      ),
    );
  } else if (cluster.status !== 'ACTIVE') {
    problems.push(
      problem(
        CLUSTER_NAME_FIELD,
        'active',
        `cluster ${input.clusterName} is ${cluster.status}; node groups need an ACTIVE cluster`,
      ),
    );
  }
  for (const index of missing) {
    problems.push(
      problem(
        `${SUBNETS_FIELD}[${index}]`,
        'exists',
        `subnet ${input.subnetIds[index]} does not exist in ${where}`,
      ),
    );
  }
  const clusterVpc = cluster?.resourcesVpcConfig?.vpcId;
  input.subnetIds.forEach((id, index) => {
    const subnet = subnets.find(s => s.SubnetId === id);
    if (subnet && clusterVpc && subnet.VpcId !== clusterVpc) {
      problems.push(
        problem(
          `${SUBNETS_FIELD}[${index}]`,
          'vpc',
          `subnet ${id} is in ${subnet.VpcId}, not in the cluster's VPC ${clusterVpc}`,
        ),
      );
    }
  });
  if (!role) {
    problems.push(
      problem(
        NODE_ROLE_FIELD,
        'exists',
        `role ${input.nodeRoleArn} does not exist: create it first (eks-platform:cluster:create creates it)`,
      ),
    );
  } else {
    identities.forEach((identity, index) => {
      if (controllerRoles[index]) return;
      problems.push(
        problem(
          NODE_ROLE_FIELD,
          'controller-role',
          `role ${controllerRoleArns[identity.roleKey]} (${
            identity.addon
          }) does not exist beside the node role: eks-platform:cluster:create makes it; run it again for a cluster it created before it did`,
        ),
      );
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
  const version = cluster?.version;
  const [offered, versions] = await Promise.all([
    offeringsOf(ec2, types, zones),
    Promise.all(
      ADDONS_AFTER_NODES.map(addon =>
        version ? addonVersionFor(clients, addon, version) : undefined,
      ),
    ),
  ]);
  spec.nodeGroups.forEach((group, i) =>
    group.instanceTypes.forEach((type, j) => {
      const notOffered = zones.filter(zone => !offered.has(`${type}@${zone}`));
      if (notOffered.length) {
        problems.push(
          problem(
            `nodeGroups[${i}].instanceTypes[${j}]`,
            'offered',
            `${type} is not offered in ${notOffered.join(
              ', ',
            )}: pick an instance type offered in every zone of the node group`,
          ),
        );
      }
    }),
  );

  const foreign = inventory
    .ofKind('eks-nodegroup')
    .filter(r => r.environment !== spec.name)
    .map(r => r.id);
  for (const name of spec.nodeGroups.map(g => g.name)) {
    if (foreign.includes(name)) {
      problems.push(
        problem(
          'nodeGroups',
          'unique',
          `cluster ${input.clusterName} already has a node group ${name} that does not belong to environment ${spec.name}`,
        ),
      );
    }
  }

  const addonVersions = new Map<string, string>();
  ADDONS_AFTER_NODES.forEach((addon, index) => {
    if (!version) return;
    if (versions[index]) addonVersions.set(addon, versions[index]!);
    else {
      problems.push(
        problem(
          CLUSTER_NAME_FIELD,
          'addon-version',
          `EKS reports no ${addon} version for Kubernetes ${version}`,
        ),
      );
    }
  });
  throwIfProblems(spec.environment, problems);
  if (!cluster) throw new InputError(`no cluster ${input.clusterName}`);
  return { cluster, subnets, addonVersions, controllerRoleArns };
}
