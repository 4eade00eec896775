/**
 * `PUT /_sandbox/workloads`: Kubernetes objects applied to a cluster (the sandbox's
 * Kubernetes API is read-only), with what its controllers then do in AWS. The cluster must
 * be ACTIVE. Volume claims bind only if the `aws-ebs-csi-driver` add-on is ACTIVE and its
 * pods have credentials allowing ec2:CreateVolume (its `configurationValues` decide the
 * volumes' extra tags, as with the real driver); Ingresses get a load balancer only if the
 * controller's service account has credentials allowing elasticloadbalancing:CreateLoadBalancer.
 * What nothing provisions is returned as pending, with the reason.
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
  credentialsProblem,
  EBS_CSI_DRIVER,
  LOAD_BALANCER_CONTROLLER,
} from './controllerCredentials';
import {
  ClusterPlacement,
  ClusterWorkloads,
  deployWorkloads,
  EbsCsiDriverConfig,
} from './clusterWorkloads';
import { storageClassProblem, VolumeClaimSpec } from './ebsCsiDriver';

export interface ApplyRequest extends Partial<ClusterWorkloads> {
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
    defaultStorageClass?: { enabled?: boolean };
  };
  return {
    k8sTagClusterId: values.controller?.k8sTagClusterId,
    extraVolumeTags: values.controller?.extraVolumeTags,
    defaultStorageClass: values.defaultStorageClass?.enabled === true,
  };
}

export type DeployResult =
  | {
      /** Where it deployed: the cluster and its VPC. */
      at: ClusterPlacement;
      deployed: Record<string, unknown>;
      pending: { object: string; reason: string }[];
    }
  | { status: number; message: string };

/** Deploys `request`'s objects on its cluster, made at `createdAt`. */
export function deployToCluster(
  context: SandboxContext,
  request: ApplyRequest,
  createdAt: number,
): DeployResult {
  const { accountId, region, clusterName } = request;
  if (!accountId || !region || !clusterName) {
    return {
      status: 400,
      message: 'accountId, region and clusterName are required',
    };
  }
  const now = context.clock.nowMillis();
  const stored = eksStoreOf(context, accountId, region).liveCluster(
    clusterName,
    now,
  );
  if (!stored || phaseOf(stored.lifecycle, now) !== 'ACTIVE') {
    return { status: 409, message: `cluster ${clusterName} is not ACTIVE` };
  }
  const ebs = liveAddons(stored, now).find(
    a =>
      a.addon.addonName === 'aws-ebs-csi-driver' &&
      phaseOf(a.lifecycle, now) === 'ACTIVE' &&
      !a.failure,
  );
  const driverProblem = ebs
    ? credentialsProblem(context, accountId, stored, EBS_CSI_DRIVER)
    : 'the aws-ebs-csi-driver add-on is not ACTIVE';
  const controllerProblem = credentialsProblem(
    context,
    accountId,
    stored,
    LOAD_BALANCER_CONTROLLER,
  );
  const driver = driverConfig(ebs?.addon.configurationValues);
  const claimProblem = (claim: VolumeClaimSpec) =>
    driverProblem ?? storageClassProblem(claim, driver);
  const claims = request.volumeClaims ?? [];
  const ingresses = request.ingresses ?? [];
  const subnets = ec2StoreOf(context, accountId, region).subnets;
  const zones = [
    ...new Set(
      (stored.cluster.resourcesVpcConfig?.subnetIds ?? []).map(
        id => subnets.get(id)?.AvailabilityZone,
      ),
    ),
  ].filter((zone): zone is string => zone !== undefined);
  const at: ClusterPlacement = {
    accountId,
    region,
    clusterName,
    vpcId: stored.cluster.resourcesVpcConfig!.vpcId!,
  };
  try {
    const outcomes = deployWorkloads(
      context,
      at,
      {
        ingresses: controllerProblem ? [] : ingresses,
        volumeClaims: claims.filter(claim => !claimProblem(claim)),
      },
      { createdAt, zones, driver },
    );
    // What nothing provisions stays Pending (a claim) or without address (an Ingress).
    const pending = [
      ...claims
        .filter(claim => claimProblem(claim))
        .map(c => ({
          object: `PersistentVolumeClaim ${c.namespace}/${c.name}`,
          reason: claimProblem(c)!,
        })),
      ...(controllerProblem ? ingresses : []).map(i => ({
        object: `Ingress ${i.namespace}/${i.name}`,
        reason: controllerProblem!,
      })),
    ];
    return { at, deployed: Object.fromEntries(outcomes), pending };
  } catch (error) {
    if (error instanceof AwsError)
      return { status: 409, message: error.message };
    throw error;
  }
}

export function applyWorkloads(
  context: SandboxContext,
  body: ApplyRequest,
): SandboxResponse {
  const result = deployToCluster(context, body, context.clock.nowMillis());
  if ('status' in result) {
    return jsonResponse(result.status, { message: result.message });
  }
  return jsonResponse(200, {
    deployed: result.deployed,
    pending: result.pending,
  });
}
