/**
 * The neutral view of emulated resources that derived services read: Cost Explorer costs
 * them, the Kubernetes API turns node groups into nodes, Prometheus keeps a history per
 * cluster. The EKS and EC2 services provide it; readers never touch their stores.
 */

/** Epoch milliseconds of the sandbox clock. */
export type Millis = number;

export interface NodegroupInventory {
  name: string;
  capacityType: 'ON_DEMAND' | 'SPOT';
  instanceTypes: string[];
  minSize: number;
  desiredSize: number;
  maxSize: number;
  /** CREATING, ACTIVE, UPDATING, DELETING, CREATE_FAILED… as EKS reports it. */
  status: string;
  createdAt: Millis;
  /** Set once deletion has completed. */
  deletedAt?: Millis;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  diskSizeGiB: number;
  tags: Record<string, string>;
  /** The Auto Scaling group EKS runs the node group as. */
  autoScalingGroup?: string;
}

export interface ClusterInventory {
  accountId: string;
  region: string;
  name: string;
  version: string;
  status: string;
  createdAt: Millis;
  deletedAt?: Millis;
  tags: Record<string, string>;
  nodegroups: NodegroupInventory[];
  /** Names of the EKS add-ons that run (ACTIVE, UPDATING or DEGRADED); absent when not known. */
  addons?: string[];
}

export interface NatGatewayInventory {
  accountId: string;
  region: string;
  id: string;
  createdAt: Millis;
  deletedAt?: Millis;
  tags: Record<string, string>;
}

export interface SubnetInventory {
  accountId: string;
  region: string;
  id: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  availableIpAddressCount: number;
  tags: Record<string, string>;
}

/** Read access to what exists (and existed: deleted resources keep their deletedAt). */
export interface InventoryReader {
  clusters(): ClusterInventory[];
  natGateways(): NatGatewayInventory[];
  subnets(): SubnetInventory[];
}
