/** Cost Explorer filter expressions: validated like AWS, then evaluated on line items. */
import { Expression, MatchOption } from '@aws-sdk/client-cost-explorer';
import { COST_DIMENSIONS, CostDimension, LineItem } from './lineItems';
import { validationError } from './validationError';

/** Every dimension key AWS accepts in a GetCostAndUsage filter or GroupBy. */
export const AWS_COST_DIMENSIONS = [
  'AZ',
  'INSTANCE_TYPE',
  'LINKED_ACCOUNT',
  'OPERATION',
  'PURCHASE_TYPE',
  'SERVICE',
  'USAGE_TYPE',
  'PLATFORM',
  'TENANCY',
  'RECORD_TYPE',
  'LEGAL_ENTITY_NAME',
  'INVOICING_ENTITY',
  'DEPLOYMENT_OPTION',
  'DATABASE_ENGINE',
  'CACHE_ENGINE',
  'INSTANCE_TYPE_FAMILY',
  'REGION',
  'BILLING_ENTITY',
  'RESERVATION_ID',
  'SAVINGS_PLANS_TYPE',
  'SAVINGS_PLAN_ARN',
  'OPERATING_SYSTEM',
];

export function isModelledDimension(key: string): key is CostDimension {
  return (COST_DIMENSIONS as readonly string[]).includes(key);
}

/**
 * A dimension AWS knows but the sandbox does not compute fails loudly, never silently.
 * `subject` starts the message for an unknown key, e.g. "Group Definition dimension".
 */
export function checkDimensionKey(
  key: string | undefined,
  subject = `Dimension ${key ?? ''}`,
): CostDimension {
  if (key && isModelledDimension(key)) return key;
  if (key && AWS_COST_DIMENSIONS.includes(key)) {
    throw validationError(
      `aws-sandbox does not model the ${key} dimension; modelled: ${COST_DIMENSIONS.join(
        ', ',
      )}`,
    );
  }
  throw validationError(
    `${subject} is invalid. Valid values are ${AWS_COST_DIMENSIONS.join(', ')}`,
  );
}

const ROOT_OPERATORS = [
  'And',
  'Or',
  'Not',
  'Dimensions',
  'Tags',
  'CostCategories',
] as const;

/** Throws the ValidationException AWS returns for a malformed expression. */
export function validateExpression(expression: Expression): void {
  const roots = ROOT_OPERATORS.filter(key => expression[key] !== undefined);
  if (roots.length !== 1) {
    throw validationError(
      'Expression has zero or more than one roots. Only one root operator is allowed for each expression: "and", "or", "not", "tag" or "dimensionValue"',
    );
  }
  const [root] = roots;
  if (root === 'And' || root === 'Or') {
    const operands = expression[root] ?? [];
    if (operands.length < 2) {
      throw validationError(`${root} expression must have at least 2 operands`);
    }
    operands.forEach(validateExpression);
  } else if (root === 'Not') {
    validateExpression(expression.Not as Expression);
  } else if (root === 'Dimensions') {
    checkDimensionKey(expression.Dimensions?.Key);
    if (!expression.Dimensions?.Values?.length) {
      throw validationError('Dimension values must not be empty');
    }
  } else if (root === 'Tags') {
    if (!expression.Tags?.Key) {
      throw validationError('Tag key must not be empty');
    }
  } else {
    throw validationError(
      'aws-sandbox does not model cost categories (CostCategories filter)',
    );
  }
}

function matchesValue(
  actual: string | undefined,
  values: string[],
  options: MatchOption[],
): boolean {
  const absent = actual === undefined || actual === '';
  if (options.includes('ABSENT') && absent) return true;
  if (absent) return values.includes('');
  const fold = options.includes('CASE_INSENSITIVE')
    ? (text: string) => text.toLowerCase()
    : (text: string) => text;
  const value = fold(actual);
  return values.map(fold).some(expected => {
    if (options.includes('STARTS_WITH')) return value.startsWith(expected);
    if (options.includes('ENDS_WITH')) return value.endsWith(expected);
    if (options.includes('CONTAINS')) return value.includes(expected);
    return value === expected;
  });
}

/** Whether a line item passes an already validated expression (undefined: no filter). */
export function matchesExpression(
  item: LineItem,
  expression: Expression | undefined,
): boolean {
  if (!expression) return true;
  if (expression.And) {
    return expression.And.every(operand => matchesExpression(item, operand));
  }
  if (expression.Or) {
    return expression.Or.some(operand => matchesExpression(item, operand));
  }
  if (expression.Not) return !matchesExpression(item, expression.Not);
  if (expression.Dimensions) {
    const { Key, Values = [], MatchOptions = [] } = expression.Dimensions;
    return matchesValue(
      item.dimensions[Key as CostDimension],
      Values,
      MatchOptions,
    );
  }
  if (expression.Tags) {
    const { Key = '', Values, MatchOptions = [] } = expression.Tags;
    // A tag filter without values asks for resources carrying the key.
    if (!Values?.length && !MatchOptions.includes('ABSENT')) {
      return item.tags[Key] !== undefined;
    }
    return matchesValue(item.tags[Key], Values ?? [], MatchOptions);
  }
  return false;
}
