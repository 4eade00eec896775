/**
 * What the EBS CSI driver does in AWS for a PersistentVolumeClaim of a gp3 StorageClass: an
 * encrypted gp3 volume in the zone of the node the pod lands on, attached to that node,
 * tagged as the driver documents ("Tagging", aws-ebs-csi-driver docs): `CSIVolumeName`,
 * `ebs.csi.aws.com/cluster: true` and the `kubernetes.io/created-for/…` keys, plus
 * `KubernetesCluster` and `kubernetes.io/cluster/<id>: owned` only when the driver runs with
 * a cluster id (`controller.k8sTagClusterId`), and `controller.extraVolumeTags`.
 */
import { SandboxContext } from '../core/types';
import { internalEc2Call } from '../services/ec2/otherServices';
import { TagMap } from '../services/ec2/store';
import { addVolume } from '../services/ec2/volumes';
import { shortHash } from '../core/shortHash';

export interface VolumeClaimSpec {
  namespace: string;
  name: string;
  sizeGiB: number;
  /** Absent: the cluster's default StorageClass. */
  storageClassName?: string;
}

/** The driver's configuration, as the add-on's configurationValues give it. */
export interface EbsCsiDriverConfig {
  k8sTagClusterId?: string;
  extraVolumeTags?: TagMap;
  /** `defaultStorageClass.enabled`: the add-on creates the default class. */
  defaultStorageClass?: boolean;
}

/** The StorageClass the add-on creates when `defaultStorageClass.enabled` is true. */
export const DEFAULT_STORAGE_CLASS = 'ebs-csi-default-sc';

/**
 * Why a claim finds no StorageClass to provision it, as the PV controller's events say:
 * EKS makes no default class on clusters of 1.30 and later ("Storage classes", EKS User
 * Guide), so the only class is the add-on's, when it is asked to make one.
 */
export function storageClassProblem(
  claim: VolumeClaimSpec,
  driver: EbsCsiDriverConfig,
): string | undefined {
  const available = driver.defaultStorageClass
    ? DEFAULT_STORAGE_CLASS
    : undefined;
  if (claim.storageClassName === undefined) {
    return available
      ? undefined
      : 'no persistent volumes available for this claim and no storage class is set';
  }
  return claim.storageClassName === available
    ? undefined
    : `storageclass.storage.k8s.io "${claim.storageClassName}" not found`;
}

export function provisionClaimVolume(
  context: SandboxContext,
  input: {
    accountId: string;
    region: string;
    clusterName: string;
    claim: VolumeClaimSpec;
    availabilityZone: string;
    createdAt: number;
    driver: EbsCsiDriverConfig;
    /** Whether the node it is attached to still runs. */
    attached: () => boolean;
  },
): string {
  const { claim, driver } = input;
  const hash = shortHash(
    32,
    input.accountId,
    input.clusterName,
    claim.namespace,
    claim.name,
  );
  const pvName = `pvc-${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(
    12,
    16,
  )}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
  const tags: TagMap = {
    ...driver.extraVolumeTags,
    CSIVolumeName: pvName,
    'ebs.csi.aws.com/cluster': 'true',
    'kubernetes.io/created-for/pvc/name': claim.name,
    'kubernetes.io/created-for/pvc/namespace': claim.namespace,
    'kubernetes.io/created-for/pv/name': pvName,
    ...(driver.k8sTagClusterId
      ? {
          KubernetesCluster: driver.k8sTagClusterId,
          [`kubernetes.io/cluster/${driver.k8sTagClusterId}`]: 'owned',
        }
      : {}),
  };
  return addVolume(internalEc2Call(context, input), {
    availabilityZone: input.availabilityZone,
    sizeGiB: claim.sizeGiB,
    tags,
    createdAt: input.createdAt,
    attachment: {
      instanceId: context.state.nextId('i'),
      attached: input.attached,
    },
  }).volume.VolumeId!;
}
