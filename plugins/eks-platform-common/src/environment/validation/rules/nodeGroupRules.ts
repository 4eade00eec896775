/** EKS managed node groups: names, scaling, instance types, disk, labels and taints. */
import {
  describeInstanceType,
  findInstanceType,
  haveSameShape,
  InstanceTypeSpec,
} from '../../../aws/instanceTypes';
import {
  isLabelKeyReservedForKubernetes,
  isValidLabelValue,
  labelKeyProblem,
} from '../../../kubernetes/labels';
import { DEFAULT_MAX_NODES_PER_NODE_GROUP, SpecRule } from '../options';
import {
  entryPath,
  fieldPath,
  indexPath,
  problem,
  ValidationProblem,
} from '../problems';
import type { NodeGroupDraft } from '../readSpec';
import { isValidNodeGroupName } from './identityRules';

/** CreateNodegroup accepts 0 to 20 instance types. */
export const MAX_INSTANCE_TYPES_PER_NODE_GROUP = 20;
/** Root volume bounds: 20 GiB is the EKS default and a sane floor; 16 TiB is the gp3 maximum. */
export const DISK_SIZE_GIB_RANGE = { min: 20, max: 16384 } as const;
/** EKS allows at most 50 taints per managed node group. */
export const MAX_TAINTS_PER_NODE_GROUP = 50;

/** Runs `check` on every node group that could be read, with its path. */
function eachGroup(
  groups: Array<NodeGroupDraft | undefined> | undefined,
  check: (group: NodeGroupDraft, path: string) => ValidationProblem[],
): ValidationProblem[] {
  return (groups ?? []).flatMap((group, index) =>
    group ? check(group, indexPath('nodeGroups', index)) : [],
  );
}

export const checkNodeGroupsPresent: SpecRule = ({ nodeGroups }) =>
  nodeGroups?.length === 0
    ? [
        problem(
          'nodeGroups',
          'node-groups-empty',
          'add at least one node group: a cluster without nodes cannot run add-ons or workloads',
        ),
      ]
    : [];

export const checkNodeGroupNames: SpecRule = ({ nodeGroups }) => {
  const seen = new Set<string>();
  return eachGroup(nodeGroups, ({ name }, path) => {
    if (name === undefined) return [];
    const namePath = fieldPath(path, 'name');
    const problems: ValidationProblem[] = [];
    if (!isValidNodeGroupName(name)) {
      problems.push(
        problem(
          namePath,
          'node-group-name-format',
          `node group name "${name}" must be 1 to 63 characters of letters, digits, "-" and "_", starting with a letter or digit`,
        ),
      );
    }
    if (seen.has(name)) {
      problems.push(
        problem(
          namePath,
          'node-group-name-unique',
          `node group name "${name}" is used twice`,
        ),
      );
    }
    seen.add(name);
    return problems;
  });
};

export const checkNodeGroupScaling: SpecRule = ({ nodeGroups }, options) => {
  const quota =
    options.maxNodesPerNodeGroup ?? DEFAULT_MAX_NODES_PER_NODE_GROUP;
  return eachGroup(nodeGroups, ({ minSize, desiredSize, maxSize }, path) => {
    const problems: ValidationProblem[] = [];
    const sizes = (message: string, key: string) =>
      problems.push(problem(fieldPath(path, key), 'node-group-sizes', message));
    if (minSize !== undefined && minSize < 0)
      sizes(`minSize must be 0 or more, got ${minSize}`, 'minSize');
    if (maxSize !== undefined && maxSize < 1)
      sizes(`maxSize must be at least 1, got ${maxSize}`, 'maxSize');
    if (
      minSize !== undefined &&
      desiredSize !== undefined &&
      desiredSize < minSize
    ) {
      sizes(
        `desiredSize ${desiredSize} is below minSize ${minSize}`,
        'desiredSize',
      );
    }
    if (
      desiredSize !== undefined &&
      maxSize !== undefined &&
      desiredSize > maxSize
    ) {
      sizes(
        `desiredSize ${desiredSize} is above maxSize ${maxSize}`,
        'desiredSize',
      );
    }
    if (minSize !== undefined && maxSize !== undefined && minSize > maxSize) {
      sizes(`minSize ${minSize} is above maxSize ${maxSize}`, 'minSize');
    }
    if (maxSize !== undefined && maxSize > quota) {
      problems.push(
        problem(
          fieldPath(path, 'maxSize'),
          'node-group-max-nodes',
          `maxSize ${maxSize} exceeds the ${quota} nodes a managed node group may hold (EKS quota "Nodes per managed node group"); split the group or raise the quota`,
        ),
      );
    }
    return problems;
  });
};

