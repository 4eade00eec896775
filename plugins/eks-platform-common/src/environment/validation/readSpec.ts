/**
 * Turns untrusted input into a SpecDraft: the same shape as EnvironmentSpec
 * where every field is present only if it had the right type. Missing and
 * mistyped fields are reported here, once, at their exact path.
 */
import {
  CAPACITY_TYPES,
  ENVIRONMENTS,
  EnvironmentName,
  GitOpsSpec,
  NAT_GATEWAY_MODES,
  NatGatewayMode,
  NODE_GROUP_ROLES,
  NodeGroupSpec,
  NodeTaint,
  TAINT_EFFECTS,
} from '../types';
import { describeValue, InputReader, Items } from './inputReader';
import { fieldPath, problem, ValidationProblem } from './problems';

export type { Items } from './inputReader';

export interface NetworkDraft {
  vpcCidr?: string;
  publicSubnetCidrs?: Items<string>;
  privateSubnetCidrs?: Items<string>;
  natGateways?: NatGatewayMode;
}

export interface EndpointAccessDraft {
  private?: boolean;
  public?: boolean;
  publicAccessCidrs?: Items<string>;
}

export type TaintDraft = Partial<NodeTaint>;

export interface NodeGroupDraft
  extends Partial<Omit<NodeGroupSpec, 'instanceTypes' | 'taints'>> {
  instanceTypes?: Items<string>;
  taints?: Items<TaintDraft>;
}

export interface SpecDraft {
  name?: string;
  environment?: EnvironmentName;
  owner?: string;
  costCenter?: string;
  account?: string;
  region?: string;
  availabilityZones?: Items<string>;
  kubernetesVersion?: string;
  network?: NetworkDraft;
  endpointAccess?: EndpointAccessDraft;
  nodeGroups?: Items<NodeGroupDraft>;
  tags?: Record<string, string>;
  gitops?: Partial<GitOpsSpec>;
  rollbackOnFailure?: boolean;
}

const CAPACITY_TYPE_EXPLANATION =
  'must be ON_DEMAND or SPOT: one managed node group cannot mix them, ' +
  'so split it into an ON_DEMAND group and a SPOT group';

function readNetwork(
  reader: InputReader,
  value: unknown,
): NetworkDraft | undefined {
  const path = 'network';
  const network = reader.object(value, path);
  if (!network) return undefined;
  return {
    vpcCidr: reader.string(network.vpcCidr, fieldPath(path, 'vpcCidr')),
    publicSubnetCidrs: reader.stringList(
      network.publicSubnetCidrs,
      fieldPath(path, 'publicSubnetCidrs'),
    ),
    privateSubnetCidrs: reader.stringList(
      network.privateSubnetCidrs,
      fieldPath(path, 'privateSubnetCidrs'),
    ),
    natGateways: reader.oneOf(
      network.natGateways,
      fieldPath(path, 'natGateways'),
      NAT_GATEWAY_MODES,
    ),
  };
}

function readEndpointAccess(
  reader: InputReader,
  value: unknown,
): EndpointAccessDraft | undefined {
  const path = 'endpointAccess';
  const access = reader.object(value, path);
  if (!access) return undefined;
  return {
    private: reader.boolean(access.private, fieldPath(path, 'private')),
    public: reader.boolean(access.public, fieldPath(path, 'public')),
    publicAccessCidrs: reader.stringList(
      access.publicAccessCidrs,
      fieldPath(path, 'publicAccessCidrs'),
    ),
  };
}

function readTaint(
  reader: InputReader,
  value: unknown,
  path: string,
): TaintDraft | undefined {
  const taint = reader.object(value, path);
  if (!taint) return undefined;
  return {
    key: reader.string(taint.key, fieldPath(path, 'key')),
    value: reader.optionalString(taint.value, fieldPath(path, 'value')),
    effect: reader.oneOf(
      taint.effect,
      fieldPath(path, 'effect'),
      TAINT_EFFECTS,
    ),
  };
}

function readNodeGroup(
  reader: InputReader,
  value: unknown,
  path: string,
): NodeGroupDraft | undefined {
  const group = reader.object(value, path);
  if (!group) return undefined;
  const at = (key: string) => fieldPath(path, key);
  return {
    name: reader.string(group.name, at('name')),
    role: reader.oneOf(group.role, at('role'), NODE_GROUP_ROLES),
    instanceTypes: reader.stringList(group.instanceTypes, at('instanceTypes')),
    capacityType: reader.oneOf(
      group.capacityType,
      at('capacityType'),
      CAPACITY_TYPES,
      {
        rule: 'capacity-type',
        explain: `${at('capacityType')} ${CAPACITY_TYPE_EXPLANATION}`,
      },
    ),
    minSize: reader.integer(group.minSize, at('minSize')),
    desiredSize: reader.integer(group.desiredSize, at('desiredSize')),
    maxSize: reader.integer(group.maxSize, at('maxSize')),
    diskSizeGiB: reader.integer(group.diskSizeGiB, at('diskSizeGiB')),
    labels: reader.stringMap(group.labels, at('labels')),
    taints: reader.list(group.taints, at('taints'), (item, itemPath) =>
      readTaint(reader, item, itemPath),
    ),
  };
}

function readGitOps(
  reader: InputReader,
  value: unknown,
): Partial<GitOpsSpec> | undefined {
  const path = 'gitops';
  const gitops = reader.object(value, path);
  if (!gitops) return undefined;
  return {
    repoUrl: reader.string(gitops.repoUrl, fieldPath(path, 'repoUrl')),
    branch: reader.string(gitops.branch, fieldPath(path, 'branch')),
    path: reader.string(gitops.path, fieldPath(path, 'path')),
  };
}

export function readSpec(input: unknown): {
  draft: SpecDraft;
  problems: ValidationProblem[];
} {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const message = `the environment spec must be an object, got ${describeValue(
      input,
    )}`;
    return { draft: {}, problems: [problem('', 'type', message)] };
  }
  const spec = input as Record<string, unknown>;
  const reader = new InputReader();

  const draft: SpecDraft = {
    name: reader.string(spec.name, 'name'),
    environment: reader.oneOf(spec.environment, 'environment', ENVIRONMENTS),
    owner: reader.string(spec.owner, 'owner'),
    costCenter: reader.string(spec.costCenter, 'costCenter'),
    account: reader.string(spec.account, 'account'),
    region: reader.string(spec.region, 'region'),
    availabilityZones: reader.stringList(
      spec.availabilityZones,
      'availabilityZones',
    ),
    kubernetesVersion: reader.string(
      spec.kubernetesVersion,
      'kubernetesVersion',
    ),
    network: readNetwork(reader, spec.network),
    endpointAccess: readEndpointAccess(reader, spec.endpointAccess),
    nodeGroups: reader.list(spec.nodeGroups, 'nodeGroups', (item, itemPath) =>
      readNodeGroup(reader, item, itemPath),
    ),
    tags: reader.stringMap(spec.tags, 'tags'),
    gitops: readGitOps(reader, spec.gitops),
    rollbackOnFailure: reader.boolean(
      spec.rollbackOnFailure,
      'rollbackOnFailure',
    ),
  };
  return { draft, problems: reader.problems };
}
