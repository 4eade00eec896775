/**
 * The dry run of the cluster action: the graph's cluster step with the ids of what exists
 * already, and the outputs a real run would give (dry-run placeholders for the rest).
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  clusterGraph,
  ClusterGraphOptions,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import {
  dryRunResources,
  dryRunSummary,
  logDryRunRows,
} from '../shared/resourceSummary';
import { clusterCatalogOutputs } from './catalogOutputs';
import { ClusterNames } from './clusterPlan';
import { ClusterInventory, isLiveAddon, isLiveCluster } from './discovery';

/** What the outputs are written to: the action's context. */
interface Outputs {
  output(name: string, value: unknown): void;
  logger: Pick<LoggerService, 'info'>;
}

/** The id of a planned resource that exists already, for the dry run. */
function existingId(
  component: string,
  inventory: ClusterInventory,
): string | undefined {
  const { roles, key, cluster, adminAccess, addons } = inventory;
  switch (component) {
    case 'cluster-role':
      return roles.clusterRole?.Arn;
    case 'node-role':
      return roles.nodeRole?.Arn;
    case 'vpc-cni-role':
      return roles.vpcCniRole?.Arn;
    case 'secrets-key':
      return key?.metadata.Arn;
    case 'cluster':
      return isLiveCluster(cluster) ? cluster!.arn : undefined;
    case 'admin-access':
      return adminAccess?.adminPolicy
        ? adminAccess.entry.accessEntryArn
        : undefined;
    default: {
      const addon = addons[component.replace(/^addon-/, '')];
      return isLiveAddon(addon) ? addon.addonArn : undefined;
    }
  }
}

export function outputCatalog(
  ctx: Pick<Outputs, 'output'>,
  spec: EnvironmentSpec,
  cluster: Parameters<typeof clusterCatalogOutputs>[1],
) {
  const { entity, entityRef, consoleUrl } = clusterCatalogOutputs(
    spec,
    cluster,
  );
  ctx.output('entityRef', entityRef);
  ctx.output('entity', entity);
  ctx.output('consoleUrl', consoleUrl);
}

export function outputDryRun(
  ctx: Outputs,
  options: {
    spec: EnvironmentSpec;
    names: ClusterNames;
    graph: ClusterGraphOptions;
    inventory: ClusterInventory;
    addonVersions: Record<string, string>;
  },
): void {
  const { spec, names, graph, inventory, addonVersions } = options;
  const { logger } = ctx;
  const rows = clusterGraph(spec, graph)
    .filter(n => n.type)
    .map(n => {
      const existing = existingId(n.key, inventory);
      return {
        type: n.type!,
        name: n.name,
        component: n.key,
        detail: n.description,
        id: existing ?? `dry-run:${n.key}`,
        exists: existing !== undefined,
      };
    });
  logDryRunRows(logger, rows);
  const idOf = (component: string) =>
    rows.find(r => r.component === component)!.id;
  const cluster = isLiveCluster(inventory.cluster)
    ? inventory.cluster!
    : undefined;
  ctx.output('clusterName', names.cluster);
  ctx.output('clusterArn', idOf('cluster'));
  ctx.output('endpoint', cluster?.endpoint ?? 'dry-run:endpoint');
  ctx.output('certificateAuthority', cluster?.certificateAuthority?.data ?? '');
  ctx.output('oidcIssuer', cluster?.identity?.oidc?.issuer ?? '');
  ctx.output(
    'clusterSecurityGroupId',
    cluster?.resourcesVpcConfig?.clusterSecurityGroupId ??
      'dry-run:cluster-security-group',
  );
  ctx.output('clusterRoleArn', idOf('cluster-role'));
  ctx.output('nodeRoleArn', idOf('node-role'));
  ctx.output('vpcCniRoleArn', idOf('vpc-cni-role'));
  ctx.output('kmsKeyArn', idOf('secrets-key'));
  ctx.output(
    'addons',
    Object.entries(addonVersions).map(([name, version]) => ({
      name,
      version: inventory.addons[name]?.addonVersion ?? version,
    })),
  );
  ctx.output('resources', dryRunResources(rows));
  ctx.output('summary', dryRunSummary(rows));
  outputCatalog(ctx, spec, {
    name: names.cluster,
    endpoint: cluster?.endpoint ?? 'dry-run:endpoint',
    certificateAuthority: cluster?.certificateAuthority?.data ?? '',
  });
}
