import type { LoggerService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  clusterGraph,
  defaultCreatableVersion,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import {
  AwsClientFactory,
  describeKubernetesVersions,
} from '@internal/plugin-eks-platform-node';
import type { EnvironmentGuard } from '../access';
import { errorMessage } from '../shared/awsErrors';
import { checkpointedStepsFor, kindContextFor } from '../shared/engineRun';
import {
  environmentInputSchema,
  provisioningInputSchema,
  validateEnvironmentInput,
} from '../shared/environmentInput';
import { atStep, failureMessage } from '../shared/failureOutcome';
import { mergeWaitSettings } from '../shared/mergeWaitSettings';
import {
  resourceOutputSchema,
  resourceSummary,
} from '../shared/resourceSummary';
import { DEFAULT_WAIT_SETTINGS, WaitSettings } from '../shared/waiting';
import {
  ClusterClients,
  createClusterClients,
  destroyClusterClients,
} from './clusterClients';
import {
  ADMIN_PRINCIPAL_FIELD,
  AdminPrincipalPolicy,
  ARGOCD_ROLE_FIELD,
  clusterInputProblems,
  PRIVATE_SUBNETS_FIELD,
  PUBLIC_CIDRS_FIELD,
  withEndpointAccess,
} from './clusterInput';
import { ClusterNames, clusterNames } from './clusterPlan';
import { createClusterExamples } from './createCluster.examples';
import { deleteCluster, listCluster } from './deleteCluster';
import { outputCatalog, outputDryRun } from './clusterDryRun';
import { preflightCluster } from './preflight';
import { ClusterOutputs, provisionCluster } from './provisionCluster';
import { GraphStepError } from '../../engine/apply';
import { StepInventory } from '../../engine/inventory';
import { CLUSTER_HANDLERS } from '../../resources/cluster';
import { retrySettingsFor } from '../../engine/knownErrors';
import { remainingAfter, rollBackEarlierSteps } from '../rollback/earlierSteps';

export const CREATE_CLUSTER_ACTION_ID = 'eks-platform:cluster:create';

/**
 * An EKS cluster becomes ACTIVE in about 10 minutes (sometimes 15) and is deleted in
 * about as long; add-ons take a minute or two.
 */
export const CLUSTER_WAIT_SETTINGS: WaitSettings = {
  ...DEFAULT_WAIT_SETTINGS,
  maxWaitTimeSeconds: 1800,
  minDelaySeconds: 15,
  maxDelaySeconds: 30,
};

export interface CreateClusterActionOptions extends AdminPrincipalPolicy {
  /** Builds the AWS clients of the environment's account and region. */
  aws: Pick<AwsClientFactory, 'create'>;
  /** Who may create which environment, decided before the first AWS call. */
  guard: Pick<EnvironmentGuard, 'admitCreate'>;
  /** Today, for the Kubernetes versions the spec is validated against. */
  now?: () => Date;
  waitSettings?: Partial<WaitSettings>;
}

/** A provisioning failure, after the rollback when there was one. */
export class ClusterCreateError extends Error {
  readonly name = 'ClusterCreateError';
}

async function failureOf(
  error: unknown,
  context: {
    clients: ClusterClients;
    spec: EnvironmentSpec;
    names: ClusterNames;
    taskId: string;
    step: string | undefined;
    logger: LoggerService;
    waitSettings: WaitSettings;
    aws: Pick<AwsClientFactory, 'create'>;
    networkWaitSettings: WaitSettings;
  },
): Promise<ClusterCreateError> {
  const { clients, spec, names, taskId, logger } = context;
  const message = await failureMessage({
    failed: `Creating the cluster ${names.cluster} in ${spec.account}/${
      spec.region
    } failed${atStep(context.step)}: ${errorMessage(error)}.`,
    rollbackOnFailure: spec.rollbackOnFailure,
    taskId,
    logger,
    // The whole environment this task created goes: the cluster, then its network.
    rollback: async () => [
      ...(await deleteCluster(clients, spec, logger, {
        taskId,
        waitSettings: context.waitSettings,
      })),
      ...(await rollBackEarlierSteps(['network'], {
        aws: context.aws,
        spec,
        taskId,
        logger,
        waitSettings: context.networkWaitSettings,
        clusterWaitSettings: context.waitSettings,
      })),
    ],
    remainingAfterRollback: remainingAfter,
    rolledBackNote: ' (a KMS key stays pending deletion for 7 days)',
    listExisting: () => listCluster(clients, spec, logger),
    retryHint: 'Retry the task to finish the cluster',
  });
  return new ClusterCreateError(message, { cause: error });
}

/**
 * `eks-platform:cluster:create`: the IAM roles, the secrets KMS key, the EKS cluster, the
 * platform team's admin access and the add-ons needed before nodes. Validates the whole
 * input and checks the account (supported versions, subnets, add-on versions, name
 * ownership) before creating anything; every step runs in a checkpoint and is a
 * find-or-create, so a retried task resumes; a failure is rolled back (dev) or leaves an
 * error naming what exists (production).
 */
export function createClusterCreateAction(options: CreateClusterActionOptions) {
  const now = options.now ?? (() => new Date());
  const waitSettings = mergeWaitSettings(
    options.waitSettings,
    CLUSTER_WAIT_SETTINGS,
  );
  return createTemplateAction({
    id: CREATE_CLUSTER_ACTION_ID,
    description:
      'Creates the EKS cluster of an environment: least-privilege IAM roles (cluster, nodes; through EKS Pod Identity, scoped to this cluster: the VPC CNI, the EBS and EFS CSI drivers and the AWS Load Balancer Controller, with its association), a KMS key with rotation for secrets encryption, the cluster (private endpoint, public one off or restricted, all control-plane logs, API access entries without creator admin), admin access for the platform team, and the vpc-cni (network policy), kube-proxy and eks-pod-identity-agent add-ons at the versions EKS reports for the Kubernetes version. Resumes on retry; dry run lists what it would create.',
    examples: createClusterExamples,
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentInputSchema,
        ...provisioningInputSchema,
        [PRIVATE_SUBNETS_FIELD]: z =>
          z
            .array(z.string())
            .describe(
              "The network step's private subnet ids, one per availability zone",
            ),
        [ADMIN_PRINCIPAL_FIELD]: z =>
          z
            .string()
            .describe(
              "ARN of the platform team's IAM role: the cluster's only administrator (AmazonEKSClusterAdminPolicy)",
            ),
        [ARGOCD_ROLE_FIELD]: z =>
          z
            .string()
            .describe(
              'ARN of the IAM role ArgoCD assumes to deploy the environment (its cluster awsAuthConfig): it gets an access entry with AmazonEKSClusterAdminPolicy; its AppProject limits what it applies',
            ),
        [PUBLIC_CIDRS_FIELD]: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              "Open the public API endpoint to these CIDR blocks only (never 0.0.0.0/0); [] turns it off; default: the preset's",
            ),
      },
      output: {
        clusterName: z => z.string(),
        clusterArn: z => z.string(),
        endpoint: z => z.string(),
        certificateAuthority: z =>
          z.string().describe('Base64 PEM of the cluster CA'),
        oidcIssuer: z => z.string(),
        clusterSecurityGroupId: z => z.string(),
        clusterRoleArn: z => z.string(),
        nodeRoleArn: z => z.string(),
        vpcCniRoleArn: z => z.string(),
        kmsKeyArn: z => z.string(),
        addons: z =>
          z.array(z.object({ name: z.string(), version: z.string() })),
        ...resourceOutputSchema,
        entityRef: z =>
          z
            .string()
            .describe(
              "The cluster's catalog entity, e.g. resource:default/acme-dev-cluster",
            ),
        entity: z =>
          z
            .record(z.unknown())
            .describe(
              'The kubernetes-cluster Resource entity the catalog registers',
            ),
        consoleUrl: z => z.string().describe("The cluster's AWS console page"),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      const today = now();
      const baseSpec = validateEnvironmentInput(input, {
        today,
        extraBooleans: ['rollbackOnFailure', 'adopt'],
        extraProblems: s => clusterInputProblems(input, s, today, options),
      });
      await options.guard.admitCreate(ctx, baseSpec, { adopt: input.adopt });
      const names = clusterNames(baseSpec);
      const privateSubnetIds = input.privateSubnetIds;
      const { adminPrincipalArn, argocdRoleArn } = input;
      const clients = await createClusterClients(options.aws, {
        accountId: baseSpec.account,
        region: baseSpec.region,
      });
      try {
        const contextFor = (s: EnvironmentSpec) =>
          kindContextFor(ctx, clients, s, waitSettings);
        // What exists does not depend on the version: both reads at once.
        const [versions, inventory] = await Promise.all([
          describeKubernetesVersions(clients.eks, today, logger),
          StepInventory.found(
            clusterGraph(baseSpec, {
              adminPrincipalArn,
              argocdRoleArn,
              privateSubnetIds,
            }),
            CLUSTER_HANDLERS,
            contextFor(baseSpec),
          ),
        ]);
        const spec = withEndpointAccess(
          {
            ...baseSpec,
            // Without one in the input: EKS's default for new clusters, not the table's.
            kubernetesVersion: input.kubernetesVersion
              ? baseSpec.kubernetesVersion
              : defaultCreatableVersion(versions) ?? baseSpec.kubernetesVersion,
          },
          input.endpointPublicAccessCidrs,
        );
        const context = contextFor(spec);
        const { addonVersions, cluster } = await preflightCluster({
          clients,
          spec,
          names,
          privateSubnetIds,
          inventory,
          versions,
        });

        const graph = {
          adminPrincipalArn,
          argocdRoleArn,
          privateSubnetIds,
          addonVersions,
        };
        if (ctx.isDryRun) {
          outputDryRun(ctx, {
            spec,
            names,
            graph,
            inventory,
            // Only a cluster that is not going away has outputs to show.
            cluster: inventory.ofKind('eks-cluster').length
              ? cluster
              : undefined,
            addonVersions,
          });
          return;
        }

        logger.info(
          `Creating the cluster ${names.cluster} in ${spec.account}/${
            spec.region
          }: Kubernetes ${spec.kubernetesVersion}, add-ons ${Object.entries(
            addonVersions,
          )
            .map(([n, v]) => `${n} ${v}`)
            .join(', ')} (rollbackOnFailure ${
            spec.rollbackOnFailure ? 'on' : 'off'
          })`,
        );
        const steps = checkpointedStepsFor(ctx, {
          scope: `${spec.account}/${spec.region}/${spec.name}`,
          prefix: 'cluster',
          inventory,
        });
        let outputs: ClusterOutputs;
        try {
          outputs = await provisionCluster({
            context,
            graph,
            steps,
            retry: retrySettingsFor(waitSettings),
            taskId: ctx.task.id,
            adopt: input.adopt,
          });
        } catch (error) {
          throw await failureOf(error, {
            clients,
            spec,
            names,
            taskId: ctx.task.id,
            step: error instanceof GraphStepError ? error.step : undefined,
            logger,
            waitSettings,
            aws: options.aws,
            networkWaitSettings: mergeWaitSettings(options.waitSettings),
          });
        }
        const { resources, ...values } = outputs;
        for (const [key, value] of Object.entries(values)) {
          ctx.output(key as keyof typeof values, value as any);
        }
        ctx.output('resources', resources);
        ctx.output(
          'summary',
          resourceSummary(resources.map(r => ({ ...r, note: r.outcome }))),
        );
        outputCatalog(ctx, spec, {
          name: values.clusterName,
          endpoint: values.endpoint,
          certificateAuthority: values.certificateAuthority,
        });
        const created = resources.filter(r => r.outcome === 'created').length;
        logger.info(
          `Cluster ${names.cluster} ready: ${created} resource(s) created, ${
            resources.length - created
          } reused`,
        );
      } finally {
        destroyClusterClients(clients);
      }
    },
  });
}
