/**
 * Which costs are a cluster's: those of its AWS account carrying all of its
 * cost-allocation tags, read from the cluster entity's annotations.
 */
import { Entity } from '@backstage/catalog-model';
import { CLUSTER_ANNOTATIONS } from '../catalog/clusterEntity';
import { CostAllocation, CostBudget } from './types';

export const COST_ANNOTATIONS = {
  /** `environment=production,project=dpj`: tags every cost of the cluster carries. */
  allocationTags: 'eks-platform/cost-allocation-tags',
  /** A positive decimal in the report's currency, e.g. `1500` or `1250.50`. */
  monthlyBudget: 'eks-platform/cost-monthly-budget',
} as const;

/** Cost Explorer ANDs at most this many tag filters before the query gets unwieldy. */
export const MAX_COST_ALLOCATION_TAGS = 10;

// AWS tag rules: letters, digits and spaces of any script plus _ . : / = + - @; keys
// 1–128 characters, values up to 256. Commas are not allowed, so they can separate.
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAG_KEY_LENGTH = 128;
const MAX_TAG_VALUE_LENGTH = 256;
const ACCOUNT_ID = /^\d{12}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function annotationsOf(entity: Entity): Record<string, string> {
  return entity.metadata.annotations ?? {};
}

/** Why a tag key or value breaks AWS's rules, or undefined when it is valid. */
export function tagProblem(
  text: string,
  what: 'key' | 'value',
): string | undefined {
  const max = what === 'key' ? MAX_TAG_KEY_LENGTH : MAX_TAG_VALUE_LENGTH;
  // A filter on an empty value would select the untagged costs: refuse it too.
  if (text.length === 0) return `empty tag ${what}`;
  if ([...text].length > max) {
    return `tag ${what} "${text}" is longer than ${max} characters`;
  }
  if (!TAG_CHARACTERS.test(text)) {
    return `tag ${what} "${text}" has a character AWS tags do not allow (letters, digits, spaces and _ . : / = + - @ only)`;
  }
  return undefined;
}

/**
 * Parses `key=value,key=value`. Whitespace around entries, keys and values is ignored;
 * a value may contain `=` (the first one separates the key).
 */
export function parseCostAllocationTags(text: string): Record<string, string> {
  const entries = text.split(',').map(entry => entry.trim());
  if (entries.length > MAX_COST_ALLOCATION_TAGS) {
    throw new Error(
      `at most ${MAX_COST_ALLOCATION_TAGS} tags, got ${entries.length}`,
    );
  }
  const tags = new Map<string, string>();
  for (const entry of entries) {
    const separator = entry.indexOf('=');
    if (separator < 0) {
      throw new Error(`"${entry}" is not key=value`);
    }
    const key = entry.slice(0, separator).trim();
    const value = entry.slice(separator + 1).trim();
    const problem = tagProblem(key, 'key') ?? tagProblem(value, 'value');
    if (problem) throw new Error(problem);
    if (tags.has(key)) throw new Error(`tag key "${key}" appears twice`);
    tags.set(key, value);
  }
  return Object.fromEntries(tags);
}

/**
 * The account and tags of a cluster's costs. Without the tags annotation the costs are
 * those tagged `environment=<eks-platform/environment>`.
 */
export function readCostAllocation(entity: Entity): CostAllocation {
  const annotations = annotationsOf(entity);
  const accountId = annotations[CLUSTER_ANNOTATIONS.awsAccountId];
  if (accountId === undefined || !ACCOUNT_ID.test(accountId)) {
    throw new Error(
      `Annotation ${
        CLUSTER_ANNOTATIONS.awsAccountId
      } must be a 12-digit AWS account ID, got ${JSON.stringify(accountId)}`,
    );
  }
  const tagsAnnotation = annotations[COST_ANNOTATIONS.allocationTags];
  if (tagsAnnotation === undefined) {
    const environment = annotations[CLUSTER_ANNOTATIONS.environment];
    const problem =
      environment === undefined
        ? 'it is missing'
        : tagProblem(environment.trim(), 'value');
    if (problem) {
      throw new Error(
        `Annotation ${COST_ANNOTATIONS.allocationTags} is missing and cannot default to environment=<${CLUSTER_ANNOTATIONS.environment}>: ${problem}`,
      );
    }
    return { accountId, tags: { environment: environment!.trim() } };
  }
  try {
    return { accountId, tags: parseCostAllocationTags(tagsAnnotation) };
  } catch (error) {
    throw new Error(
      `Annotation ${COST_ANNOTATIONS.allocationTags} is invalid: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * The cluster's monthly budget: its annotation, or else the configured budget of its
 * environment (keyed by the `eks-platform/environment` annotation); undefined if neither.
 */
export function readMonthlyBudget(
  entity: Entity,
  configBudgets: Record<string, number>,
): CostBudget | undefined {
  const annotations = annotationsOf(entity);
  const annotation = annotations[COST_ANNOTATIONS.monthlyBudget];
  if (annotation !== undefined) {
    const text = annotation.trim();
    const amount = Number(text);
    if (!DECIMAL.test(text) || !(amount > 0)) {
      throw new Error(
        `Annotation ${
          COST_ANNOTATIONS.monthlyBudget
        } must be a positive decimal amount such as 1500 or 1250.50, got ${JSON.stringify(
          annotation,
        )}`,
      );
    }
    return { amount, source: 'annotation' };
  }
  const environment = annotations[CLUSTER_ANNOTATIONS.environment];
  if (
    environment === undefined ||
    !Object.prototype.hasOwnProperty.call(configBudgets, environment)
  ) {
    return undefined;
  }
  const amount = configBudgets[environment];
  if (!Number.isFinite(amount) || amount <= 0) {
    throw new Error(
      `The configured monthly budget of environment ${environment} must be a positive number, got ${String(
        amount,
      )}`,
    );
  }
  return { amount, source: 'config' };
}
