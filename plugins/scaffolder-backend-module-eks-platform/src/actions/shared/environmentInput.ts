/**
 * The environment fields every eks-platform action takes, and the one function that turns
 * them into an `EnvironmentSpec`: the plan action and the provisioning actions build the
 * identical spec from the same input, and reject it with the same messages.
 */
import { InputError } from '@backstage/errors';
import {
  availabilityZonesOf,
  DEFAULT_REGION,
  EnvironmentName,
  ENVIRONMENTS,
  EnvironmentSpec,
  defaultCreatableVersion,
  DEFAULT_KUBERNETES_VERSION,
  versionListFromTable,
  presetFor,
  validateEnvironmentSpec,
} from '@internal/plugin-eks-platform-common';

import { environmentInputSchema } from './environmentInputSchema';

export {
  environmentInputSchema,
  provisioningInputSchema,
} from './environmentInputSchema';
export type { Zod } from './environmentInputSchema';

export interface NodeGroupSize {
  minSize?: number;
  desiredSize?: number;
  maxSize?: number;
}

export interface EnvironmentInput {
  environment: EnvironmentName;
  owner: string;
  account: string;
  name?: string;
  region?: string;
  kubernetesVersion?: string;
  availabilityZones?: string[];
  network?: {
    vpcCidr: string;
    publicSubnetCidrs: string[];
    privateSubnetCidrs: string[];
  };
  nodeGroupSizes?: Record<string, NodeGroupSize>;
}

/** The preset's node groups with the sizes the form chose; sizes left out keep the preset's. */
function sizedNodeGroups(
  nodeGroups: EnvironmentSpec['nodeGroups'],
  sizes: EnvironmentInput['nodeGroupSizes'],
): EnvironmentSpec['nodeGroups'] {
  if (!sizes || typeof sizes !== 'object') return nodeGroups;
  return nodeGroups.map(group => {
    const given: unknown = sizes[group.name];
    const size: NodeGroupSize =
      typeof given === 'object' && given !== null ? given : {};
    return {
      ...group,
      ...Object.fromEntries(
        (['minSize', 'desiredSize', 'maxSize'] as const)
          .filter(key => size[key] !== undefined && size[key] !== null)
          .map(key => [key, size[key]]),
      ),
    };
  });
}

