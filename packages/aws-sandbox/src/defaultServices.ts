import { applyWorkloads } from './controllers/applyWorkloads';
import {
  autoscalerRuns,
  syncArgoCdDeployments,
  syncedResourceHealth,
} from './controllers/argoCdDeployments';
import { deployWorkloads } from './controllers/clusterWorkloads';
import { shortHash } from './core/shortHash';
import { seedControllerCredentials } from './controllers/seedControllerCredentials';
import { InventoryReader } from './core/inventory';
import { AwsService, HttpService, SandboxContext } from './core/types';
import { createArgoCdService } from './services/argocd';
import { seedArgoCd } from './services/argocd/seededApplications';
import { dpjArgoCdSeed } from './seed/dpjApplications';
import { createCostExplorerService } from './services/costExplorer';
import {
  createSecurityGroupFor,
  ec2Inventory,
  ec2Service,
  ec2StoreOf,
  seedNetwork,
} from './services/ec2';
import {
  createEksService,
  eksInventory,
  seedEnvironment,
} from './services/eks';
import { setClusterInsights } from './services/eks/upgradeHandlers';
import { elbv2Service } from './services/elbv2';
import { iamService } from './services/iam';
import { kmsService } from './services/kms';
import { logsService } from './services/cloudwatchLogs';
import {
  createKubernetesService,
  evictionBlocksOf,
} from './services/kubernetes';
import type { AutoscalerHistory } from './services/kubernetes/clusterAutoscaler';
import { createPrometheusService } from './services/prometheus';
import { SandboxOptions } from './server';
import {
  DPJ_ENVIRONMENTS,
  LANDING_ZONE,
  SeedEnvironment,
} from './seed/dpjEnvironments';
import { addBucket, addLogGroup } from './services/ec2/flowLogDestinations';

/** How long ago the seeded environments were created: 13+ months of cost and SLO history. */
const SEEDED_AGE_DAYS = 400;

/** Creates one environment as the provisioning actions would have, long ago. */
export function seedDpjEnvironment(
  context: SandboxContext,
  spec: SeedEnvironment,
  createdAt: number,
): void {
  const scope = { accountId: spec.account, region: spec.region };
  const network = seedNetwork(context, { ...scope, spec, createdAt });
  seedEnvironment(context, {
    ...scope,
    spec,
    privateSubnetIds: network.privateSubnetIds,
    vpcId: network.vpcId,
    createdAt,
  });
  // A day after the cluster: its applications' load balancer and volumes. The driver ran
  // with the cluster's name as its cluster id, so the volumes carry it.
  if (!spec.workloads) return;
  seedControllerCredentials(context, {
    ...scope,
    clusterName: spec.clusterName,
    createdAt,
  });
  deployWorkloads(
    context,
    { ...scope, clusterName: spec.clusterName, vpcId: network.vpcId },
    spec.workloads,
    {
      createdAt: createdAt + 24 * 3600 * 1000,
      zones: spec.availabilityZones,
      driver: {
        k8sTagClusterId: spec.clusterName,
        extraVolumeTags: spec.tags,
      },
    },
  );
}

/**
 * EC2, ELB, CloudWatch Logs, ArgoCD and Kubernetes answer after what ArgoCD's synced applications made
 * through the clusters' controllers has been brought up to date.
 */
function withArgoCdDeployments<T extends AwsService | HttpService>(
  service: T,
): T {
  const handle = service.handle as (...args: any[]) => any;
  return {
    ...service,
    handle(...args: any[]) {
      syncArgoCdDeployments(args[args.length - 1] as SandboxContext);
      return handle.apply(service, args);
    },
  };
}

/** What the accounts hold before any environment: the flow log destinations. */
function seedLandingZone(context: SandboxContext): void {
  for (const bucket of LANDING_ZONE.flowLogBuckets) addBucket(context, bucket);
  for (const { account, region } of Object.values(DPJ_ENVIRONMENTS)) {
    for (const group of LANDING_ZONE.flowLogGroups) {
      addLogGroup(context, { accountId: account, region }, group);
    }
  }
}

/** What exists in every emulated service, read lazily from the running sandbox. */
function inventoryOf(bound: { context?: SandboxContext }): InventoryReader {
  const context = () => {
    if (!bound.context) throw new Error('the sandbox has not started yet');
    return bound.context;
  };
  return {
    clusters: () => eksInventory(context()).clusters(),
    natGateways: () => ec2Inventory(context()).natGateways(),
    subnets: () => ec2Inventory(context()).subnets(),
  };
}

