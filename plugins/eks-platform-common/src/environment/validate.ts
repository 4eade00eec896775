/**
 * Validates an environment spec coming from a form or a template before
 * anything is created. Input is untrusted: every problem is returned, each at
 * its field's path, and nothing throws on missing or mistyped fields.
 */
import type { EnvironmentSpec } from './types';
import type { ValidationOptions, SpecRule } from './validation/options';
import type { ValidationProblem } from './validation/problems';
import { readSpec } from './validation/readSpec';
import { checkIpCapacity } from './validation/rules/capacityRules';
import { checkEndpointAccess } from './validation/rules/endpointRules';
import { checkGitOps } from './validation/rules/gitopsRules';
import {
  checkAccount,
  checkNames,
  checkOwnership,
} from './validation/rules/identityRules';
import {
  checkAddressPlan,
  checkNatGateways,
} from './validation/rules/networkRules';
import {
  checkNodeGroupDisk,
  checkNodeGroupInstanceTypes,
  checkNodeGroupNames,
  checkNodeGroupScaling,
  checkNodeGroupsPresent,
  checkNodeLabelsAndTaints,
} from './validation/rules/nodeGroupRules';
import {
  checkAvailabilityZones,
  checkKubernetesVersion,
  checkRegion,
} from './validation/rules/placementRules';
import { checkTags } from './validation/rules/tagRules';

/** Roughly in the order of the spec's fields; type problems found while reading come first. */
const RULES: readonly SpecRule[] = [
  checkNames,
  checkOwnership,
  checkAccount,
  checkRegion,
  checkAvailabilityZones,
  checkKubernetesVersion,
  checkAddressPlan,
  checkNatGateways,
  checkEndpointAccess,
  checkNodeGroupsPresent,
  checkNodeGroupNames,
  checkNodeGroupInstanceTypes,
  checkNodeGroupScaling,
  checkNodeGroupDisk,
  checkNodeLabelsAndTaints,
  checkTags,
  checkGitOps,
  checkIpCapacity,
];

export function validateEnvironmentSpec(
  spec: unknown,
  options: ValidationOptions = {},
): ValidationProblem[] {
  const { draft, problems } = readSpec(spec);
  return [...problems, ...RULES.flatMap(rule => rule(draft, options))];
}

export type EnvironmentSpecCheck =
  | { ok: true; spec: EnvironmentSpec }
  | { ok: false; problems: ValidationProblem[] };

/**
 * Validates and narrows in one step, for actions that go on to use the spec.
 * No problem means every field was read with its declared type.
 */
export function parseEnvironmentSpec(
  input: unknown,
  options: ValidationOptions = {},
): EnvironmentSpecCheck {
  const problems = validateEnvironmentSpec(input, options);
  return problems.length === 0
    ? { ok: true, spec: input as EnvironmentSpec }
    : { ok: false, problems };
}
