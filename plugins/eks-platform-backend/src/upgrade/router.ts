/**
 * `GET /upgrade-readiness/:namespace/:name`: where a managed cluster stands for its next
 * upgrade — the version EKS says it runs and that version's support dates, the next minor
 * version if EKS offers it in standard support, and the upgrade insights for it by status —
 * for the EKS environment card and its link to the prefilled upgrade template. Read with
 * the caller's credentials (catalog visibility) and the platform's AWS credentials for the
 * cluster's account; cached for a minute per cluster.
 */
import {
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  EKSClient,
  ListInsightsCommand,
} from '@aws-sdk/client-eks';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import {
  isKubernetesClusterEntity,
  nextKubernetesVersion,
  readEksClusterRef,
  UpgradeReadiness,
} from '@internal/plugin-eks-platform-common';
import { RouterOptions } from '../types';
import { entityNameParam } from '../shared/entityNameParam';
import { ClusterEntityTrust } from '../shared/trustedClusterEntity';

// Short: the card should show an upgrade soon after it ends.
const CACHE_TTL_MS = 60 * 1000;
const CLUSTER_SUFFIX = '-cluster';

const day = (date: Date | undefined) => date?.toISOString().slice(0, 10);

export async function readUpgradeReadiness(
  eks: EKSClient,
  clusterName: string,
): Promise<Omit<UpgradeReadiness, 'upgradeForm'>> {
  const { cluster } = await eks.send(
    new DescribeClusterCommand({ name: clusterName }),
  );
  const version = cluster?.version ?? '';
  const next = nextKubernetesVersion(version);
  const [{ clusterVersions = [] }, { insights = [] }] = await Promise.all([
    eks.send(
      new DescribeClusterVersionsCommand({ clusterVersions: [version, next] }),
    ),
    eks.send(
      new ListInsightsCommand({
        clusterName,
        filter: {
          categories: ['UPGRADE_READINESS'],
          kubernetesVersions: [next],
        },
      }),
    ),
  ]);
  const current = clusterVersions.find(v => v.clusterVersion === version);
  const nextInfo = clusterVersions.find(v => v.clusterVersion === next);
  const count = (status: string) =>
    insights.filter(i => i.insightStatus?.status === status).length;
  return {
    clusterName,
    version,
    versionStatus: current?.versionStatus,
    endOfStandardSupport: day(current?.endOfStandardSupportDate),
    endOfExtendedSupport: day(current?.endOfExtendedSupportDate),
    nextVersion:
      nextInfo?.versionStatus === 'STANDARD_SUPPORT' ? next : undefined,
    insights: {
      error: count('ERROR'),
      warning: count('WARNING'),
      passing: count('PASSING'),
      unknown: count('UNKNOWN'),
    },
  };
}

export async function createUpgradeRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { catalog, httpAuth } = options;
  const trust = ClusterEntityTrust.fromConfig(options.config);
  const router = Router();
  router.get('/upgrade-readiness/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const namespace = entityNameParam(req, 'namespace');
    const name = entityNameParam(req, 'name');
    const entity = await catalog.getEntityByRef(
      { kind: 'resource', namespace, name },
      { credentials },
    );
    if (!entity || !isKubernetesClusterEntity(entity)) {
      throw new NotFoundError(
        `No kubernetes-cluster resource named ${namespace}/${name}`,
      );
    }
    // Before any AWS call: the account and cluster come from its annotations.
    trust.assertManaged(entity);
    const ref = readEksClusterRef(entity);
    if (!ref.accountId || !ref.region) {
      throw new NotFoundError(
        `${namespace}/${name} has no AWS account or region annotation`,
      );
    }
    const key = `upgrade-readiness:v1:${ref.accountId}:${ref.region}:${ref.clusterName}`;
    let readiness = (await options.cache.get(key)) as
      | Omit<UpgradeReadiness, 'upgradeForm'>
      | undefined;
    if (!readiness) {
      const eks = await options.aws.create(EKSClient, {
        accountId: ref.accountId,
        region: ref.region,
      });
      try {
        readiness = await readUpgradeReadiness(eks, ref.clusterName);
      } catch (error) {
        const { name: code, message } = error as Error;
        throw new ServiceUnavailableError(
          `EKS in ${ref.accountId}/${ref.region} did not answer for ${ref.clusterName}: ${code}: ${message}`,
        );
      } finally {
        eks.destroy();
      }
      await options.cache.set(key, readiness as any, { ttl: CACHE_TTL_MS });
    }
    const environmentName = ref.clusterName.endsWith(CLUSTER_SUFFIX)
      ? ref.clusterName.slice(0, -CLUSTER_SUFFIX.length)
      : undefined;
    const answer: UpgradeReadiness = {
      ...readiness,
      ...(readiness.nextVersion && environmentName && ref.environment
        ? {
            upgradeForm: {
              environment: ref.environment,
              name: environmentName,
              account: ref.accountId,
              region: ref.region,
              targetVersion: readiness.nextVersion,
            },
          }
        : {}),
    };
    res.json(answer);
  });
  return router;
}
