/** IAM roles as graph nodes: the role, then its trust and its policies as its settings. */
import type { ControllerIdentity } from './controllerIam';
import { node, ResourceNode } from './types';

/** A role, then its trust policy and its managed policies as settings of it. */
export function roleNodes(
  cluster: string,
  key: string,
  trust: object,
  policies: string[],
  description: string,
  inlinePolicy?: object,
): ResourceNode[] {
  const settings = { kind: 'iam-role', step: 'cluster', partOf: key } as const;
  return [
    node({
      key,
      kind: 'iam-role',
      step: 'cluster',
      type: 'AWS::IAM::Role',
      name: `${cluster}-${key}`,
      description,
      refs: {},
      // CreateRole needs a trust policy; the `.trust` node keeps it right afterwards.
      properties: { description, trust: JSON.stringify(trust) },
    }),
    node({
      ...settings,
      key: `${key}.trust`,
      kind: 'iam-role-trust',
      name: `${cluster}-${key}`,
      description: 'trust policy',
      refs: { role: key },
      properties: { document: JSON.stringify(trust) },
    }),
    node({
      ...settings,
      key: `${key}.policies`,
      kind: 'iam-role-policies',
      name: `${cluster}-${key}`,
      description: policies.length
        ? `exactly ${policies.join(', ')}`
        : 'no managed policy',
      refs: { role: key },
      // Attached after the trust is right: EKS checks both when it assumes the role.
      after: [`${key}.trust`],
      properties: { policies },
    }),
    ...(inlinePolicy
      ? [
          node({
            ...settings,
            key: `${key}.inline-policy`,
            kind: 'iam-role-inline-policy',
            name: `${cluster}-${key}`,
            description: 'its only inline policy',
            refs: { role: key },
            after: [`${key}.trust`],
            properties: {
              policyName: key,
              document: JSON.stringify(inlinePolicy),
            },
          }),
        ]
      : []),
  ];
}

/** The keys of a role's settings that must be in place before anything uses the role. */
export const roleReadyKeys = (identity: ControllerIdentity) => [
  `${identity.roleKey}.policies`,
  ...(identity.inlinePolicy ? [`${identity.roleKey}.inline-policy`] : []),
];
