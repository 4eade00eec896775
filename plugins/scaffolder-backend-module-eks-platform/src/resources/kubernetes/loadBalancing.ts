/**
 * The AWS Load Balancer Controller's load balancers and target groups in the environment's
 * VPCs. A deleted load balancer's network interfaces stay a few minutes and hold its
 * subnets and security groups, so its deletion counts as done once EC2 has released them.
 */
import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2';
import {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { retryWhile } from '../../actions/shared/awsErrors';
import { retryDelaysMs, waitWithProgress } from '../../actions/shared/waiting';
import { collect } from '../network/ec2Resources';
import type { ResourceNode } from '@internal/plugin-eks-platform-common';
import type { ExistingResource, ListFilter } from '../../engine/types';
import {
  KubernetesMadeContext,
  KubernetesMadeHandler,
  madeByTag,
  taggedArns,
  vpcIdsOf,
} from './kubernetesResources';

class InterfacesStillHeld extends Error {}

/** Of the load balancers (or target groups) ELB lists, those in the VPCs the controller tagged. */
async function madeInVpcs<T extends { VpcId?: string }>(
  c: KubernetesMadeContext,
  filter: ListFilter,
  nodes: readonly ResourceNode[],
  describe: () => Promise<T[]>,
  asExisting: (item: T) => ExistingResource,
): Promise<ExistingResource[]> {
  const vpcIds = await vpcIdsOf(c, filter);
  if (vpcIds.length === 0) return [];
  const inVpcs = (await describe())
    .filter(item => vpcIds.includes(item.VpcId ?? ''))
    .map(asExisting);
  const marked = await taggedArns(
    c,
    inVpcs.map(r => r.id),
    madeByTag(nodes),
  );
  return inVpcs.filter(r => marked.has(r.id));
}

export const k8sLoadBalancer: KubernetesMadeHandler = {
  label: 'load balancer',
  list: (c, filter, nodes) =>
    madeInVpcs(
      c,
      filter,
      nodes,
      () =>
        collect(
          paginateDescribeLoadBalancers({ client: c.clients.elbv2 }, {}),
          p => p.LoadBalancers,
        ),
      lb => ({
        id: lb.LoadBalancerArn!,
        label: lb.LoadBalancerName!,
        state: lb.State?.Code,
      }),
    ),
  // Succeeds when it is already gone, as ELB documents.
  async delete(resource, c) {
    await c.clients.elbv2.send(
      new DeleteLoadBalancerCommand({ LoadBalancerArn: resource.id }),
    );
    c.logger.info(
      `Deleted load balancer ${resource.label}, made by the cluster's AWS Load Balancer Controller`,
    );
    return true;
  },
  async waitUntilDeleted(arns, c) {
    // ELB's interfaces are described "ELB app/<name>/<id>", the ARN's last three parts.
    const descriptions = arns.map(
      arn => `ELB ${arn.split(':loadbalancer/')[1]}`,
    );
    const { waitSettings } = c;
    const attempts = Math.ceil(
      waitSettings.maxWaitTimeSeconds / waitSettings.maxDelaySeconds,
    );
    await waitWithProgress({
      logger: c.logger,
      what: `EC2 to release the network interfaces of ${arns.length} load balancer(s)`,
      settings: waitSettings,
      abortSignal: c.abortSignal,
      wait: () =>
        retryWhile(
          error => error instanceof InterfacesStillHeld,
          async () => {
            const { NetworkInterfaces = [] } = await c.clients.ec2.send(
              new DescribeNetworkInterfacesCommand({
                Filters: [{ Name: 'description', Values: descriptions }],
              }),
            );
            if (NetworkInterfaces.length > 0) {
              throw new InterfacesStillHeld(
                `${NetworkInterfaces.length} network interface(s) of deleted load balancers still exist`,
              );
            }
          },
          retryDelaysMs(waitSettings, attempts + 4),
        ),
    });
  },
};

export const k8sTargetGroup: KubernetesMadeHandler = {
  label: 'target group',
  list: (c, filter, nodes) =>
    madeInVpcs(
      c,
      filter,
      nodes,
      () =>
        collect(
          paginateDescribeTargetGroups({ client: c.clients.elbv2 }, {}),
          p => p.TargetGroups,
        ),
      tg => ({ id: tg.TargetGroupArn!, label: tg.TargetGroupName! }),
    ),
  // A listener still using it (ELB is slow to see it gone) answers ResourceInUse, which
  // the engine retries; one already gone (TargetGroupNotFound) counts as deleted.
  async delete(resource, c) {
    await c.clients.elbv2.send(
      new DeleteTargetGroupCommand({ TargetGroupArn: resource.id }),
    );
    return false;
  },
};
