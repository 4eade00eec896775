/**
 * The last step of an upgrade: the platform charts' values that follow the Kubernetes
 * version (`KUBERNETES_VERSION_PINS`) move to the target's. Planned read-only with the
 * other pre-checks — a target without a known value refuses the upgrade before any
 * change — and applied once the node groups run the target. In api mode the environment's
 * Applications are updated through the ArgoCD API; in gitops mode they live in Git,
 * which this action does not write, so it names the change to commit.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import { ArgoCdClient } from '../argocd/api';
import { applicationName } from '../argocd/manifests/argoCdNames';
import {
  KUBERNETES_VERSION_PINS,
  pinnedValueOf,
  withPinnedValue,
} from '../argocd/manifests/kubernetesVersionPins';

export interface ChartRepin {
  componentId: string;
  application: string;
  valuePath: string[];
  /** What ArgoCD holds now; undefined in gitops mode, where it is in Git. */
  from?: string;
  to: string;
}

export interface ChartRepinPlan {
  repins: ChartRepin[];
  blocking: string[];
  checks: string[];
}

const VALUES = ['spec', 'source', 'helm', 'valuesObject'];

function describe(repin: ChartRepin): string {
  return `${repin.application} ${repin.valuePath.join('.')} ${
    repin.from ?? '(in Git)'
  } → ${repin.to}`;
}

/** What has to change, read from ArgoCD in api mode (`client`); no change made. */
export async function planChartRepins(
  spec: EnvironmentSpec,
  target: string,
  client: ArgoCdClient | undefined,
): Promise<ChartRepinPlan> {
  const plan: ChartRepinPlan = { repins: [], blocking: [], checks: [] };
  for (const pin of KUBERNETES_VERSION_PINS) {
    const application = applicationName(spec, pin.componentId);
    const to = pin.valueFor(target);
    if (!to) {
      plan.blocking.push(
        `No ${pin.componentId} ${pin.valuePath.join(
          '.',
        )} is known for Kubernetes ${target} (${
          pin.source
        }): add its release, then upgrade`,
      );
      continue;
    }
    if (!client) {
      plan.repins.push({
        componentId: pin.componentId,
        application,
        valuePath: pin.valuePath,
        to,
      });
      continue;
    }
    const current = await client.getApplication(application, spec.name);
    if (!current) {
      plan.checks.push(
        `ArgoCD ${client.instance.name} has no application ${application} in project ${spec.name}: nothing to re-pin`,
      );
      continue;
    }
    const from = pinnedValueOf(valuesOf(current), pin.valuePath);
    const repin = {
      componentId: pin.componentId,
      application,
      valuePath: pin.valuePath,
      from,
      to,
    };
    plan.checks.push(`Chart values: ${describe(repin)}`);
    if (from !== to) plan.repins.push(repin);
  }
  return plan;
}

function valuesOf(app: Record<string, any>): Record<string, unknown> {
  return VALUES.reduce((node, key) => node?.[key], app) ?? {};
}

/** Applies the plan: updates the Applications (api) or names the commits (gitops). */
export async function applyChartRepins(options: {
  spec: EnvironmentSpec;
  repins: ChartRepin[];
  /** api mode; undefined in gitops mode. */
  client: ArgoCdClient | undefined;
  /** The environment's folder of the GitOps repository, e.g. clusters/dpj-dev. */
  folder: string;
  logger: Pick<LoggerService, 'info' | 'warn'>;
}): Promise<string[]> {
  const { spec, repins, client, logger } = options;
  const done: string[] = [];
  for (const repin of repins) {
    if (!client) {
      logger.warn(
        `Commit to the GitOps repository: in ${options.folder}/apps/${
          repin.componentId
        }.yaml, set spec.source.helm.valuesObject.${repin.valuePath.join(
          '.',
        )} to ${repin.to}, now that the nodes run the new Kubernetes version`,
      );
      done.push(`to commit: ${describe(repin)}`);
      continue;
    }
    // Read again: what ArgoCD holds may have changed during the node groups' roll.
    const current = await client.getApplication(repin.application, spec.name);
    if (!current) {
      logger.warn(
        `ArgoCD ${client.instance.name}: application ${repin.application} is gone, nothing re-pinned`,
      );
      continue;
    }
    const outcome = await client.upsertApplication({
      metadata: {
        name: repin.application,
        labels: current.metadata?.labels,
        annotations: current.metadata?.annotations,
        finalizers: current.metadata?.finalizers,
      },
      spec: {
        ...current.spec,
        source: {
          ...current.spec.source,
          helm: {
            ...current.spec.source?.helm,
            valuesObject: withPinnedValue(
              valuesOf(current),
              repin.valuePath,
              repin.to,
            ),
          },
        },
      },
    });
    logger.info(
      `ArgoCD ${client.instance.name}: ${describe(repin)} (${outcome})`,
    );
    done.push(`chart values ${describe(repin)}`);
  }
  return done;
}
