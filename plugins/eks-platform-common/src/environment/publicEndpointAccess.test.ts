import { presetWith } from './testing/specFixtures';
import type { EnvironmentName } from './types';
import { validateEnvironmentSpec } from './validate';

const CIDRS = 'endpointAccess.publicAccessCidrs';

const withCidrs = (
  environment: EnvironmentName,
  cidrs: string[],
  publicAccess = true,
) =>
  validateEnvironmentSpec(
    presetWith(environment, {
      'endpointAccess.public': publicAccess,
      [CIDRS]: cidrs,
    }),
  );

/** What the endpoint rules report, as [path, rule]. */
const endpointProblems = (problems: ReturnType<typeof withCidrs>) =>
  problems
    .filter(p => p.path.startsWith('endpointAccess'))
    .map(p => [p.path, p.rule]);

describe('public API endpoint access', () => {
  describe.each<EnvironmentName>(['staging', 'production'])(
    'the %s preset',
    environment => {
      it.each([
        [['203.0.113.0/24']],
        [['198.51.100.7/32']],
        // Two halves of the internet, never refused before: each /1 is refused.
        [['0.0.0.0/1', '128.0.0.0/1']],
        [['0.0.0.0/0']],
        [['not-a-cidr']],
      ])('refuses every public access CIDR: %j', cidrs => {
        const problems = withCidrs(environment, cidrs);
        expect(endpointProblems(problems)).toEqual(
          cidrs.map((_, i) => [
            `${CIDRS}[${i}]`,
            'endpoint-public-environment',
          ]),
        );
        cidrs.forEach((cidr, i) => {
          expect(problems[i].message).toContain(
            `the ${environment} preset refuses public API endpoint access, got ${cidr}`,
          );
        });
      });

      it('refuses the list even with the public flag off', () => {
        expect(
          endpointProblems(withCidrs(environment, ['203.0.113.0/24'], false)),
        ).toEqual([[`${CIDRS}[0]`, 'endpoint-public-environment']]);
      });

      it('refuses a public endpoint without CIDRs (EKS would open it to 0.0.0.0/0)', () => {
        const problems = withCidrs(environment, []);
        expect(endpointProblems(problems)).toEqual([
          ['endpointAccess.public', 'endpoint-public-environment'],
        ]);
        expect(problems[0].message).toContain(`the ${environment} preset`);
      });

      it('accepts the private endpoint only', () => {
        expect(withCidrs(environment, [], false)).toEqual([]);
      });
    },
  );

  describe('the dev preset', () => {
    it('refuses 0.0.0.0/1 + 128.0.0.0/1, the whole internet in two blocks', () => {
      const problems = withCidrs('dev', ['0.0.0.0/1', '128.0.0.0/1']);
      expect(endpointProblems(problems)).toEqual([
        [`${CIDRS}[0]`, 'endpoint-public-cidr-broad'],
        [`${CIDRS}[1]`, 'endpoint-public-cidr-broad'],
      ]);
      expect(problems[0].message).toContain('0.0.0.0/1 is too broad');
      expect(problems[1].message).toContain('128.0.0.0/1 is too broad');
    });

    it('accepts a /16 and narrower, refuses a /15', () => {
      expect(withCidrs('dev', ['198.51.0.0/16', '203.0.113.9/32'])).toEqual([]);
      expect(endpointProblems(withCidrs('dev', ['198.50.0.0/15']))).toEqual([
        [`${CIDRS}[0]`, 'endpoint-public-cidr-broad'],
      ]);
    });

    it('reports 0.0.0.0/0 once, as open to the internet', () => {
      expect(endpointProblems(withCidrs('dev', ['0.0.0.0/0']))).toEqual([
        [`${CIDRS}[0]`, 'endpoint-public-open'],
      ]);
    });

    it.each([
      ['10.10.0.0/16', '10.0.0.0/8'],
      ['172.31.0.0/16', '172.16.0.0/12'],
      ['192.168.1.0/24', '192.168.0.0/16'],
      ['127.0.0.1/32', '127.0.0.0/8'],
      ['0.0.0.0/16', '0.0.0.0/8'],
      ['169.254.169.254/32', '169.254.0.0/16'],
      ['100.64.0.0/16', '100.64.0.0/10'],
      ['224.0.0.0/16', '224.0.0.0/4'],
      ['255.255.255.255/32', '240.0.0.0/4'],
    ])('refuses %s, inside %s', (cidr, range) => {
      const problems = withCidrs('dev', ['203.0.113.0/24', cidr]);
      expect(endpointProblems(problems)).toEqual([
        [`${CIDRS}[1]`, 'endpoint-public-cidr-reserved'],
      ]);
      expect(problems[0].message).toContain(`${cidr} is inside ${range}`);
    });

    it('accepts public blocks next to the reserved ones', () => {
      expect(
        withCidrs('dev', [
          '11.0.0.0/16',
          '100.128.0.0/16',
          '126.255.0.0/16',
          '169.253.0.0/16',
          '172.15.0.0/16',
          '172.32.0.0/16',
          '192.167.0.0/16',
          '223.255.0.0/16',
        ]),
      ).toEqual([]);
    });

    it('refuses a block with host bits set, suggesting the network', () => {
      const problems = withCidrs('dev', ['198.51.100.1/24']);
      expect(endpointProblems(problems)).toEqual([
        [`${CIDRS}[0]`, 'cidr-host-bits'],
      ]);
      expect(problems[0].message).toContain('did you mean 198.51.100.0/24?');
    });

    it('refuses more than 40 blocks, the EKS quota', () => {
      const cidrs = (count: number) =>
        Array.from({ length: count }, (_, i) => `203.0.113.${i}/32`);
      expect(withCidrs('dev', cidrs(40))).toEqual([]);
      expect(endpointProblems(withCidrs('dev', cidrs(41)))).toEqual([
        [CIDRS, 'endpoint-public-cidr-count'],
      ]);
    });
  });
});
