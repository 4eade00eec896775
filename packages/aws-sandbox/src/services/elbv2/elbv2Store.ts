import type {
  LoadBalancer,
  TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { SandboxContext } from '../../core/types';

export type TagMap = Record<string, string>;

export interface LoadBalancerRecord {
  loadBalancer: LoadBalancer;
  /** The requester-managed interfaces EC2 holds for it, one per subnet. */
  networkInterfaceIds: string[];
}

export interface ListenerRecord {
  listenerArn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  targetGroupArn: string;
}

/** Elastic Load Balancing (v2) resources of one account in one region. */
export class Elbv2Store {
  readonly loadBalancers = new Map<string, LoadBalancerRecord>();
  readonly targetGroups = new Map<string, TargetGroup>();
  readonly listeners = new Map<string, ListenerRecord>();
  readonly tags = new Map<string, TagMap>();

  tagsOf(arn: string): TagMap {
    return this.tags.get(arn) ?? {};
  }
}

export function elbv2StoreOf(
  context: SandboxContext,
  accountId: string,
  region: string,
): Elbv2Store {
  return context.state.scope(
    'elasticloadbalancing',
    accountId,
    region,
    () => new Elbv2Store(),
  );
}
