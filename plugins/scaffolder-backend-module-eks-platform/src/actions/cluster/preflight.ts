/**
 * Read-only checks of the account before the first change: the Kubernetes version is in
 * standard support as DescribeClusterVersions reports it, the private subnets exist, one per zone of the spec, in one
 * VPC; every before-nodes add-on has a version for that Kubernetes version (the one the
 * cluster will get); what exists under the action's names belongs to this environment.
 */
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import type { Cluster } from '@aws-sdk/client-eks';
import { ConflictError, InputError } from '@backstage/errors';
import {
  ADDONS_BEFORE_NODES,
  creatableVersionProblem,
  EksVersionList,
  EnvironmentSpec,
  ResourceKind,
} from '@internal/plugin-eks-platform-common';
import type { StepInventory } from '../../engine/inventory';
import {
  addonVersionFor,
  CLUSTER_HANDLERS,
  describeCluster,
} from '../../resources/cluster';
import { throwIfProblems, InputProblem } from '../shared/environmentInput';
import { ENVIRONMENT_NAME_TAG } from '../shared/tagging';
import { ClusterClients, isMissing } from './clusterClients';
import { PRIVATE_SUBNETS_FIELD } from './clusterInput';
import { ClusterNames, CONTROL_PLANE_LOG_TYPES } from './clusterPlan';

const NAMED_KINDS: ResourceKind[] = ['iam-role', 'kms-key', 'eks-cluster'];

/** The add-on versions to install: name → version. */
export type AddonVersions = Record<string, string>;

export async function preflightCluster(options: {
  clients: ClusterClients;
  spec: EnvironmentSpec;
  names: ClusterNames;
  privateSubnetIds: string[];
  /** What exists under the step's names, whoever's it is (`StepInventory.found`). */
  inventory: StepInventory;
  /** What DescribeClusterVersions reports now. */
  versions: EksVersionList;
}): Promise<{
  addonVersions: AddonVersions;
  vpcId: string;
  /** The environment's cluster, when it exists (in a state this action can go on from). */
  cluster?: Cluster;
}> {
  const { clients, spec, names, privateSubnetIds, inventory } = options;
  const problems: InputProblem[] = [];

  const versionProblem = creatableVersionProblem(
    spec.kubernetesVersion,
    options.versions,
  );
  if (versionProblem) {
    problems.push({
      path: 'kubernetesVersion',
      rule: 'eks-standard-support',
      message: versionProblem,
    });
  }

  let vpcId = '';
  try {
    const { Subnets = [] } = await clients.ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: privateSubnetIds }),
    );
    const zones = Subnets.map(s => s.AvailabilityZone).sort();
    const expected = [...spec.availabilityZones].sort();
    if (zones.join() !== expected.join()) {
      problems.push({
        path: PRIVATE_SUBNETS_FIELD,
        rule: 'subnet-zones',
        message: `the subnets must be one per availability zone of the environment (${expected.join(
          ', ',
        )}), they are in ${zones.join(', ')}`,
      });
    }
    const vpcs = new Set(Subnets.map(s => s.VpcId));
    if (vpcs.size > 1) {
      problems.push({
        path: PRIVATE_SUBNETS_FIELD,
        rule: 'subnet-vpc',
        message: `the subnets must be in one VPC, they are in ${[...vpcs].join(
          ', ',
        )}`,
      });
    }
    vpcId = Subnets[0]?.VpcId ?? '';
  } catch (error) {
    if (!isMissing(error)) throw error;
    problems.push({
      path: PRIVATE_SUBNETS_FIELD,
      rule: 'subnet-exists',
      message: `${(error as Error).message} in ${spec.account}/${spec.region}`,
    });
  }

  const addonVersions: AddonVersions = {};
  if (problems.every(p => p.path !== 'kubernetesVersion')) {
    // One lookup per add-on, at the same time: they are on the cluster's critical path.
    const versions = await Promise.all(
      ADDONS_BEFORE_NODES.map(addon =>
        addonVersionFor(clients, addon, spec.kubernetesVersion),
      ),
    );
    for (const [index, addon] of ADDONS_BEFORE_NODES.entries()) {
      const version = versions[index];
      if (!version) {
        problems.push({
          path: 'kubernetesVersion',
          rule: 'addon-version',
          message: `EKS reports no version of the ${addon} add-on for Kubernetes ${spec.kubernetesVersion}`,
        });
      } else addonVersions[addon] = version;
    }
  }
  throwIfProblems(spec.environment, problems);

  // Names are account-wide (IAM) or regional (EKS, KMS aliases): never take over a
  // resource of another environment or of a person. (What is inside the cluster is the
  // cluster's.)
  const foreign = inventory.resources
    .filter(r => NAMED_KINDS.includes(r.kind) && r.environment !== spec.name)
    .map(r => `${CLUSTER_HANDLERS[r.kind]!.label} ${r.label}`);
  if (foreign.length > 0) {
    throw new ConflictError(
      `${foreign.join(
        ', ',
      )} already exist(s) without the tag ${ENVIRONMENT_NAME_TAG}=${
        spec.name
      }: they belong to something else. Choose another environment name, or delete them.`,
    );
  }
  const cluster = await describeCluster(clients.eks, names.cluster);
  if (cluster?.status === 'FAILED') {
    throw new ConflictError(
      `EKS cluster ${cluster.name} exists in state FAILED: destroy the environment (or delete the cluster) before creating it again`,
    );
  }
  if (cluster && cluster.version !== spec.kubernetesVersion) {
    throw new InputError(
      `kubernetesVersion: EKS cluster ${cluster.name} already exists with Kubernetes ${cluster.version}, not ${spec.kubernetesVersion}; upgrades are not this action's job`,
    );
  }
  if (cluster) {
    const drift = securityDriftOf(cluster);
    if (drift.length > 0) {
      throw new ConflictError(
        `EKS cluster ${cluster.name} of ${
          spec.name
        } exists with weaker settings than this action creates: ${drift.join(
          '; ',
        )}. Fix them (or destroy the environment) before running this action again; it does not reuse such a cluster.`,
      );
    }
  }
  return { addonVersions, vpcId, cluster };
}

/**
 * What makes an existing cluster of the environment less secure than the one this action
 * would create: reused as it is, it would pass for a compliant one.
 */
export function securityDriftOf(cluster: Cluster): string[] {
  const drift: string[] = [];
  const vpc = cluster.resourcesVpcConfig ?? {};
  if (vpc.endpointPrivateAccess !== true) drift.push('private endpoint off');
  if (
    vpc.endpointPublicAccess === true &&
    (vpc.publicAccessCidrs ?? []).some(c => c === '0.0.0.0/0' || c === '::/0')
  ) {
    drift.push('public endpoint open to the internet');
  }
  if (
    !(cluster.encryptionConfig ?? []).some(e =>
      e.resources?.includes('secrets'),
    )
  ) {
    drift.push('secrets not encrypted with a KMS key');
  }
  if (cluster.accessConfig?.authenticationMode !== 'API') {
    drift.push(
      `authentication mode ${cluster.accessConfig?.authenticationMode} instead of API`,
    );
  }
  const logged = new Set(
    (cluster.logging?.clusterLogging ?? [])
      .filter(l => l.enabled)
      .flatMap(l => l.types ?? []),
  );
  const missing = CONTROL_PLANE_LOG_TYPES.filter(t => !logged.has(t));
  if (missing.length > 0) {
    drift.push(`control-plane logs ${missing.join(', ')} off`);
  }
  return drift;
}
