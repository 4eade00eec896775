import { SandboxContext } from '../../core/types';
import type { RoleAsSeen } from '../iam';

/** What EKS needs to know about a subnet it is given. */
export interface SubnetFacts {
  id: string;
  vpcId: string;
  availabilityZone: string;
}

/**
 * Reads subnets of an account and region (the EC2 store, once wired). Returns the subnets
 * found among `subnetIds`; ids it leaves out do not exist.
 */
export type SubnetLookup = (
  context: SandboxContext,
  accountId: string,
  region: string,
  subnetIds: string[],
) => SubnetFacts[];

/** An IAM role as EKS sees it when it assumes it (IAM's `roleAsSeenBy`); undefined if none. */
export type RoleLookup = (
  context: SandboxContext,
  accountId: string,
  roleArn: string,
) => RoleAsSeen | undefined;

/** Creates the security group EKS makes for a new cluster (`eks-cluster-sg-<name>-…`); returns its id. */
export type ClusterSecurityGroupFactory = (
  context: SandboxContext,
  input: {
    accountId: string;
    region: string;
    vpcId: string;
    clusterName: string;
  },
) => string;

/**
 * The PodDisruptionBudgets that refuse to let a node group's pods go now (the cluster's
 * Kubernetes API): what a rolling update's drain runs into.
 */
export type EvictionBlockLookup = (
  context: SandboxContext,
  target: {
    accountId: string;
    region: string;
    clusterName: string;
    nodegroupName: string;
  },
) => { budget: string; nodes: string[]; message: string }[];

export interface EksDependencies {
  subnets: SubnetLookup;
  /** Defaults to the sandbox's own IAM roles. */
  roles?: RoleLookup;
  /** Defaults to an id that no EC2 store knows. */
  clusterSecurityGroups?: ClusterSecurityGroupFactory;
  /** Defaults to none: no Kubernetes API, no budget. */
  evictionBlocks?: EvictionBlockLookup;
}
