import {
  cidrContains,
  cidrSize,
  cidrsOverlap,
  formatCidr,
  longestPrefixHolding,
  parseCidr,
  parseCidrDetailed,
  usableSubnetAddresses,
} from './cidr';

function cidr(text: string) {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`test CIDR ${text} does not parse`);
  return parsed;
}

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/16', 0x0a000000, 16],
    ['0.0.0.0/0', 0, 0],
    ['255.255.255.255/32', 0xffffffff, 32],
    ['192.168.1.128/25', 0xc0a80180, 25],
  ])('parses %s', (text, base, prefix) => {
    expect(parseCidr(text)).toEqual({ base, prefix });
  });

  it.each([
    '10.0.0.0',
    '10.0.0/16',
    '10.0.0.0/33',
    '256.0.0.0/8',
    '10.0.0.0/016',
    '010.0.0.0/8',
    ' 10.0.0.0/16',
    '10.0.0.0/16 ',
    'ten.0.0.0/16',
    '',
    '::/0',
  ])('rejects the malformed %j', text => {
    const result = parseCidrDetailed(text);
    expect(result).toMatchObject({ ok: false, reason: 'syntax' });
    expect(parseCidr(text)).toBeUndefined();
  });

  it('rejects host bits and suggests the network address', () => {
    const result = parseCidrDetailed('10.0.0.1/16');
    expect(result).toMatchObject({ ok: false, reason: 'host-bits' });
    if (result.ok) throw new Error('unreachable');
    expect(result.error).toContain('host bits set, did you mean 10.0.0.0/16');
    expect(parseCidr('10.0.10.5/24')).toBeUndefined();
  });

  it('formats back to text', () => {
    expect(formatCidr(cidr('172.16.32.0/19'))).toBe('172.16.32.0/19');
  });
});

describe('cidrContains and cidrsOverlap', () => {
  it('finds subnets inside their VPC, including the VPC itself', () => {
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.10.0/24'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.0.0/16'))).toBe(true);
    expect(cidrContains(cidr('0.0.0.0/0'), cidr('203.0.113.0/24'))).toBe(true);
  });

  it('refuses blocks outside or larger than the outer block', () => {
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.1.0.0/24'))).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/24'), cidr('10.0.0.0/16'))).toBe(false);
  });

  it('detects overlap in either direction and only then', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/16'), cidr('10.0.255.0/24'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.255.0/24'), cidr('10.0.0.0/16'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.1.0/24'), cidr('10.0.2.0/24'))).toBe(false);
    expect(cidrsOverlap(cidr('10.10.0.0/16'), cidr('10.20.0.0/16'))).toBe(
      false,
    );
  });
});

describe('subnet sizes', () => {
  it('counts addresses per prefix', () => {
    expect(cidrSize(16)).toBe(65536);
    expect(cidrSize(24)).toBe(256);
    expect(cidrSize(32)).toBe(1);
  });

  it('leaves 5 addresses to AWS in every subnet', () => {
    expect(usableSubnetAddresses(24)).toBe(251);
    expect(usableSubnetAddresses(19)).toBe(8187);
    expect(usableSubnetAddresses(28)).toBe(11);
    expect(usableSubnetAddresses(30)).toBe(0);
  });

  it('finds the smallest subnet holding a number of addresses', () => {
    expect(longestPrefixHolding(251)).toBe(24);
    expect(longestPrefixHolding(252)).toBe(23);
    expect(longestPrefixHolding(420)).toBe(23);
    expect(longestPrefixHolding(8187)).toBe(19);
    expect(longestPrefixHolding(2 ** 33)).toBeUndefined();
  });
});
