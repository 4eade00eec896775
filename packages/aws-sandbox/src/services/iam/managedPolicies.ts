/**
 * AWS managed policies a role may attach here. Real IAM holds about a thousand; these are the
 * ones an EKS environment uses, with the path AWS files them under (`service-role/` for some).
 */
const MANAGED_POLICY_PATHS: Record<string, string> = {
  AdministratorAccess: '/',
  ReadOnlyAccess: '/',
  AmazonEKSClusterPolicy: '/',
  AmazonEKSServicePolicy: '/',
  AmazonEKSVPCResourceController: '/',
  AmazonEKSWorkerNodePolicy: '/',
  AmazonEKSWorkerNodeMinimalPolicy: '/',
  AmazonEKS_CNI_Policy: '/',
  AmazonEKSBlockStoragePolicy: '/',
  AmazonEKSComputePolicy: '/',
  AmazonEKSLoadBalancingPolicy: '/',
  AmazonEKSNetworkingPolicy: '/',
  AmazonEC2ContainerRegistryReadOnly: '/',
  AmazonEC2ContainerRegistryPullOnly: '/',
  AmazonSSMManagedInstanceCore: '/',
  CloudWatchAgentServerPolicy: '/',
  AmazonEBSCSIDriverPolicy: '/service-role/',
  AmazonEFSCSIDriverPolicy: '/service-role/',
};

export interface ManagedPolicy {
  name: string;
  arn: string;
}

/** The AWS managed policy an ARN names, or undefined when AWS has none by that ARN. */
export function findManagedPolicy(arn: string): ManagedPolicy | undefined {
  const match =
    /^arn:aws:iam::aws:policy(\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/.exec(arn);
  if (!match) return undefined;
  const [, path, name] = match;
  return MANAGED_POLICY_PATHS[name] === path ? { name, arn } : undefined;
}
