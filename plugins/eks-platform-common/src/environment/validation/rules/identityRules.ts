/** Names, ownership and the AWS account of an environment. */
import { clusterName } from '../../types';
import type { SpecRule } from '../options';
import { problem, ValidationProblem } from '../problems';
import { isValidAwsTagText } from './tagRules';

/** Lowercase, 3 to 40 characters: it prefixes every AWS resource name of the environment. */
const ENVIRONMENT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

/** EKS CreateCluster / CreateNodegroup name pattern. */
const EKS_NAME_PATTERN = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;
const EKS_CLUSTER_NAME_MAX_LENGTH = 100;
const EKS_NODE_GROUP_NAME_MAX_LENGTH = 63;

/**
 * Backstage entity reference to a group: "group:[namespace/]name", with the
 * catalog's namespace and name rules.
 */
const GROUP_REF_PATTERN =
  /^group:(?:([a-z0-9]+(?:-[a-z0-9]+)*)\/)?([a-z0-9]+(?:[-_.][a-z0-9]+)*)$/i;
const BACKSTAGE_NAME_MAX_LENGTH = 63;

const ACCOUNT_ID_PATTERN = /^\d{12}$/;

export function isValidEksClusterName(name: string): boolean {
  return (
    name.length <= EKS_CLUSTER_NAME_MAX_LENGTH && EKS_NAME_PATTERN.test(name)
  );
}

export function isValidNodeGroupName(name: string): boolean {
  return (
    name.length <= EKS_NODE_GROUP_NAME_MAX_LENGTH && EKS_NAME_PATTERN.test(name)
  );
}

export const checkNames: SpecRule = ({ name }) => {
  if (name === undefined) return [];
  const problems: ValidationProblem[] = [];
  if (!ENVIRONMENT_NAME_PATTERN.test(name)) {
    problems.push(
      problem(
        'name',
        'name-format',
        `name "${name}" must be 3 to 40 characters: lowercase letters, digits and "-", starting with a letter and not ending with "-" (e.g. dpj-prod)`,
      ),
    );
  }
  const cluster = clusterName({ name });
  if (!isValidEksClusterName(cluster)) {
    problems.push(
      problem(
        'name',
        'cluster-name-format',
        `the EKS cluster name "${cluster}" derived from name must be at most ${EKS_CLUSTER_NAME_MAX_LENGTH} characters of letters, digits, "-" and "_", starting with a letter or digit`,
      ),
    );
  }
  return problems;
};

export function isGroupEntityRef(ref: string): boolean {
  const match = GROUP_REF_PATTERN.exec(ref);
  if (!match) return false;
  const [, namespace = '', name = ''] = match;
  return (
    namespace.length <= BACKSTAGE_NAME_MAX_LENGTH &&
    name.length <= BACKSTAGE_NAME_MAX_LENGTH
  );
}

export const checkOwnership: SpecRule = ({ owner, costCenter }) => {
  const problems: ValidationProblem[] = [];
  if (owner !== undefined && !isGroupEntityRef(owner)) {
    problems.push(
      problem(
        'owner',
        'owner-ref',
        `owner "${owner}" must be a Backstage group reference such as group:default/platform-team`,
      ),
    );
  }
  // The cost center becomes the value of a cost-allocation tag.
  if (costCenter !== undefined && !isValidAwsTagText(costCenter, 256)) {
    problems.push(
      problem(
        'costCenter',
        'cost-center',
        'costCenter must be at most 256 characters of letters, digits, spaces and _ . : / = + - @ (it is used as an AWS tag value)',
      ),
    );
  }
  return problems;
};

export const checkAccount: SpecRule = ({ account }) =>
  account === undefined || ACCOUNT_ID_PATTERN.test(account)
    ? []
    : [
        problem(
          'account',
          'account-id',
          `account "${account}" must be a 12-digit AWS account id, leading zeros included`,
        ),
      ];
