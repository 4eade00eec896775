/** The ArgoCD actions' own input fields, their checks and the instance they select. */
import { InputError } from '@backstage/errors';
import { ROLE_ARN } from '../cluster/clusterInput';
import type { InputProblem, Zod } from '../shared/environmentInput';
import type { ConfiguredArgoCdInstance } from '@internal/plugin-eks-platform-node';

export const ARGOCD_MODES = ['gitops', 'api'] as const;
export type ArgoCdMode = (typeof ARGOCD_MODES)[number];

/** The template secret an ArgoCD token may come from, instead of backend config. */
export const TOKEN_SECRET = 'argocdToken';

const REPO_URL = /^(https:\/\/|git@|ssh:\/\/)[^\s]+$/;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const REPO_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

export const argoCdInputSchema = {
  mode: (z: Zod) =>
    z
      .enum(ARGOCD_MODES)
      .optional()
      .describe(
        'gitops (default): write the manifests into the workspace for a publish or pull-request step; api: create them through the ArgoCD API',
      ),
  clusterName: (z: Zod) => z.string().describe('The EKS cluster name'),
  clusterEndpoint: (z: Zod) =>
    z
      .string()
      .describe("The cluster's API server URL (cluster step output endpoint)"),
  clusterCertificateAuthority: (z: Zod) =>
    z.string().describe("Base64 PEM of the cluster's CA (cluster step output)"),
  vpcId: (z: Zod) =>
    z
      .string()
      .describe(
        "The network step's VPC id (output vpcId): the load balancer controller's, which cannot read it from instance metadata (IMDSv2, hop limit 1)",
      ),
  argocdRoleArn: (z: Zod) =>
    z
      .string()
      .describe(
        'IAM role ArgoCD assumes to authenticate to the cluster (awsAuthConfig); it needs an access entry on the cluster',
      ),
  repoUrl: (z: Zod) =>
    z.string().describe('The GitOps repository ArgoCD syncs'),
  targetRevision: (z: Zod) =>
    z
      .string()
      .optional()
      .describe('Branch of the GitOps repository; default main'),
  path: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        "The environment's folder in the repository; default clusters/<name>",
      ),
  argocdInstance: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'api mode: the ArgoCD instance of eksPlatform.argocd.instances; default the first',
      ),
  syncPolicy: (z: Zod) =>
    z
      .object({
        automated: z.boolean().optional(),
        prune: z.boolean().optional(),
        selfHeal: z.boolean().optional(),
      })
      .optional()
      .describe(
        'Automated sync (default on), prune (default off in production) and self-heal (default on)',
      ),
};

export interface ArgoCdInputFields {
  mode?: unknown;
  clusterName?: unknown;
  clusterEndpoint?: unknown;
  clusterCertificateAuthority?: unknown;
  vpcId?: unknown;
  argocdRoleArn?: unknown;
  repoUrl?: unknown;
  targetRevision?: unknown;
  path?: unknown;
  argocdInstance?: unknown;
  syncPolicy?: unknown;
}

/** The mode and the environment's folder, which the upgrade action reads too. */
export function argoCdFolderProblems(
  input: Pick<ArgoCdInputFields, 'mode' | 'path'>,
): InputProblem[] {
  const problems: InputProblem[] = [];
  if (
    input.mode !== undefined &&
    !ARGOCD_MODES.includes(input.mode as ArgoCdMode)
  ) {
    problems.push({
      path: 'mode',
      message: `mode must be gitops or api, got ${JSON.stringify(input.mode)}`,
    });
  }
  if (
    input.path !== undefined &&
    (typeof input.path !== 'string' || !REPO_PATH.test(input.path))
  ) {
    problems.push({
      path: 'path',
      message: `path must be a relative folder such as clusters/dpj-dev, got ${JSON.stringify(
        input.path,
      )}`,
    });
  }
  return problems;
}

