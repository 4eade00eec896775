/**
 * IPv4 blocks as EC2 checks them, written for the sandbox from AWS's VPC documentation
 * (docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html): a VPC's or subnet's block
 * is /16 to /28, and EC2 keeps the first four addresses and the last one of every subnet.
 * Deliberately not shared with the product, so a wrong formula there fails a test here.
 */

export interface Ipv4Block {
  /** First address of the block, as an unsigned 32-bit integer. */
  first: number;
  prefixLength: number;
}

export const EC2_BLOCK_PREFIX_RANGE = { shortest: 16, longest: 28 } as const;

/** Network, VPC router, DNS, reserved for future use, broadcast. */
export const EC2_RESERVED_ADDRESSES_PER_SUBNET = 5;

const BLOCK = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** `a.b.c.d/n` with its host bits clear; anything else is undefined (EC2 refuses it). */
export function parseIpv4Block(text: string): Ipv4Block | undefined {
  const match = BLOCK.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some(octet => octet > 255) || prefixLength > 32) return undefined;
  const first =
    ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
  if (first % addressesIn(prefixLength) !== 0) return undefined;
  return { first, prefixLength };
}

export function addressesIn(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

export function lastAddressOf(block: Ipv4Block): number {
  return block.first + addressesIn(block.prefixLength) - 1;
}

export function blockContains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return (
    outer.first <= inner.first && lastAddressOf(inner) <= lastAddressOf(outer)
  );
}

export function blocksOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.first <= lastAddressOf(b) && b.first <= lastAddressOf(a);
}

export function formatIpv4Address(address: number): string {
  const octets: number[] = [];
  let rest = address;
  for (let i = 0; i < 4; i += 1) {
    octets.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return octets.join('.');
}
