import type { EnvironmentSpec } from './types';
import { environmentGraph } from './graph/environmentGraph';

/** One AWS resource an environment consists of. */
export interface PlannedResource {
  /** CloudFormation-style resource type, e.g. `AWS::EC2::VPC`. */
  type: string;
  /** Name tag or resource name. */
  name: string;
  /** What sets it apart: CIDR, zone, sizing. */
  detail: string;
}

/**
 * Every resource creating the environment makes, in creation order: the graph's nodes that
 * AWS gives an id (relations and settings left out), without what the cluster's
 * controllers make later. The plan action prints it.
 */
export function planEnvironment(spec: EnvironmentSpec): PlannedResource[] {
  return environmentGraph(spec).flatMap(n =>
    n.type && n.step !== 'kubernetes'
      ? [{ type: n.type, name: n.name, detail: n.description }]
      : [],
  );
}
