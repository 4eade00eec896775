/**
 * What a cluster's controllers made in AWS outside any create action: the AWS Load Balancer
 * Controller's load balancers, target groups and `k8s-*` security groups (tagged
 * `elbv2.k8s.aws/cluster`), and the EBS CSI driver's volumes (tagged
 * `kubernetes.io/cluster/<cluster>: owned`, since the node group action runs the driver
 * with the cluster's name as its cluster id). They carry none of the environment's tags and
 * outlive the cluster; a load balancer's network interfaces hold its subnets, security
 * groups and the internet gateway (DependencyViolation), so destroy removes them after the
 * cluster (whose controllers would otherwise make them again) and before the network.
 */
import {
  DeleteSecurityGroupCommand,
  DeleteVolumeCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
  paginateDescribeSecurityGroups,
  paginateDescribeVolumes,
  SecurityGroup,
  Volume,
} from '@aws-sdk/client-ec2';
import {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  LoadBalancer,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { collect } from '../network/discovery';
import { unlessMissing } from '../cluster/clusterClients';
import { awsErrorCode, retryWhile } from '../shared/awsErrors';
import {
  retryDelaysMs,
  waitWithProgress,
  WaitSettings,
} from '../shared/waiting';
import type { DestroyedResource } from './destroyInventory';

/** The tag the AWS Load Balancer Controller puts on everything it creates. */
export const LOAD_BALANCER_CONTROLLER_CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

/** The EBS CSI driver's tag when it runs with a cluster id (`k8sTagClusterId`). */
export const ebsVolumeClusterTag = (clusterName: string) =>
  `kubernetes.io/cluster/${clusterName}`;

export interface KubernetesMadeResources {
  loadBalancers: LoadBalancer[];
  targetGroups: TargetGroup[];
  securityGroups: SecurityGroup[];
  volumes: Volume[];
}

export interface KubernetesMadeClients {
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
}

/** ARNs whose tags name the cluster, read 20 at a time (DescribeTags' limit). */
async function taggedForCluster(
  elbv2: ElasticLoadBalancingV2Client,
  arns: string[],
  clusterName: string,
): Promise<Set<string>> {
  const ours = new Set<string>();
  for (let i = 0; i < arns.length; i += 20) {
    const { TagDescriptions = [] } = await elbv2.send(
      new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }),
    );
    for (const description of TagDescriptions) {
      const tag = description.Tags?.find(
        t => t.Key === LOAD_BALANCER_CONTROLLER_CLUSTER_TAG,
      );
      if (tag?.Value === clusterName) ours.add(description.ResourceArn!);
    }
  }
  return ours;
}

/** Read-only: what the cluster's controllers left in the environment's VPCs and zones. */
export async function findKubernetesMadeResources(
  { ec2, elbv2 }: KubernetesMadeClients,
  clusterName: string,
  vpcIds: string[],
): Promise<KubernetesMadeResources> {
  const inVpcs = <T extends { VpcId?: string }>(items: T[]) =>
    items.filter(item => item.VpcId && vpcIds.includes(item.VpcId));
  const [allLoadBalancers, allTargetGroups, securityGroups, volumes] =
    await Promise.all([
      vpcIds.length
        ? collect(
            paginateDescribeLoadBalancers({ client: elbv2 }, {}),
            p => p.LoadBalancers,
          )
        : [],
      vpcIds.length
        ? collect(
            paginateDescribeTargetGroups({ client: elbv2 }, {}),
            p => p.TargetGroups,
          )
        : [],
      vpcIds.length
        ? collect(
            paginateDescribeSecurityGroups(
              { client: ec2 },
              {
                Filters: [
                  { Name: 'vpc-id', Values: vpcIds },
                  {
                    Name: `tag:${LOAD_BALANCER_CONTROLLER_CLUSTER_TAG}`,
                    Values: [clusterName],
                  },
                ],
              },
            ),
            p => p.SecurityGroups,
          )
        : [],
      collect(
        paginateDescribeVolumes(
          { client: ec2 },
          {
            Filters: [
              {
                Name: `tag:${ebsVolumeClusterTag(clusterName)}`,
                Values: ['owned'],
              },
            ],
          },
        ),
        p => p.Volumes,
      ),
    ]);
  const loadBalancers = inVpcs(allLoadBalancers);
  const targetGroups = inVpcs(allTargetGroups);
  const ours = await taggedForCluster(
    elbv2,
    [
      ...loadBalancers.map(lb => lb.LoadBalancerArn!),
      ...targetGroups.map(tg => tg.TargetGroupArn!),
    ],
    clusterName,
  );
  return {
    loadBalancers: loadBalancers.filter(lb => ours.has(lb.LoadBalancerArn!)),
    targetGroups: targetGroups.filter(tg => ours.has(tg.TargetGroupArn!)),
    securityGroups,
    volumes,
  };
}

