import {
  blockContains,
  blocksOverlap,
  formatIpv4Address,
  lastAddressOf,
  parseIpv4Block,
} from './ipv4';

describe('IPv4 blocks', () => {
  it('reads blocks and refuses host bits, bad octets and bad lengths', () => {
    expect(parseIpv4Block('10.0.0.0/16')).toEqual({
      first: 10 * 2 ** 24,
      prefixLength: 16,
    });
    expect(parseIpv4Block('10.0.0.1/16')).toBeUndefined();
    expect(parseIpv4Block('10.0.256.0/24')).toBeUndefined();
    expect(parseIpv4Block('10.0.0.0/33')).toBeUndefined();
    expect(parseIpv4Block('10.0.0.0')).toBeUndefined();
  });

  it('handles the top of the address space without sign errors', () => {
    const top = parseIpv4Block('255.255.255.0/24')!;
    expect(formatIpv4Address(lastAddressOf(top))).toBe('255.255.255.255');
  });

  it('tells containment from overlap', () => {
    const vpc = parseIpv4Block('10.0.0.0/16')!;
    const subnet = parseIpv4Block('10.0.32.0/19')!;
    const outside = parseIpv4Block('10.1.0.0/24')!;
    expect(blockContains(vpc, subnet)).toBe(true);
    expect(blockContains(subnet, vpc)).toBe(false);
    expect(blocksOverlap(subnet, vpc)).toBe(true);
    expect(blocksOverlap(vpc, outside)).toBe(false);
    expect(
      blocksOverlap(
        parseIpv4Block('10.0.0.0/25')!,
        parseIpv4Block('10.0.0.128/25')!,
      ),
    ).toBe(false);
  });
});
