/**
 * What the node group action creates, derived from the spec with no I/O: per node group a
 * launch template (IMDSv2 required, hop limit 1, encrypted gp3 root volume) and a managed
 * node group of one capacity type; then the add-ons that need nodes.
 */
import type { RequestLaunchTemplateData } from '@aws-sdk/client-ec2';
import type { CreateNodegroupRequest, Taint } from '@aws-sdk/client-eks';
import {
  EnvironmentSpec,
  NodeGroupSpec,
  NodeUpdateConfig,
  validateEnvironmentSpec,
  clusterName as environmentClusterName,
} from '@internal/plugin-eks-platform-common';
import type { InputProblem } from '../shared/environmentInput';
import { componentTags, TagMap, toTagList } from '../shared/tagging';

export const CLUSTER_NAME_FIELD = 'clusterName';
export const NODE_ROLE_FIELD = 'nodeRoleArn';
export const SUBNETS_FIELD = 'privateSubnetIds';
export const NODE_GROUPS_FIELD = 'nodeGroups';

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const SUBNET_ID = /^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** The root volume device of the EKS-optimized Amazon Linux AMIs. */
export const ROOT_DEVICE = '/dev/xvda';

export const launchTemplateComponent = (group: string) =>
  `launch-template-${group}`;
export const nodegroupComponent = (group: string) => `nodegroup-${group}`;

/** Launch template name, as `planEnvironment` lists it: `<cluster>-<group>`. */
export function launchTemplateName(cluster: string, group: string): string {
  return `${cluster}-${group}`;
}

export interface NodegroupActionInput {
  clusterName?: unknown;
  nodeRoleArn?: unknown;
  privateSubnetIds?: unknown;
  nodeGroups?: unknown;
}

/**
 * Problems of the action's own fields, given the spec; also validates a `nodeGroups`
 * override with the environment rules (shapes, sizes, names, taints).
 */
export function nodegroupInputProblems(
  input: NodegroupActionInput,
  spec: EnvironmentSpec,
  today: Date,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const { clusterName, nodeRoleArn, privateSubnetIds, nodeGroups } = input;
  if (typeof clusterName !== 'string' || clusterName === '') {
    problems.push({
      path: CLUSTER_NAME_FIELD,
      rule: 'required',
      message: 'clusterName is required: the EKS cluster the node groups join',
    });
  } else if (!CLUSTER_NAME.test(clusterName)) {
    problems.push({
      path: CLUSTER_NAME_FIELD,
      rule: 'format',
      message: `"${clusterName}" is not an EKS cluster name (1-100 letters, digits, hyphens and underscores, starting with a letter or digit)`,
    });
  } else if (clusterName !== environmentClusterName(spec)) {
    // Permission is decided on the environment: its node groups join its own cluster only.
    problems.push({
      path: CLUSTER_NAME_FIELD,
      rule: 'environment-cluster',
      message: `clusterName must be the cluster of environment ${
        spec.name
      } (${environmentClusterName(spec)}), got "${clusterName}"`,
    });
  }
  if (typeof nodeRoleArn !== 'string') {
    problems.push({
      path: NODE_ROLE_FIELD,
      rule: 'required',
      message: 'nodeRoleArn is required: the IAM role the nodes run with',
    });
  } else {
    const match = ROLE_ARN.exec(nodeRoleArn);
    if (!match) {
      problems.push({
        path: NODE_ROLE_FIELD,
        rule: 'format',
        message: `"${nodeRoleArn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
      });
    } else if (match[1] !== spec.account) {
      problems.push({
        path: NODE_ROLE_FIELD,
        rule: 'account',
        message: `the role belongs to account ${match[1]}, not to the environment's account ${spec.account}`,
      });
    }
  }
  if (
    !Array.isArray(privateSubnetIds) ||
    privateSubnetIds.some(id => typeof id !== 'string')
  ) {
    problems.push({
      path: SUBNETS_FIELD,
      rule: 'required',
      message:
        'privateSubnetIds is required: a list of subnet ids, one private subnet per availability zone',
    });
  } else {
    const ids = privateSubnetIds as string[];
    if (ids.length !== spec.availabilityZones.length) {
      problems.push({
        path: SUBNETS_FIELD,
        rule: 'count',
        message: `give one private subnet per availability zone (${spec.availabilityZones.join(
          ', ',
        )}): ${spec.availabilityZones.length} ids, got ${ids.length}`,
      });
    }
    ids.forEach((id, index) => {
      if (!SUBNET_ID.test(id)) {
        problems.push({
          path: `${SUBNETS_FIELD}[${index}]`,
          rule: 'format',
          message: `"${id}" is not a subnet id (subnet- and 8 or 17 hexadecimal digits)`,
        });
      } else if (ids.indexOf(id) !== index) {
        problems.push({
          path: `${SUBNETS_FIELD}[${index}]`,
          rule: 'unique',
          message: `subnet ${id} is listed twice`,
        });
      }
    });
  }
  if (nodeGroups !== undefined) {
    if (!Array.isArray(nodeGroups)) {
      problems.push({
        path: NODE_GROUPS_FIELD,
        rule: 'type',
        message: 'nodeGroups must be a list of node groups',
      });
    } else {
      const overridden = {
        ...spec,
        nodeGroups: nodeGroups as NodeGroupSpec[],
      };
      problems.push(
        ...validateEnvironmentSpec(overridden, {
          today,
        }).filter(p => p.path.startsWith(NODE_GROUPS_FIELD)),
      );
    }
  }
  return problems;
}

