/**
 * Kubernetes label selectors, the one parser the sandbox's Kubernetes API and ArgoCD's
 * `selector` query parameter share (ArgoCD hands it to apimachinery's labels.Parse).
 * Equality (`a=b`, `a==b`), inequality (`a!=b`), existence (`a`) and absence (`!a`), as in
 * "Labels and Selectors" of the Kubernetes documentation; set-based `in`/`notin` are refused
 * loudly rather than misread.
 */

export class SelectorError extends Error {}

export interface Requirement {
  key: string;
  operator: '=' | '!=' | 'exists' | '!exists';
  value?: string;
}

export function parseSelector(
  selector: string | null | undefined,
  describe = 'label selector',
): Requirement[] {
  return (selector ?? '')
    .split(',')
    .map(part => part.trim())
    .filter(part => part.length > 0)
    .map(part => {
      const match = /^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)$/.exec(part);
      if (match) {
        return {
          key: match[1],
          operator: match[2] === '!=' ? '!=' : '=',
          value: match[3],
        };
      }
      if (/^!\s*[^=!\s()]+$/.test(part)) {
        return { key: part.slice(1).trim(), operator: '!exists' };
      }
      if (/^[^=!\s()]+$/.test(part)) return { key: part, operator: 'exists' };
      throw new SelectorError(
        `unable to parse requirement: ${describe} "${part}" uses an operator the sandbox does not support (=, ==, !=, key, !key)`,
      );
    });
}

export function satisfies(
  values: Record<string, string | undefined>,
  requirement: Requirement,
): boolean {
  const actual = values[requirement.key];
  switch (requirement.operator) {
    case '=':
      return actual === requirement.value;
    case '!=':
      return actual !== requirement.value;
    case 'exists':
      return actual !== undefined;
    default:
      return actual === undefined;
  }
}

/** A predicate on labels; throws SelectorError for a selector it cannot read. */
export function labelFilter(
  selector: string | null | undefined,
): (labels: Record<string, string> | undefined) => boolean {
  const requirements = parseSelector(selector);
  return labels =>
    requirements.every(requirement => satisfies(labels ?? {}, requirement));
}
