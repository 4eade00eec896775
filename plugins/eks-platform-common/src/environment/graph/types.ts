/**
 * One node per AWS resource (or per relation or setting of one) an environment consists of.
 * The plan action, the dry runs, the provisioning engine, rollback and destroy all read
 * these nodes; nothing else lists an environment's resources.
 */

/**
 * The scaffolder step (action) that creates a node; `kubernetes` for what the cluster's
 * controllers make at run time, which no action creates and destroy removes.
 */
export type ProvisioningStep =
  | 'network'
  | 'cluster'
  | 'nodegroups'
  | 'kubernetes';

export type ResourceKind =
  | 'vpc'
  | 'vpc-attribute'
  | 'default-security-group'
  | 'flow-log'
  | 'subnet'
  | 'internet-gateway'
  | 'internet-gateway-attachment'
  | 'route-table'
  | 'route'
  | 'route-table-association'
  | 'elastic-ip'
  | 'nat-gateway'
  | 'iam-role'
  | 'iam-role-trust'
  | 'iam-role-policies'
  | 'iam-role-inline-policy'
  | 'pod-identity-association'
  | 'log-group'
  | 'log-group-retention'
  | 'kms-key'
  | 'kms-alias'
  | 'kms-key-rotation'
  | 'eks-cluster'
  | 'access-entry'
  | 'access-policy-association'
  | 'eks-addon'
  | 'launch-template'
  | 'eks-nodegroup'
  | 'k8s-load-balancer'
  | 'k8s-target-group'
  | 'k8s-security-group'
  | 'eks-cluster-security-group'
  | 'k8s-volume';

export type NodeProperty = string | number | boolean | string[];

export interface ResourceNode {
  /**
   * Stable for the life of the environment: the resource's role tag
   * (`eks-platform:component`), by which it is found again, and its checkpoint key.
   * A relation's key is its owner's with a suffix: `public-route-table.default-route`.
   */
  key: string;
  kind: ResourceKind;
  step: ProvisioningStep;
  /**
   * CloudFormation type of a resource AWS gives an id of its own. Relations and settings
   * (an attachment, a route, a VPC attribute) have none and are not listed in plans.
   */
  type?: string;
  /** Its `Name` tag (or AWS name). */
  name: string;
  /** One line for plans and dry runs: what sets it apart. */
  description: string;
  /** The nodes whose ids this one is created with, by role: `{ vpc: 'vpc' }`. */
  refs: Record<string, string>;
  /** Every node that must exist first: the refs' targets and any ordering AWS imposes. */
  dependsOn: string[];
  /** What AWS is asked for: CIDR, zone, destination. */
  properties: Record<string, NodeProperty>;
  /**
   * The node a relation or setting belongs to and is removed with (a route with its route
   * table, an attachment with its gateway): destroy deletes owners, never relations.
   */
  partOf?: string;
}

/** A node to add to a graph: `dependsOn` defaults to the refs' targets. */
export type NodeInput = Omit<ResourceNode, 'dependsOn'> & {
  after?: string[];
};

export function node(input: NodeInput): ResourceNode {
  const { after = [], ...rest } = input;
  return {
    ...rest,
    dependsOn: [...new Set([...Object.values(input.refs), ...after])],
  };
}