export const checkNodeGroupInstanceTypes: SpecRule = ({ nodeGroups }) =>
  eachGroup(nodeGroups, ({ instanceTypes }, path) => {
    if (!instanceTypes) return [];
    const listPath = fieldPath(path, 'instanceTypes');
    const problems: ValidationProblem[] = [];
    if (instanceTypes.length === 0) {
      problems.push(
        problem(
          listPath,
          'instance-types-empty',
          'list at least one instance type',
        ),
      );
    }
    if (instanceTypes.length > MAX_INSTANCE_TYPES_PER_NODE_GROUP) {
      problems.push(
        problem(
          listPath,
          'instance-types-limit',
          `EKS accepts at most ${MAX_INSTANCE_TYPES_PER_NODE_GROUP} instance types per node group, got ${instanceTypes.length}`,
        ),
      );
    }
    const seen = new Set<string>();
    let reference: InstanceTypeSpec | undefined;
    instanceTypes.forEach((name, index) => {
      if (name === undefined) return;
      const typePath = indexPath(listPath, index);
      if (seen.has(name)) {
        problems.push(
          problem(
            typePath,
            'instance-types-unique',
            `instance type ${name} is listed twice`,
          ),
        );
        return;
      }
      seen.add(name);
      const spec = findInstanceType(name);
      if (!spec) {
        problems.push(
          problem(
            typePath,
            'instance-type-known',
            `instance type "${name}" is not in the platform's instance type table`,
          ),
        );
        return;
      }
      // The cluster autoscaler sizes a group from one of its types, so all must be interchangeable.
      if (!reference) {
        reference = spec;
      } else if (!haveSameShape(reference, spec)) {
        problems.push(
          problem(
            typePath,
            'instance-types-shape',
            `${describeInstanceType(spec)} differs from ${describeInstanceType(
              reference,
            )}: the instance types of one node group must share vCPU and memory; put other shapes in their own node group`,
          ),
        );
      }
    });
    return problems;
  });

export const checkNodeGroupDisk: SpecRule = ({ nodeGroups }) =>
  eachGroup(nodeGroups, ({ diskSizeGiB }, path) =>
    diskSizeGiB === undefined ||
    (diskSizeGiB >= DISK_SIZE_GIB_RANGE.min &&
      diskSizeGiB <= DISK_SIZE_GIB_RANGE.max)
      ? []
      : [
          problem(
            fieldPath(path, 'diskSizeGiB'),
            'disk-size',
            `diskSizeGiB must be between ${DISK_SIZE_GIB_RANGE.min} and ${DISK_SIZE_GIB_RANGE.max}, got ${diskSizeGiB}`,
          ),
        ],
  );

export const checkNodeLabelsAndTaints: SpecRule = ({ nodeGroups }) =>
  eachGroup(nodeGroups, ({ labels, taints }, path) => {
    const problems: ValidationProblem[] = [];
    for (const [key, value] of Object.entries(labels ?? {})) {
      const labelPath = entryPath(fieldPath(path, 'labels'), key);
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) {
        problems.push(
          problem(labelPath, 'label-key', `label key "${key}": ${keyProblem}`),
        );
      } else if (isLabelKeyReservedForKubernetes(key)) {
        problems.push(
          problem(
            labelPath,
            'label-key-reserved',
            `label key "${key}" is in a namespace reserved for Kubernetes (kubernetes.io, k8s.io): nodes may not set it themselves; use node.kubernetes.io/ or your own prefix`,
          ),
        );
      }
      if (!isValidLabelValue(value, { allowEmpty: false })) {
        problems.push(
          problem(
            labelPath,
            'label-value',
            `label value "${value}" must be 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
          ),
        );
      }
    }
    const taintsPath = fieldPath(path, 'taints');
    if (taints && taints.length > MAX_TAINTS_PER_NODE_GROUP) {
      problems.push(
        problem(
          taintsPath,
          'taint-count',
          `EKS allows at most ${MAX_TAINTS_PER_NODE_GROUP} taints per node group, got ${taints.length}`,
        ),
      );
    }
    taints?.forEach((taint, index) => {
      const taintPath = indexPath(taintsPath, index);
      const keyProblem =
        taint?.key === undefined ? undefined : labelKeyProblem(taint.key);
      if (keyProblem) {
        problems.push(
          problem(
            fieldPath(taintPath, 'key'),
            'taint-key',
            `taint key "${taint?.key}": ${keyProblem}`,
          ),
        );
      }
      if (
        taint?.value !== undefined &&
        !isValidLabelValue(taint.value, { allowEmpty: true })
      ) {
        problems.push(
          problem(
            fieldPath(taintPath, 'value'),
            'taint-value',
            `taint value "${taint.value}" must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
          ),
        );
      }
    });
    return problems;
  });
