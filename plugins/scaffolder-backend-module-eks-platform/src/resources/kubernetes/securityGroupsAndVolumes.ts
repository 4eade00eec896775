/**
 * The security groups the cluster made in the environment's VPCs, and the EBS CSI driver's
 * volumes: the controller's `k8s-*` groups (tagged `elbv2.k8s.aws/cluster`), the group EKS
 * made for the cluster (`eks-cluster-sg-<cluster>-<suffix>`, untagged, normally deleted
 * with the cluster but left when a network interface outlived it), and the volumes of the
 * cluster's PersistentVolumeClaims. A group another group's rule still names answers
 * DependencyViolation, which the engine retries while that one goes.
 */
import {
  DeleteSecurityGroupCommand,
  DeleteVolumeCommand,
  Filter,
  paginateDescribeSecurityGroups,
  paginateDescribeVolumes,
  SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { ListFilter } from '../../engine/types';
import { collect, existing } from '../network/ec2Resources';
import {
  KubernetesMadeContext,
  KubernetesMadeHandler,
  madeByTag,
  vpcIdsOf,
} from './kubernetesResources';

async function groupsInVpcs(
  c: KubernetesMadeContext,
  filter: ListFilter,
  Filters: Filter[],
): Promise<SecurityGroup[]> {
  const vpcIds = await vpcIdsOf(c, filter);
  if (vpcIds.length === 0) return [];
  return collect(
    paginateDescribeSecurityGroups(
      { client: c.clients.ec2 },
      { Filters: [{ Name: 'vpc-id', Values: vpcIds }, ...Filters] },
    ),
    p => p.SecurityGroups,
  );
}

const asGroup = (g: SecurityGroup) =>
  existing(g.GroupId, [{ Key: 'Name', Value: g.GroupName }]);

async function deleteGroup(
  resource: { id: string },
  c: KubernetesMadeContext,
): Promise<boolean> {
  await c.clients.ec2.send(
    new DeleteSecurityGroupCommand({ GroupId: resource.id }),
  );
  return false;
}

export const k8sSecurityGroup: KubernetesMadeHandler = {
  label: 'security group',
  async list(c, filter, nodes) {
    const tag = madeByTag(nodes);
    const groups = await groupsInVpcs(c, filter, [
      { Name: `tag:${tag.key}`, Values: [tag.value] },
    ]);
    return groups.map(asGroup);
  },
  delete: deleteGroup,
};

export const eksClusterSecurityGroup: KubernetesMadeHandler = {
  label: 'security group',
  async list(c, filter, nodes) {
    const prefix = String(nodes[0].properties.namePrefix);
    const groups = await groupsInVpcs(c, filter, []);
    return groups
      .filter(
        g => g.GroupName === prefix || g.GroupName?.startsWith(`${prefix}-`),
      )
      .map(asGroup);
  },
  delete: deleteGroup,
};

export const k8sVolume: KubernetesMadeHandler = {
  label: 'volume',
  // Only while the environment's network is being destroyed: the cluster is gone then.
  async list(c, filter, nodes) {
    if ((await vpcIdsOf(c, filter)).length === 0) return [];
    const tag = madeByTag(nodes);
    const volumes = await collect(
      paginateDescribeVolumes(
        { client: c.clients.ec2 },
        { Filters: [{ Name: `tag:${tag.key}`, Values: [tag.value] }] },
      ),
      p => p.Volumes,
    );
    // Named after the claim the driver made it for.
    return volumes.map(v =>
      existing(v.VolumeId, [
        {
          Key: 'Name',
          Value:
            v.Tags?.find(t => t.Key === 'kubernetes.io/created-for/pvc/name')
              ?.Value ?? v.VolumeId,
        },
      ]),
    );
  },
  async delete(resource, c) {
    await c.clients.ec2.send(
      new DeleteVolumeCommand({ VolumeId: resource.id }),
    );
    return false;
  },
};
