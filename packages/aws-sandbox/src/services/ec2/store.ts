import type {
  Address,
  FlowLog,
  InternetGateway,
  LaunchTemplate,
  NetworkAcl,
  NetworkInterface,
  ResponseLaunchTemplateData,
  RouteTable,
  Subnet,
  Volume,
  Vpc,
} from '@aws-sdk/client-ec2';
import { SandboxContext } from '../../core/types';

/** Tags live beside the resources so CreateTags/DescribeTags work on every type alike. */
export type TagMap = Record<string, string>;

export interface VpcRecord {
  vpc: Vpc;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
}

export interface NatGatewayRecord {
  id: string;
  vpcId: string;
  subnetId: string;
  allocationId: string;
  networkInterfaceId: string;
  /** The association of the Elastic IP with the gateway's network interface. */
  associationId: string;
  privateIp: string;
  connectivityType: string;
  createdAt: number;
  /** From when other EC2 calls know the gateway (eventual consistency). */
  visibleAt: number;
  /** When the gateway leaves `pending` (creation time plus the scaled AWS duration). */
  readyAt: number;
  /** Set at creation when AWS would fail it, e.g. no internet gateway on the VPC. */
  failure?: { code: string; message: string };
  deleteRequestedAt?: number;
  /** When the gateway reaches `deleted`. */
  deletedAt?: number;
}

/** One security group rule; IpPermissions are rebuilt from these when described. */
export interface SecurityGroupRuleRecord {
  id: string;
  isEgress: boolean;
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  referencedGroupId?: string;
  description?: string;
}

export interface SecurityGroupRecord {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  rules: SecurityGroupRuleRecord[];
}

export interface LaunchTemplateVersionRecord {
  versionNumber: number;
  description?: string;
  createTime: Date;
  data: ResponseLaunchTemplateData;
}

export interface LaunchTemplateRecord {
  template: LaunchTemplate;
  versions: LaunchTemplateVersionRecord[];
}

/** A network interface another service placed in the VPC (see networkInterfaces.ts). */
export interface NetworkInterfaceRecord {
  eni: NetworkInterface;
  /** When EC2 releases it, once its owner was deleted. */
  releasedAt?: number;
}

/** An EBS volume; `attachment.attached()` says whether its node still runs. */
export interface VolumeRecord {
  volume: Volume;
  attachment?: { instanceId: string; attached: () => boolean };
}

/** EC2 resources of one account in one region. */
export class Ec2Store {
  readonly vpcs = new Map<string, VpcRecord>();
  readonly subnets = new Map<string, Subnet>();
  readonly internetGateways = new Map<string, InternetGateway>();
  /** Keyed by allocation id. */
  readonly addresses = new Map<string, Address>();
  readonly natGateways = new Map<string, NatGatewayRecord>();
  readonly routeTables = new Map<string, RouteTable>();
  readonly securityGroups = new Map<string, SecurityGroupRecord>();
  readonly networkAcls = new Map<string, NetworkAcl>();
  readonly launchTemplates = new Map<string, LaunchTemplateRecord>();
  readonly flowLogs = new Map<string, FlowLog>();
  readonly networkInterfaces = new Map<string, NetworkInterfaceRecord>();
  readonly volumes = new Map<string, VolumeRecord>();
  readonly tags = new Map<string, TagMap>();
  /** `Operation/token` → id of the resource that request created. */
  readonly clientTokens = new Map<string, string>();
  /** Addresses other services placed in a subnet (EKS cluster ENIs, nodes). */
  readonly addressesInUse = new Map<string, number>();
  /** The region's default DHCP option set, created with the first VPC. */
  dhcpOptionsId?: string;

  tagsOf(resourceId: string): TagMap {
    return this.tags.get(resourceId) ?? {};
  }

  setTags(resourceId: string, tags: TagMap): void {
    if (Object.keys(tags).length === 0) return;
    this.tags.set(resourceId, { ...this.tagsOf(resourceId), ...tags });
  }
}

/** The EC2 store of one account and region, created empty on first use. */
export function ec2StoreOf(
  context: SandboxContext,
  accountId: string,
  region: string,
): Ec2Store {
  return context.state.scope('ec2', accountId, region, () => new Ec2Store());
}

/** Everything a handler needs besides its input. */
export interface Ec2Call {
  store: Ec2Store;
  accountId: string;
  region: string;
  context: SandboxContext;
  operation: string;
}
