/**
 * Application load balancers and their target groups and listeners, as the AWS Load
 * Balancer Controller creates them for a cluster's Ingresses. Creating one places a
 * requester-managed network interface in each of its subnets (EC2 holds them); deleting it
 * deletes its listeners at once and leaves the interfaces to EC2, which releases them a
 * little later, so the subnets and security groups stay blocked for that while.
 */
import type {
  LoadBalancer,
  TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AWS_DURATIONS } from '../../core/clock';
import { shortHash } from '../../core/shortHash';
import { AwsError, SandboxContext } from '../../core/types';
import {
  addNetworkInterface,
  releaseNetworkInterfaces,
} from '../ec2/networkInterfaces';
import { internalEc2Call } from '../ec2/otherServices';
import {
  Elbv2Store,
  elbv2StoreOf,
  LoadBalancerRecord,
  TagMap,
} from './elbv2Store';

interface Scope {
  accountId: string;
  region: string;
}

/** `provisioning` for a few minutes after creation, then `active`. */
export function loadBalancerState(
  context: SandboxContext,
  record: LoadBalancerRecord,
): 'provisioning' | 'active' {
  return context.clock.hasElapsed(
    record.loadBalancer.CreatedTime!.getTime(),
    AWS_DURATIONS.loadBalancerCreate,
  )
    ? 'active'
    : 'provisioning';
}

/** An ALB in `subnetIds` (one per zone), with an interface in each. */
export function createApplicationLoadBalancer(
  context: SandboxContext,
  input: Scope & {
    name: string;
    scheme: 'internet-facing' | 'internal';
    subnetIds: string[];
    securityGroupIds: string[];
    tags: TagMap;
    createdAt: number;
  },
): LoadBalancerRecord {
  const store = elbv2StoreOf(context, input.accountId, input.region);
  const ec2 = internalEc2Call(context, input);
  const id = shortHash(
    16,
    `${input.accountId}/${input.region}/${input.name}/${input.createdAt}`,
  );
  const arn = `arn:aws:elasticloadbalancing:${input.region}:${input.accountId}:loadbalancer/app/${input.name}/${id}`;
  const subnets = input.subnetIds.map(
    subnetId => ec2.store.subnets.get(subnetId)!,
  );
  const interfaces = subnets.map((subnet, index) =>
    addNetworkInterface(ec2, {
      subnetId: subnet.SubnetId!,
      groupIds: input.securityGroupIds,
      description: `ELB app/${input.name}/${id}`,
      requesterId: 'amazon-elb',
      publicIp:
        input.scheme === 'internet-facing'
          ? `15.236.${parseInt(id.slice(0, 2), 16)}.${
              (parseInt(id.slice(2, 4), 16) + index) % 256
            }`
          : undefined,
    }),
  );
  const dnsPrefix = input.scheme === 'internal' ? 'internal-' : '';
  const loadBalancer: LoadBalancer = {
    LoadBalancerArn: arn,
    LoadBalancerName: input.name,
    DNSName: `${dnsPrefix}${input.name}-${parseInt(id.slice(0, 8), 16)}.${
      input.region
    }.elb.amazonaws.com`,
    CanonicalHostedZoneId: 'Z3Q77PNBQS71R4',
    CreatedTime: new Date(input.createdAt),
    Scheme: input.scheme,
    VpcId: subnets[0]?.VpcId,
    Type: 'application',
    IpAddressType: 'ipv4',
    AvailabilityZones: subnets.map(s => ({
      ZoneName: s.AvailabilityZone,
      SubnetId: s.SubnetId,
    })),
    SecurityGroups: input.securityGroupIds,
  };
  const record: LoadBalancerRecord = {
    loadBalancer,
    networkInterfaceIds: interfaces.map(i => i.eni.NetworkInterfaceId!),
  };
  store.loadBalancers.set(arn, record);
  store.tags.set(arn, { ...input.tags });
  return record;
}

/** A target group of IP targets, forwarded to by a listener of `loadBalancerArn`. */
export function createTargetGroupWithListener(
  context: SandboxContext,
  input: Scope & {
    name: string;
    loadBalancerArn: string;
    port: number;
    tags: TagMap;
  },
): TargetGroup {
  const store = elbv2StoreOf(context, input.accountId, input.region);
  const lb = store.loadBalancers.get(input.loadBalancerArn)!.loadBalancer;
  const id = shortHash(16, `${input.loadBalancerArn}/${input.name}`);
  const arn = `arn:aws:elasticloadbalancing:${input.region}:${input.accountId}:targetgroup/${input.name}/${id}`;
  const targetGroup: TargetGroup = {
    TargetGroupArn: arn,
    TargetGroupName: input.name,
    Protocol: 'HTTP',
    Port: input.port,
    VpcId: lb.VpcId,
    TargetType: 'ip',
    HealthCheckProtocol: 'HTTP',
    HealthCheckPath: '/',
    LoadBalancerArns: [input.loadBalancerArn],
  };
  store.targetGroups.set(arn, targetGroup);
  store.tags.set(arn, { ...input.tags });
  const listenerArn = `arn:aws:elasticloadbalancing:${input.region}:${
    input.accountId
  }:listener/app/${lb.LoadBalancerName}/${lb
    .LoadBalancerArn!.split('/')
    .pop()}/${shortHash(16, arn)}`;
  store.listeners.set(listenerArn, {
    listenerArn,
    loadBalancerArn: input.loadBalancerArn,
    port: 80,
    protocol: 'HTTP',
    targetGroupArn: arn,
  });
  return targetGroup;
}

/** DeleteLoadBalancer: its listeners go with it; EC2 releases its interfaces later. */
export function deleteLoadBalancer(
  context: SandboxContext,
  scope: Scope,
  arn: string,
): void {
  const store = elbv2StoreOf(context, scope.accountId, scope.region);
  const record = store.loadBalancers.get(arn);
  if (!record) return;
  for (const [listenerArn, listener] of store.listeners) {
    if (listener.loadBalancerArn === arn) store.listeners.delete(listenerArn);
  }
  for (const targetGroup of store.targetGroups.values()) {
    targetGroup.LoadBalancerArns = targetGroup.LoadBalancerArns?.filter(
      a => a !== arn,
    );
  }
  store.loadBalancers.delete(arn);
  store.tags.delete(arn);
  releaseNetworkInterfaces(
    internalEc2Call(context, scope),
    record.networkInterfaceIds,
    AWS_DURATIONS.loadBalancerEniRelease,
  );
}

/** DeleteTargetGroup: refused while a listener forwards to it. */
export function deleteTargetGroup(store: Elbv2Store, arn: string): void {
  const inUse = [...store.listeners.values()].some(
    l => l.targetGroupArn === arn,
  );
  if (inUse) {
    throw new AwsError(
      'ResourceInUse',
      `Target group '${arn}' is currently in use by a listener or a rule`,
    );
  }
  store.targetGroups.delete(arn);
  store.tags.delete(arn);
}
