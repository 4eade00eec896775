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
import type { Cluster } from '@aws-sdk/client-eks';
import type { StepInventory } from '../../engine/inventory';
import { ClusterNames } from './clusterPlan';

/** What the outputs are written to: the action's context. */
interface Outputs {
  output(name: string, value: unknown): void;
  logger: Pick<LoggerService, 'info'>;
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
    inventory: StepInventory;
    /** The environment's cluster, if it exists. */
    cluster?: Cluster;
    addonVersions: Record<string, string>;
  },
): void {
  const { spec, names, graph, inventory, cluster, addonVersions } = options;
  const { logger } = ctx;
  const nodes = clusterGraph(spec, graph);
  const rows = nodes
    .filter(n => n.type)
    .map(n => {
      const existing = inventory.resourceOf(n)?.id;
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
      version: String(
        inventory.resourceOf(
          nodes.find(n => n.kind === 'eks-addon' && n.name === name)!,
        )?.properties?.version ?? version,
      ),
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