const SIZE_KEYS = ['minSize', 'desiredSize', 'maxSize'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The shapes of the form's address plan and sizes, which the preset would otherwise mask. */
function formFieldShapeProblems(input: EnvironmentInput): InputProblem[] {
  const problems: InputProblem[] = [];
  const network: unknown = input.network;
  if (network !== undefined) {
    if (!isPlainObject(network)) {
      problems.push({
        path: 'network',
        rule: 'type',
        message:
          'network must be an object with vpcCidr, publicSubnetCidrs and privateSubnetCidrs',
      });
    } else {
      if (typeof network.vpcCidr !== 'string') {
        problems.push({
          path: 'network.vpcCidr',
          rule: 'required',
          message: 'network.vpcCidr is required and must be a CIDR block',
        });
      }
      for (const list of ['publicSubnetCidrs', 'privateSubnetCidrs']) {
        const value = network[list];
        if (
          !Array.isArray(value) ||
          value.some(item => typeof item !== 'string')
        ) {
          problems.push({
            path: `network.${list}`,
            rule: 'required',
            message: `network.${list} is required and must be a list of CIDR blocks, one per availability zone`,
          });
        }
      }
      for (const key of Object.keys(network)) {
        if (
          !['vpcCidr', 'publicSubnetCidrs', 'privateSubnetCidrs'].includes(key)
        ) {
          problems.push({
            path: `network.${key}`,
            rule: 'unknown-field',
            message: `network has no field '${key}'`,
          });
        }
      }
    }
  }
  const sizes: unknown = input.nodeGroupSizes;
  if (isPlainObject(sizes)) {
    for (const [group, size] of Object.entries(sizes)) {
      if (!isPlainObject(size)) {
        problems.push({
          path: `nodeGroupSizes.${group}`,
          rule: 'type',
          message: `nodeGroupSizes.${group} must be an object of minSize, desiredSize and maxSize`,
        });
        continue;
      }
      for (const key of Object.keys(size)) {
        if (!SIZE_KEYS.includes(key)) {
          problems.push({
            path: `nodeGroupSizes.${group}.${key}`,
            rule: 'unknown-field',
            message: `a node group size has minSize, desiredSize and maxSize, not '${key}'`,
          });
        }
      }
    }
  }
  return problems;
}

/** Sizes given for node groups the preset does not have. */
function unknownNodeGroupProblems(
  input: EnvironmentInput,
  spec: EnvironmentSpec,
): InputProblem[] {
  const sizes = input.nodeGroupSizes;
  if (sizes === undefined) return [];
  if (typeof sizes !== 'object' || sizes === null || Array.isArray(sizes)) {
    return [
      {
        path: 'nodeGroupSizes',
        rule: 'type',
        message: 'nodeGroupSizes must map node group names to sizes',
      },
    ];
  }
  const known = spec.nodeGroups.map(group => group.name);
  return Object.keys(sizes)
    .filter(name => !known.includes(name))
    .map(name => ({
      path: `nodeGroupSizes.${name}`,
      rule: 'known-node-group',
      message: `the ${
        spec.environment
      } preset has no node group '${name}' (it has ${known.join(', ')})`,
    }));
}

/**
 * A problem with an action's input. Environment problems come from
 * `validateEnvironmentSpec` (their `path` is the spec field, which is also the input
 * field for the top-level ones); actions add their own for their extra fields.
 */
export interface InputProblem {
  path: string;
  message: string;
  rule?: string;
}

/**
 * The spec an environment input describes. Never throws: whatever is wrong is left to `validateEnvironmentInput`.
 */
export function environmentSpecFrom(
  input: EnvironmentInput,
  options: { today: Date; rollbackOnFailure?: boolean },
): EnvironmentSpec {
  // Only a default: the cluster action asks EKS (DescribeClusterVersions) for its own.
  const defaultVersion =
    defaultCreatableVersion(versionListFromTable(options.today, '')) ??
    DEFAULT_KUBERNETES_VERSION;
  const region = input.region || DEFAULT_REGION;
  const preset = presetFor(input.environment);
  const spec = presetFor(input.environment, {
    owner: input.owner,
    account: input.account,
    region,
    availabilityZones: input.availabilityZones?.length
      ? input.availabilityZones
      : availabilityZonesOf(region).slice(0, 3),
    network:
      typeof input.network === 'object' && input.network !== null
        ? { ...preset.network, ...input.network }
        : preset.network,
    nodeGroups: sizedNodeGroups(preset.nodeGroups, input.nodeGroupSizes),
    ...(input.name ? { name: input.name } : {}),
    kubernetesVersion: input.kubernetesVersion || defaultVersion,
    // The preset's owner tag names the preset's owner: tag what the form chose instead.
    tags: {
      ...preset.tags,
      ...(typeof input.owner === 'string' ? { owner: input.owner } : {}),
    },
    ...(options.rollbackOnFailure !== undefined
      ? { rollbackOnFailure: options.rollbackOnFailure }
      : {}),
  });
  return spec;
}

/** Field-typed checks the template engine does from the JSON schema; the handler repeats them. */
function inputShapeProblems(
  input: Record<string, unknown>,
  extraBooleans: string[],
): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!ENVIRONMENTS.includes(input.environment as EnvironmentName)) {
    problems.push({
      path: 'environment',
      rule: 'enum',
      message: `environment must be one of ${ENVIRONMENTS.join(
        ', ',
      )}, got ${JSON.stringify(input.environment)}`,
    });
  }
  for (const field of ['owner', 'account']) {
    if (typeof input[field] !== 'string') {
      problems.push({
        path: field,
        rule: 'required',
        message: `${field} is required and must be a string`,
      });
    }
  }
  for (const field of ['name', 'region', 'kubernetesVersion']) {
    if (input[field] !== undefined && typeof input[field] !== 'string') {
      problems.push({
        path: field,
        rule: 'type',
        message: `${field} must be a string`,
      });
    }
  }
  for (const field of extraBooleans) {
    if (input[field] !== undefined && typeof input[field] !== 'boolean') {
      problems.push({
        path: field,
        rule: 'type',
        message: `${field} must be true or false, got ${JSON.stringify(
          input[field],
        )}`,
      });
    }
  }
  return problems;
}

