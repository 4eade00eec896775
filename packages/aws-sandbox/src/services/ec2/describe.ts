import type { Filter, TagSpecification } from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { TagMap } from './store';

/**
 * Values of one filterable attribute of a resource, e.g. `vpc-id` → ['vpc-1'];
 * undefined when the filter name is not supported for the resource type.
 */
export type FilterValues = (name: string) => (string | undefined)[] | undefined;

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** EC2 filter semantics: AND between filters, OR between the values of one, `*`/`?` wildcards. */
export function matchesFilters(
  filters: Filter[] | undefined,
  tags: TagMap,
  valuesOf: FilterValues,
): boolean {
  return (filters ?? []).every(filter => {
    const name = filter.Name ?? '';
    let actual: (string | undefined)[] | undefined;
    if (name.startsWith('tag:')) actual = [tags[name.slice(4)]];
    else if (name === 'tag-key') actual = Object.keys(tags);
    else if (name === 'tag-value') actual = Object.values(tags);
    else actual = valuesOf(name);
    if (actual === undefined) {
      throw new AwsError(
        'InvalidParameterValue',
        `The filter '${name}' is invalid`,
      );
    }
    const patterns = (filter.Values ?? []).map(wildcard);
    return actual.some(
      value => value !== undefined && patterns.some(p => p.test(value)),
    );
  });
}

/** Pages of `MaxResults` items; the token is the offset, opaque to callers. */
export function paginate<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  limits: { min: number; max: number } = { min: 5, max: 1000 },
): { page: T[]; nextToken?: string } {
  if (
    maxResults !== undefined &&
    (maxResults < limits.min || maxResults > limits.max)
  ) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Parameter must be between ${limits.min} and ${limits.max}.`,
    );
  }
  let start = 0;
  if (nextToken) {
    start = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) {
      throw new AwsError('InvalidNextToken', 'The specified token is invalid.');
    }
  }
  if (maxResults === undefined) return { page: items.slice(start) };
  const end = start + maxResults;
  return {
    page: items.slice(start, end),
    nextToken:
      end < items.length
        ? Buffer.from(String(end), 'utf8').toString('base64url')
        : undefined,
  };
}

/** Tags a create call asks for on the resource type it creates. */
export function tagsFromSpecifications(
  specifications: TagSpecification[] | undefined,
  resourceType: string,
): TagMap {
  const tags: TagMap = {};
  for (const specification of specifications ?? []) {
    if (specification.ResourceType !== resourceType) {
      throw new AwsError(
        'InvalidParameterValue',
        `'${specification.ResourceType}' is not a valid taggable resource type for this operation.`,
      );
    }
    for (const tag of specification.Tags ?? []) {
      if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    }
  }
  return tags;
}
