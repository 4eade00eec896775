/**
 * Elastic Load Balancing v2 (query protocol, version 2015-12-01): the reads and deletes a
 * destroy needs for the load balancers Kubernetes made. Creation happens only through the
 * cluster's controllers (see controllers/), as in an account where only the AWS Load
 * Balancer Controller creates load balancers.
 *
 * Error codes are ELB's (LoadBalancerNotFound, TargetGroupNotFound, ResourceInUse,
 * ValidationError); the messages follow the API reference's descriptions and have not been
 * compared word for word with a live answer.
 */
import { AwsError, AwsService } from '../../core/types';
import {
  memberError,
  memberResult,
  queryOperation,
} from '../../protocols/query';
import { XmlValue } from '../../protocols/xml';
import { elbv2StoreOf, Elbv2Store } from './elbv2Store';
import {
  deleteLoadBalancer,
  deleteTargetGroup,
  loadBalancerState,
} from './loadBalancers';

export { elbv2StoreOf } from './elbv2Store';
export {
  createApplicationLoadBalancer,
  createTargetGroupWithListener,
} from './loadBalancers';

const NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

/** `Names.member.1`, `Names.member.2`… as a list; undefined when absent. */
function memberList(
  params: URLSearchParams,
  name: string,
): string[] | undefined {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) {
    values.push(params.get(`${name}.member.${i}`)!);
  }
  return values.length ? values : undefined;
}

/** Marker/PageSize pages (PageSize 1–400), the marker an opaque offset. */
function page<T>(
  items: T[],
  params: URLSearchParams,
): { items: T[]; NextMarker?: string } {
  const size = params.has('PageSize') ? Number(params.get('PageSize')) : 400;
  if (!Number.isInteger(size) || size < 1 || size > 400) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${params.get(
        'PageSize',
      )}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`,
    );
  }
  const start = params.has('Marker')
    ? Number(Buffer.from(params.get('Marker')!, 'base64url').toString())
    : 0;
  if (!Number.isInteger(start) || start < 0) {
    throw new AwsError('ValidationError', 'Invalid marker');
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    NextMarker:
      end < items.length
        ? Buffer.from(String(end)).toString('base64url')
        : undefined,
  };
}

const tagList = (store: Elbv2Store, arn: string) =>
  Object.entries(store.tagsOf(arn)).map(([Key, Value]) => ({ Key, Value }));

type Handler = (
  params: URLSearchParams,
  store: Elbv2Store,
  call: Parameters<AwsService['handle']>,
) => Record<string, XmlValue>;

const HANDLERS: Record<string, Handler> = {
  DescribeLoadBalancers(params, store, [, , context]) {
    const arns = memberList(params, 'LoadBalancerArns');
    const names = memberList(params, 'Names');
    const all = [...store.loadBalancers.values()];
    const missing = [
      ...(arns ?? []).filter(a => !store.loadBalancers.has(a)),
      ...(names ?? []).filter(
        n => !all.some(r => r.loadBalancer.LoadBalancerName === n),
      ),
    ];
    if (missing.length) {
      throw new AwsError(
        'LoadBalancerNotFound',
        `Load balancers '[${missing.join(', ')}]' not found`,
      );
    }
    const matching = all.filter(
      r =>
        (!arns || arns.includes(r.loadBalancer.LoadBalancerArn!)) &&
        (!names || names.includes(r.loadBalancer.LoadBalancerName!)),
    );
    const { items, NextMarker } = page(matching, params);
    return {
      LoadBalancers: items.map(r => ({
        ...(r.loadBalancer as Record<string, XmlValue>),
        State: { Code: loadBalancerState(context, r) },
      })),
      NextMarker,
    };
  },

  DescribeTargetGroups(params, store) {
    const arns = memberList(params, 'TargetGroupArns');
    const names = memberList(params, 'Names');
    const loadBalancerArn = params.get('LoadBalancerArn') ?? undefined;
    if (loadBalancerArn && !store.loadBalancers.has(loadBalancerArn)) {
      throw new AwsError(
        'LoadBalancerNotFound',
        `Load balancers '[${loadBalancerArn}]' not found`,
      );
    }
    const all = [...store.targetGroups.values()];
    const missing = (arns ?? []).filter(a => !store.targetGroups.has(a));
    if (missing.length) {
      throw new AwsError(
        'TargetGroupNotFound',
        `Target groups '[${missing.join(', ')}]' not found`,
      );
    }
    const matching = all.filter(
      g =>
        (!arns || arns.includes(g.TargetGroupArn!)) &&
        (!names || names.includes(g.TargetGroupName!)) &&
        (!loadBalancerArn || g.LoadBalancerArns?.includes(loadBalancerArn)),
    );
    const { items, NextMarker } = page(matching, params);
    return {
      TargetGroups: items as Record<string, XmlValue>[],
      NextMarker,
    };
  },

  DescribeTags(params, store) {
    const arns = memberList(params, 'ResourceArns') ?? [];
    if (arns.length === 0 || arns.length > 20) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value at 'resourceArns' failed to satisfy constraint: Member must have length between 1 and 20`,
      );
    }
    for (const arn of arns) {
      if (store.loadBalancers.has(arn) || store.targetGroups.has(arn)) continue;
      throw arn.includes(':targetgroup/')
        ? new AwsError(
            'TargetGroupNotFound',
            `Target groups '[${arn}]' not found`,
          )
        : new AwsError(
            'LoadBalancerNotFound',
            `Load balancers '[${arn}]' not found`,
          );
    }
    return {
      TagDescriptions: arns.map(arn => ({
        ResourceArn: arn,
        Tags: tagList(store, arn),
      })),
    };
  },

  DeleteLoadBalancer(params, _store, [request, , context]) {
    // "If the load balancer does not exist or has already been deleted, the call
    // succeeds." (DeleteLoadBalancer, ELB API reference)
    deleteLoadBalancer(context, request, params.get('LoadBalancerArn') ?? '');
    return {};
  },

  DeleteTargetGroup(params, store) {
    deleteTargetGroup(store, params.get('TargetGroupArn') ?? '');
    return {};
  },
};

export const ELBV2_OPERATIONS = Object.keys(HANDLERS).sort();

export const elbv2Service: AwsService = {
  signingName: 'elasticloadbalancing',
  throttlingCode: 'Throttling',
  operationOf: queryOperation,
  handle(request, operation, context) {
    const handler = HANDLERS[operation];
    if (!handler) {
      throw new AwsError(
        'InvalidAction',
        `Could not find operation ${operation} for version 2015-12-01`,
      );
    }
    const store = elbv2StoreOf(context, request.accountId, request.region);
    const fields = handler(new URLSearchParams(request.body), store, [
      request,
      operation,
      context,
    ]);
    return memberResult(operation, NAMESPACE, fields);
  },
  renderError: error => memberError(error, NAMESPACE),
};
