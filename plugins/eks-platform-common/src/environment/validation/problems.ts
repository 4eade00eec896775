/**
 * What validation reports: one entry per problem, addressed by the field's
 * path in the spec so a form can show it next to the right input.
 */

/**
 * Stable identifiers of the checks. Forms and tests match on these; the
 * messages may be reworded freely.
 */
export const VALIDATION_RULE_IDS = [
  // structure of untrusted input
  'required',
  'type',
  'enum',
  // identity and ownership
  'name-format',
  'cluster-name-format',
  'owner-ref',
  'cost-center',
  'account-id',
  // placement
  'region-known',
  'az-in-region',
  'az-distinct',
  'az-count',
  'az-count-production',
  'kubernetes-version-syntax',
  'kubernetes-version-supported',
  'kubernetes-version-end-of-life',
  // network
  'cidr-syntax',
  'cidr-host-bits',
  'vpc-prefix',
  'subnet-prefix',
  'subnet-count',
  'subnet-in-vpc',
  'subnet-overlap',
  'nat-production',
  'endpoint-access-none',
  'endpoint-public-open',
  'endpoint-public-environment',
  'endpoint-public-cidr-broad',
  'endpoint-public-cidr-reserved',
  'endpoint-public-cidr-count',
  'endpoint-production-private',
  // node groups
  'node-groups-empty',
  'node-group-name-format',
  'node-group-name-unique',
  'node-group-sizes',
  'node-group-max-nodes',
  'capacity-type',
  'instance-types-empty',
  'instance-types-limit',
  'instance-types-unique',
  'instance-type-known',
  'instance-types-shape',
  'disk-size',
  'label-key',
  'label-key-reserved',
  'label-value',
  'taint-key',
  'taint-value',
  'taint-count',
  // tags and GitOps
  'tag-count',
  'tag-key',
  'tag-value',
  'tag-reserved-prefix',
  'gitops-repo-url',
  'gitops-branch',
  'gitops-path',
  // capacity
  'ip-capacity',
] as const;

/** Checks of a change to a running environment, beyond those of its spec. */
export const CHANGE_RULE_IDS = [
  'node-group-exists',
  'node-group-active',
] as const;

export type ValidationRuleId =
  | (typeof VALIDATION_RULE_IDS)[number]
  | (typeof CHANGE_RULE_IDS)[number];

export interface ValidationProblem {
  /** Field path in the spec: "network.privateSubnetCidrs[2]", "nodeGroups[1].instanceTypes[0]", 'tags["aws:x"]'. */
  path: string;
  message: string;
  rule: ValidationRuleId;
}

export function problem(
  path: string,
  rule: ValidationRuleId,
  message: string,
): ValidationProblem {
  return { path, rule, message };
}

/** "network" + "vpcCidr" gives "network.vpcCidr"; the root has an empty path. */
export function fieldPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Map keys are quoted because tag and label keys contain dots, slashes and colons. */
export function entryPath(parent: string, key: string): string {
  return `${parent}[${JSON.stringify(key)}]`;
}

/** One line per problem, for logs, InputError messages and task output. */
export function formatProblems(problems: readonly ValidationProblem[]): string {
  if (problems.length === 0) return 'No problems found.';
  const heading =
    problems.length === 1
      ? '1 problem found:'
      : `${problems.length} problems found:`;
  const lines = problems.map(
    p => `- ${p.path || '(spec)'}: ${p.message} [${p.rule}]`,
  );
  return [heading, ...lines].join('\n');
}