/** Launch template data: IMDSv2 only, one hop, encrypted gp3 root volume, tagged instances and volumes. */
export function launchTemplateData(
  group: NodeGroupSpec,
  tags: TagMap,
): RequestLaunchTemplateData {
  return {
    MetadataOptions: {
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 1,
      HttpEndpoint: 'enabled',
    },
    BlockDeviceMappings: [
      {
        DeviceName: ROOT_DEVICE,
        Ebs: {
          VolumeSize: group.diskSizeGiB,
          VolumeType: 'gp3',
          Encrypted: true,
          DeleteOnTermination: true,
        },
      },
    ],
    TagSpecifications: [
      { ResourceType: 'instance', Tags: toTagList(tags) },
      { ResourceType: 'volume', Tags: toTagList(tags) },
    ],
  };
}

/** Node group tags: the environment's, its role tag and its name. */
export function nodegroupTags(
  base: TagMap,
  cluster: string,
  group: NodeGroupSpec,
): TagMap {
  return componentTags(base, nodegroupComponent(group.name), group.name, {
    'eks-platform:cluster': cluster,
  });
}

export function nodegroupRequest(options: {
  cluster: string;
  group: NodeGroupSpec;
  subnets: string[];
  nodeRoleArn: string;
  launchTemplateId: string;
  tags: TagMap;
  clientRequestToken: string;
  /** The preset's: how many nodes a rolling update replaces at once. */
  updateConfig: NodeUpdateConfig;
}): CreateNodegroupRequest {
  const { group } = options;
  const taints: Taint[] = group.taints.map(t => ({
    key: t.key,
    value: t.value,
    effect: t.effect,
  }));
  return {
    clusterName: options.cluster,
    nodegroupName: group.name,
    capacityType: group.capacityType,
    instanceTypes: [...group.instanceTypes],
    scalingConfig: {
      minSize: group.minSize,
      desiredSize: group.desiredSize,
      maxSize: group.maxSize,
    },
    subnets: options.subnets,
    nodeRole: options.nodeRoleArn,
    launchTemplate: { id: options.launchTemplateId, version: '1' },
    labels: { ...group.labels },
    taints,
    // EKS honours PodDisruptionBudgets within this batch size.
    updateConfig: { ...options.updateConfig },
    clientRequestToken: options.clientRequestToken,
    tags: options.tags,
  };
}