/** The rows a dry run lists, in the order they are deleted. */
export function kubernetesMadeRows(
  found: KubernetesMadeResources,
): DestroyedResource[] {
  return [
    ...found.loadBalancers.map(lb => ({
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      name: lb.LoadBalancerName!,
      id: lb.LoadBalancerArn!,
    })),
    ...found.targetGroups.map(tg => ({
      type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      name: tg.TargetGroupName!,
      id: tg.TargetGroupArn!,
    })),
    ...found.securityGroups.map(g => ({
      type: 'AWS::EC2::SecurityGroup',
      name: g.GroupName!,
      id: g.GroupId!,
    })),
    ...found.volumes.map(v => ({
      type: 'AWS::EC2::Volume',
      name:
        v.Tags?.find(t => t.Key === 'kubernetes.io/created-for/pvc/name')
          ?.Value ?? v.VolumeId!,
      id: v.VolumeId!,
    })),
  ];
}

class InterfacesStillHeld extends Error {}

/**
 * Deletes the load balancers and target groups, then waits until EC2 has released the
 * load balancers' network interfaces, which it does a few minutes after each deletion.
 */
export async function deleteKubernetesLoadBalancers(
  { ec2, elbv2 }: KubernetesMadeClients,
  found: KubernetesMadeResources,
  options: {
    logger: Pick<LoggerService, 'info' | 'warn'>;
    waitSettings: WaitSettings;
    abortSignal?: AbortSignal;
  },
): Promise<DestroyedResource[]> {
  const { logger, waitSettings } = options;
  const rows = kubernetesMadeRows(found);
  for (const lb of found.loadBalancers) {
    // Succeeds when it is already gone, as ELB documents.
    await elbv2.send(
      new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    logger.info(
      `Deleted load balancer ${lb.LoadBalancerName} (${lb.DNSName}), made by the cluster's AWS Load Balancer Controller`,
    );
  }
  for (const tg of found.targetGroups) {
    // Its listeners go with the load balancer; ELB may take a moment to see it. One
    // already gone (TargetGroupNotFound) counts as deleted.
    await unlessMissing(() =>
      retryWhile(
        error => awsErrorCode(error) === 'ResourceInUseException',
        () =>
          elbv2.send(
            new DeleteTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn }),
          ),
        retryDelaysMs(waitSettings, 4),
      ),
    );
    logger.info(`Deleted target group ${tg.TargetGroupName}`);
  }
  // ELB's interfaces are described "ELB app/<name>/<id>", the ARN's last three parts.
  const descriptions = found.loadBalancers.map(
    lb => `ELB ${lb.LoadBalancerArn!.split(':loadbalancer/')[1]}`,
  );
  if (descriptions.length) {
    const attempts = Math.ceil(
      waitSettings.maxWaitTimeSeconds / waitSettings.maxDelaySeconds,
    );
    await waitWithProgress({
      logger,
      what: `EC2 to release the network interfaces of ${descriptions.length} load balancer(s)`,
      settings: waitSettings,
      abortSignal: options.abortSignal,
      wait: () =>
        retryWhile(
          error => error instanceof InterfacesStillHeld,
          async () => {
            const { NetworkInterfaces = [] } = await ec2.send(
              new DescribeNetworkInterfacesCommand({
                Filters: [{ Name: 'description', Values: descriptions }],
              }),
            );
            if (NetworkInterfaces.length) {
              throw new InterfacesStillHeld(
                `${NetworkInterfaces.length} network interface(s) of deleted load balancers still exist`,
              );
            }
          },
          retryDelaysMs(waitSettings, attempts + 4),
        ),
    });
  }
  return rows.filter(r => r.type.startsWith('AWS::ElasticLoadBalancingV2'));
}

/** Deletes the controller's security groups and the driver's (detached) volumes; one already gone counts as deleted. */
export async function deleteKubernetesSecurityGroupsAndVolumes(
  { ec2 }: KubernetesMadeClients,
  found: KubernetesMadeResources,
  logger: Pick<LoggerService, 'info'>,
): Promise<DestroyedResource[]> {
  // The per-load-balancer groups first: the shared backend group is used by them all.
  const groups = [...found.securityGroups].sort(
    (a, b) =>
      Number(a.GroupName!.startsWith('k8s-traffic-')) -
      Number(b.GroupName!.startsWith('k8s-traffic-')),
  );
  for (const group of groups) {
    await unlessMissing(() =>
      ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId })),
    );
    logger.info(`Deleted security group ${group.GroupId} (${group.GroupName})`);
  }
  for (const volume of found.volumes) {
    await unlessMissing(() =>
      ec2.send(new DeleteVolumeCommand({ VolumeId: volume.VolumeId })),
    );
    logger.info(
      `Deleted volume ${volume.VolumeId} (${volume.Size} GiB) of a PersistentVolumeClaim`,
    );
  }
  return kubernetesMadeRows({
    ...found,
    loadBalancers: [],
    targetGroups: [],
    securityGroups: groups,
  });
}
