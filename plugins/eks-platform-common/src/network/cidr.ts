/**
 * IPv4 CIDR arithmetic for VPC and subnet planning.
 *
 * Addresses are handled as unsigned 32-bit integers; every bitwise result is
 * passed through `>>> 0` because JavaScript bitwise operators return signed
 * 32-bit values.
 */

/** An IPv4 block: `base` is the network address as an unsigned 32-bit integer. */
export interface Cidr {
  base: number;
  prefix: number;
}

/** `host-bits` failures carry the block the caller most likely meant. */
export type CidrParseResult =
  | { ok: true; cidr: Cidr }
  | { ok: false; reason: 'syntax'; error: string }
  | { ok: false; reason: 'host-bits'; error: string; suggestion: Cidr };

/** AWS keeps the network, VPC router, DNS, "future use" and broadcast addresses of every subnet. */
export const AWS_RESERVED_ADDRESSES_PER_SUBNET = 5;

/** Block sizes AWS accepts for a VPC's primary CIDR and for its subnets. */
export const VPC_PREFIX_RANGE = { min: 16, max: 28 } as const;
export const SUBNET_PREFIX_RANGE = { min: 16, max: 28 } as const;

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Network mask of a prefix length; `<< 32` is a no-op in JavaScript, hence the /0 case. */
function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function parseOctet(text: string): number | undefined {
  // A leading zero ("010") is read as octal by some tools: refuse the ambiguity.
  if (text.length > 1 && text.startsWith('0')) return undefined;
  const value = Number(text);
  return value <= 255 ? value : undefined;
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map(shift => (address >>> shift) & 0xff).join('.');
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

/**
 * Parses `a.b.c.d/n` and explains why a string is refused.
 *
 * AWS silently normalises a block with host bits set (10.0.0.1/16 becomes
 * 10.0.0.0/16); we refuse it instead, because such a value usually hides a
 * typo in the intended address plan.
 */
export function parseCidrDetailed(text: string): CidrParseResult {
  const match = CIDR_PATTERN.exec(text);
  if (!match) {
    return {
      ok: false,
      reason: 'syntax',
      error: `"${text}" is not an IPv4 CIDR block such as 10.0.0.0/16`,
    };
  }
  const [, a = '', b = '', c = '', d = '', prefixText = ''] = match;
  const octets = [a, b, c, d].map(parseOctet);
  if (octets.some(octet => octet === undefined)) {
    return {
      ok: false,
      reason: 'syntax',
      error: `"${text}" has an octet above 255 or with a leading zero`,
    };
  }
  const prefix = Number(prefixText);
  if (prefix > 32 || (prefixText.length > 1 && prefixText.startsWith('0'))) {
    return {
      ok: false,
      reason: 'syntax',
      error: `"${text}" needs a prefix length from 0 to 32`,
    };
  }
  const address =
    octets.reduce<number>((acc, octet) => acc * 256 + (octet ?? 0), 0) >>> 0;
  const base = (address & maskOf(prefix)) >>> 0;
  if (base !== address) {
    const suggestion = { base, prefix };
    return {
      ok: false,
      reason: 'host-bits',
      error: `"${text}" has host bits set, did you mean ${formatCidr(
        suggestion,
      )}?`,
      suggestion,
    };
  }
  return { ok: true, cidr: { base, prefix } };
}

export function parseCidr(text: string): Cidr | undefined {
  const result = parseCidrDetailed(text);
  return result.ok ? result.cidr : undefined;
}

/** True when every address of `inner` lies in `outer` (a block contains itself). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.prefix <= inner.prefix &&
    (inner.base & maskOf(outer.prefix)) >>> 0 === outer.base
  );
}

/** Two CIDR blocks either nest or are disjoint, so overlap means one contains the other. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Number of addresses in a block of this prefix length. */
export function cidrSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Addresses left for instances and pods in an AWS subnet (/24 gives 251). */
export function usableSubnetAddresses(prefix: number): number {
  return Math.max(0, cidrSize(prefix) - AWS_RESERVED_ADDRESSES_PER_SUBNET);
}

/**
 * The longest prefix (smallest subnet) whose usable addresses reach `addresses`,
 * or undefined when even a /0 would be too small.
 */
export function longestPrefixHolding(addresses: number): number | undefined {
  for (let prefix = 32; prefix >= 0; prefix--) {
    if (usableSubnetAddresses(prefix) >= addresses) return prefix;
  }
  return undefined;
}
