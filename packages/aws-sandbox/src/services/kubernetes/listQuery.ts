/**
 * The list options of the Kubernetes API the sandbox honours: `labelSelector` (equality,
 * inequality, existence), `fieldSelector` (equality on a few fields per resource) and
 * `limit`/`continue` pagination with opaque continue tokens.
 */

import {
  parseSelector,
  satisfies,
  SelectorError,
} from '../../core/labelSelector';

export { labelFilter } from '../../core/labelSelector';

/** A selector or list option the sandbox cannot honour: the API answers 400. */
export { SelectorError as ListQueryError };

/** `fields` maps each supported field (e.g. spec.nodeName) to its value in an object. */
export function fieldFilter<T>(
  selector: string | null,
  fields: Record<string, (item: T) => string | undefined>,
): (item: T) => boolean {
  const requirements = parseSelector(selector, 'field selector');
  for (const requirement of requirements) {
    if (!fields[requirement.key] || requirement.operator.includes('exists')) {
      throw new SelectorError(`field label not supported: ${requirement.key}`);
    }
  }
  return item =>
    requirements.every(requirement =>
      satisfies(
        { [requirement.key]: fields[requirement.key](item) },
        requirement,
      ),
    );
}

interface ContinueToken {
  v: string;
  rv: string;
  start: number;
}

export interface Page<T> {
  items: T[];
  continueToken?: string;
  remainingItemCount?: number;
}

export function paginate<T>(
  items: T[],
  limitParam: string | null,
  continueParam: string | null,
  resourceVersion: string,
): Page<T> {
  let start = 0;
  if (continueParam) {
    try {
      const token = JSON.parse(
        Buffer.from(continueParam, 'base64').toString('utf8'),
      ) as ContinueToken;
      if (token.v !== 'meta.k8s.io/v1' || !Number.isInteger(token.start)) {
        throw new Error('unexpected token contents');
      }
      start = token.start;
    } catch (error) {
      throw new SelectorError(
        `continue key is not valid: ${(error as Error).message}`,
      );
    }
  }
  const limit = Number(limitParam ?? 0);
  if (!Number.isInteger(limit) || limit <= 0) {
    return { items: items.slice(start) };
  }
  const end = start + limit;
  if (end >= items.length) return { items: items.slice(start) };
  const token: ContinueToken = {
    v: 'meta.k8s.io/v1',
    rv: resourceVersion,
    start: end,
  };
  return {
    items: items.slice(start, end),
    continueToken: Buffer.from(JSON.stringify(token)).toString('base64'),
    remainingItemCount: items.length - end,
  };
}