/** The format of `formatProblems`, for spec problems and the action's own alike. */
function formatInputProblems(problems: readonly InputProblem[]): string {
  const heading =
    problems.length === 1
      ? '1 problem found:'
      : `${problems.length} problems found:`;
  return [
    heading,
    ...problems.map(
      p =>
        `- ${p.path || '(spec)'}: ${p.message}${p.rule ? ` [${p.rule}]` : ''}`,
    ),
  ].join('\n');
}

/** Throws one `InputError` listing every problem with its field path. */
export function throwIfProblems(
  environment: unknown,
  problems: readonly InputProblem[],
): void {
  if (problems.length === 0) return;
  const label = ENVIRONMENTS.includes(environment as EnvironmentName)
    ? `The ${environment} environment`
    : 'The environment';
  throw new InputError(
    `${label} is not valid:\n${formatInputProblems(problems)}`,
  );
}

/**
 * Builds the spec from an action's input and validates all of it, with the action's own
 * checks of its extra fields, before anything else happens. Throws an `InputError` naming
 * each field at fault; makes no call to AWS.
 */
export function validateEnvironmentInput(
  input: EnvironmentInput & { rollbackOnFailure?: boolean },
  options: {
    today: Date;
    /** Boolean fields of the action beyond the environment's. */
    extraBooleans?: string[];
    /** The action's checks of its own fields, given the spec when it could be built. */
    extraProblems?: (spec: EnvironmentSpec) => InputProblem[];
  },
): EnvironmentSpec {
  const shape = inputShapeProblems(
    input as unknown as Record<string, unknown>,
    options.extraBooleans ?? [],
  );
  if (shape.some(p => p.path === 'environment')) {
    throwIfProblems(input.environment, shape);
  }
  const spec = environmentSpecFrom(input, {
    today: options.today,
    rollbackOnFailure:
      typeof input.rollbackOnFailure === 'boolean'
        ? input.rollbackOnFailure
        : undefined,
  });
  const problems: InputProblem[] = [
    ...shape,
    ...validateEnvironmentSpec(spec, { today: options.today }).filter(
      // A field of the wrong type is reported once, by the shape check.
      p => !shape.some(s => s.path === p.path),
    ),
    ...formFieldShapeProblems(input),
    ...unknownNodeGroupProblems(input, spec),
    ...(options.extraProblems?.(spec) ?? []),
  ];
  throwIfProblems(input.environment, problems);
  return spec;
}

/** The fields that name an existing environment, for the day-2 actions' schemas. */
export const environmentTargetSchema = {
  environment: environmentInputSchema.environment,
  owner: environmentInputSchema.owner,
  account: environmentInputSchema.account,
  name: environmentInputSchema.name,
  region: environmentInputSchema.region,
};

/** The environment a day-2 action names, validated as the create actions validate it. */
export function validateEnvironmentTarget(
  input: Pick<
    EnvironmentInput,
    'environment' | 'owner' | 'account' | 'name' | 'region'
  >,
  today: Date,
  extraProblems?: () => InputProblem[],
): EnvironmentSpec {
  const { environment, owner, account, name, region } = input;
  return validateEnvironmentInput(
    { environment, owner, account, name, region },
    { today, extraProblems },
  );
}
