import { AwsError } from '../../core/types';

function malformed(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', message, 400);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Checks a policy document the way IAM does before storing it: valid JSON, a Statement
 * whose entries have an Effect and an Action; trust policies also need a Principal.
 */
export function checkPolicyDocument(
  document: string,
  kind: 'trust' | 'permissions',
): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw malformed('Syntax errors in policy.');
  }
  const { Version, Statement } = parsed as Record<string, unknown>;
  if (
    Version !== undefined &&
    Version !== '2012-10-17' &&
    Version !== '2008-10-17'
  ) {
    throw malformed('The policy failed legacy parsing');
  }
  if (Statement === undefined) {
    throw malformed('Syntax errors in policy.');
  }
  for (const statement of asList(Statement)) {
    if (!statement || typeof statement !== 'object') {
      throw malformed('Syntax errors in policy.');
    }
    const fields = statement as Record<string, unknown>;
    if (fields.Effect !== 'Allow' && fields.Effect !== 'Deny') {
      throw malformed('Syntax errors in policy.');
    }
    if (fields.Action === undefined && fields.NotAction === undefined) {
      throw malformed('Policy statement must contain actions.');
    }
    if (
      kind === 'trust' &&
      fields.Principal === undefined &&
      fields.NotPrincipal === undefined
    ) {
      throw malformed('Missing required field Principal');
    }
    if (kind === 'permissions' && fields.Principal !== undefined) {
      throw malformed('Policy document should not specify a principal.');
    }
  }
}