/** Every emulated service, wired to each other, and (optionally) the three DPJ environments. */
export function defaultSandboxServices(options: {
  seed: boolean;
  /**
   * Also seed the bank's ArgoCD with the DPJ clusters and their applications
   * (`seed/dpjApplications.ts`), as `yarn start` does; off where a test registers the
   * DPJ clusters itself.
   */
  argoCdApplications?: boolean;
}): Pick<
  SandboxOptions,
  'awsServices' | 'httpServices' | 'seed' | 'adminRoutes'
> {
  const bound: { context?: SandboxContext } = {};
  const inventory = inventoryOf(bound);
  /** The seeded clusters (account/name@createdAt) and what their autoscaler did. */
  const seededAutoscalers = new Map<string, AutoscalerHistory>();
  const eks = createEksService({
    subnets: (context, accountId, region, subnetIds) => {
      const store = ec2StoreOf(context, accountId, region);
      return subnetIds.flatMap(id => {
        const subnet = store.subnets.get(id);
        return subnet?.VpcId && subnet.AvailabilityZone
          ? [
              {
                id,
                vpcId: subnet.VpcId,
                availabilityZone: subnet.AvailabilityZone,
              },
            ]
          : [];
      });
    },
    clusterSecurityGroups: (context, input) =>
      createSecurityGroupFor(context, {
        ...input,
        // EKS names it `eks-cluster-sg-<cluster>-<10 digits>` ("Amazon EKS security group
        // requirements and considerations", EKS User Guide).
        groupName: `eks-cluster-sg-${input.clusterName}-${String(
          parseInt(
            shortHash(8, input.accountId, input.vpcId, input.clusterName),
            16,
          ),
        )
          .padStart(10, '0')
          .slice(0, 10)}`,
        description:
          'EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.',
      }),
    // A node update drains through the cluster's eviction API, which honours its budgets.
    evictionBlocks: (context, target) =>
      evictionBlocksOf(context, inventory, target),
  });
  return {
    awsServices: [
      withArgoCdDeployments(ec2Service),
      iamService,
      kmsService,
      eks,
      withArgoCdDeployments(elbv2Service),
      withArgoCdDeployments(logsService),
      createCostExplorerService(inventory),
    ],
    httpServices: [
      // ArgoCD reports health after the controllers have acted on what it synced.
      withArgoCdDeployments(
        createArgoCdService({
          resourceHealth: (context, app) =>
            syncedResourceHealth(context, app.metadata.name),
        }),
      ),
      withArgoCdDeployments(
        createKubernetesService(inventory, {
          // The seeded clusters' autoscaler with its history; on others, the one ArgoCD
          // synced, once it runs.
          autoscalerOf: (cluster, context) =>
            seededAutoscalers.get(
              `${cluster.accountId}/${cluster.name}@${cluster.createdAt}`,
            ) ??
            (autoscalerRuns(context, {
              accountId: cluster.accountId,
              region: cluster.region,
              clusterName: cluster.name,
            })
              ? {}
              : undefined),
        }),
      ),
      createPrometheusService(inventory),
    ],
    adminRoutes: [
      {
        method: 'PUT',
        path: '/workloads',
        handle: (body, context) =>
          applyWorkloads(context, body as Parameters<typeof applyWorkloads>[1]),
      },
      {
        method: 'PUT',
        path: '/insights',
        handle: (body, context) =>
          setClusterInsights(
            context,
            body as Parameters<typeof setClusterInsights>[1],
          ),
      },
    ],
    seed: context => {
      bound.context = context;
      seedLandingZone(context);
      seededAutoscalers.clear();
      if (!options.seed) return;
      const createdAt =
        context.clock.nowMillis() - SEEDED_AGE_DAYS * 24 * 3600 * 1000;
      if (options.argoCdApplications) {
        seedArgoCd(
          context,
          dpjArgoCdSeed(context.clock.nowMillis(), context.kubernetesUrl),
        );
      }
      for (const spec of Object.values(DPJ_ENVIRONMENTS)) {
        seedDpjEnvironment(context, spec, createdAt);
        if (spec.autoscaler) {
          seededAutoscalers.set(
            `${spec.account}/${spec.clusterName}@${createdAt}`,
            spec.autoscaler,
          );
        }
      }
    },
  };
}