/** Problems with the ArgoCD fields, each naming its field; no network call. */
export function argoCdInputProblems(
  input: ArgoCdInputFields,
  options: { needsCluster: boolean },
): InputProblem[] {
  const problems: InputProblem[] = argoCdFolderProblems(input);
  const bad = (path: string, message: string) =>
    problems.push({ path, message });
  if (typeof input.clusterName !== 'string' || !input.clusterName) {
    bad('clusterName', 'clusterName is required');
  }
  if (options.needsCluster) {
    if (
      typeof input.clusterEndpoint !== 'string' ||
      !/^https:\/\/[^\s]+$/.test(input.clusterEndpoint)
    ) {
      bad(
        'clusterEndpoint',
        `clusterEndpoint must be the cluster's https API server URL`,
      );
    }
    if (
      typeof input.clusterCertificateAuthority !== 'string' ||
      !/^[A-Za-z0-9+/=]+$/.test(input.clusterCertificateAuthority)
    ) {
      bad(
        'clusterCertificateAuthority',
        'clusterCertificateAuthority must be the base64 PEM DescribeCluster returns',
      );
    }
    if (typeof input.vpcId !== 'string' || !VPC_ID.test(input.vpcId)) {
      bad(
        'vpcId',
        `vpcId must be the network step's VPC id (vpc-0123456789abcdef0), got ${JSON.stringify(
          input.vpcId,
        )}`,
      );
    }
    if (
      typeof input.argocdRoleArn !== 'string' ||
      !ROLE_ARN.test(input.argocdRoleArn)
    ) {
      bad(
        'argocdRoleArn',
        `argocdRoleArn must be an IAM role ARN (arn:aws:iam::123456789012:role/argocd), got ${JSON.stringify(
          input.argocdRoleArn,
        )}`,
      );
    }
  }
  if (typeof input.repoUrl !== 'string' || !REPO_URL.test(input.repoUrl)) {
    bad(
      'repoUrl',
      `repoUrl must be an https or ssh Git URL, got ${JSON.stringify(
        input.repoUrl,
      )}`,
    );
  }
  if (
    input.targetRevision !== undefined &&
    (typeof input.targetRevision !== 'string' || !input.targetRevision)
  ) {
    bad('targetRevision', 'targetRevision must be a branch name');
  }
  if (input.syncPolicy !== undefined) {
    const policy = input.syncPolicy as Record<string, unknown>;
    if (
      typeof policy !== 'object' ||
      policy === null ||
      Array.isArray(policy)
    ) {
      bad(
        'syncPolicy',
        'syncPolicy must be an object of automated, prune and selfHeal',
      );
    } else {
      for (const [key, value] of Object.entries(policy)) {
        if (!['automated', 'prune', 'selfHeal'].includes(key)) {
          bad(
            `syncPolicy.${key}`,
            `syncPolicy has automated, prune and selfHeal, not '${key}'`,
          );
        } else if (typeof value !== 'boolean') {
          bad(`syncPolicy.${key}`, `syncPolicy.${key} must be true or false`);
        }
      }
    }
  }
  return problems;
}

/**
 * The ArgoCD instance of the api mode and its token: the template secret `argocdToken`
 * when given, else the instance's configured token. Never logged, never output.
 */
export function selectArgoCdInstance(
  instances: ConfiguredArgoCdInstance[],
  name: unknown,
  secrets: Record<string, string | undefined> | undefined,
): { name: string; url: string; token: string } {
  const known = instances.map(i => i.name);
  const instance =
    name === undefined ? instances[0] : instances.find(i => i.name === name);
  if (!instance) {
    throw new InputError(
      instances.length === 0
        ? 'argocdInstance: no ArgoCD instance is configured (eksPlatform.argocd.instances); use mode gitops or configure one'
        : `argocdInstance: unknown ArgoCD instance ${JSON.stringify(
            name,
          )}; configured: ${known.join(', ')}`,
    );
  }
  const token = secrets?.[TOKEN_SECRET] || instance.token;
  if (!token) {
    throw new InputError(
      `argocdInstance: no token for ArgoCD ${instance.name}: give the template secret '${TOKEN_SECRET}' or configure eksPlatform.argocd.instances[].token`,
    );
  }
  return { name: instance.name, url: instance.url, token };
}
