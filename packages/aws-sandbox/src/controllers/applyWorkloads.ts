/**
 * `PUT /_sandbox/workloads`: Kubernetes objects applied to a cluster (the sandbox's
 * Kubernetes API is read-only), with what its controllers then do in AWS. The cluster must
 * be ACTIVE; volume claims bind only if the `aws-ebs-csi-driver` add-on is ACTIVE, whose
 * `configurationValues` decide the volumes' extra tags, as with the real driver.
 */
import {
  AwsError,
  jsonResponse,
  SandboxContext,
  SandboxResponse,
} from '../core/types';
import { eksStoreOf, liveAddons } from '../services/eks/eksStore';
import { phaseOf } from '../services/eks/lifecycle';
import { ec2StoreOf } from '../services/ec2/store';
import {
  ClusterWorkloads,
  deployWorkloads,
  EbsCsiDriverConfig,
} from './clusterWorkloads';

interface ApplyRequest extends Partial<ClusterWorkloads> {
  accountId?: string;
  region?: string;
  clusterName?: string;
}

/** The driver settings of the add-on's configurationValues (its Helm values). */
function driverConfig(
  configurationValues: string | undefined,
): EbsCsiDriverConfig {
  if (!configurationValues) return {};
  const values = JSON.parse(configurationValues) as {
    controller?: {
      k8sTagClusterId?: string;
      extraVolumeTags?: Record<string, string>;
    };
  };
  return {
    k8sTagClusterId: values.controller?.k8sTagClusterId,
    extraVolumeTags: values.controller?.extraVolumeTags,
  };
}

export function applyWorkloads(
  context: SandboxContext,
  body: ApplyRequest,
): SandboxResponse {
  const { accountId, region, clusterName } = body;
  if (!accountId || !region || !clusterName) {
    return jsonResponse(400, {
      message: 'accountId, region and clusterName are required',
    });
  }
  const now = context.clock.nowMillis();
  const stored = eksStoreOf(context, accountId, region).liveCluster(
    clusterName,
    now,
  );
  if (!stored || phaseOf(stored.lifecycle, now) !== 'ACTIVE') {
    return jsonResponse(409, {
      message: `cluster ${clusterName} is not ACTIVE`,
    });
  }
  const ebs = liveAddons(stored, now).find(
    a =>
      a.addon.addonName === 'aws-ebs-csi-driver' &&
      phaseOf(a.lifecycle, now) === 'ACTIVE' &&
      !a.failure,
  );
  const claims = body.volumeClaims ?? [];
  const subnets = ec2StoreOf(context, accountId, region).subnets;
  const zones = [
    ...new Set(
      (stored.cluster.resourcesVpcConfig?.subnetIds ?? []).map(
        id => subnets.get(id)?.AvailabilityZone,
      ),
    ),
  ].filter((zone): zone is string => zone !== undefined);
  try {
    const outcomes = deployWorkloads(
      context,
      {
        accountId,
        region,
        clusterName,
        vpcId: stored.cluster.resourcesVpcConfig!.vpcId!,
      },
      { ingresses: body.ingresses ?? [], volumeClaims: ebs ? claims : [] },
      {
        createdAt: now,
        zones,
        driver: driverConfig(ebs?.addon.configurationValues),
      },
    );
    return jsonResponse(200, {
      deployed: Object.fromEntries(outcomes),
      // Without the driver a claim stays Pending: nothing provisions it.
      pending: ebs ? [] : claims.map(c => `${c.namespace}/${c.name}`),
    });
  } catch (error) {
    if (error instanceof AwsError)
      return jsonResponse(409, { message: error.message });
    throw error;
  }
}
