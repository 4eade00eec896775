import { Ec2Call, Ec2Store, TagMap } from './store';

/** One emulated EC2 action: the SDK's operation schema and a handler typed with its shapes. */
export interface Ec2Operation {
  schema: readonly unknown[];
  handle(input: object, call: Ec2Call): object;
}

/**
 * Binds a handler typed with the SDK's request and result types (`CreateVpcRequest`,
 * `CreateVpcResult`) to the operation schema (`CreateVpc$`) the wire format comes from.
 */
export function ec2Operation<I extends object, O extends object>(
  schema: readonly unknown[],
  handle: (input: I, call: Ec2Call) => O,
): Ec2Operation {
  // The wire layer decodes `input` with this operation's schema, so it is an `I`.
  return { schema, handle: (input, call) => handle(input as I, call) };
}

/** The `Tags` member of a described resource; AWS leaves it out when there are none. */
export function tagList(
  store: Ec2Store,
  resourceId: string,
): { Key: string; Value: string }[] | undefined {
  const tags: TagMap = store.tagsOf(resourceId);
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return list.length ? list : undefined;
}

/** Ids of a `ClientToken` retry: the resource the first request with this token created. */
export function idempotent(
  call: Ec2Call,
  clientToken: string | undefined,
  create: () => string,
): { id: string; replayed: boolean } {
  const key = clientToken ? `${call.operation}/${clientToken}` : undefined;
  const existing = key ? call.store.clientTokens.get(key) : undefined;
  if (existing) return { id: existing, replayed: true };
  const id = create();
  if (key) call.store.clientTokens.set(key, id);
  return { id, replayed: false };
}
