import { DescribeClusterVersionsCommand, EKSClient } from '@aws-sdk/client-eks';
import {
  actionContext,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  clusterAction,
  PRODUCTION_ADMIN,
} from './__testUtils__/clusterTestUtils';

const SUBNETS = [
  'subnet-0123456789abcdef0',
  'subnet-0123456789abcdef1',
  'subnet-0123456789abcdef2',
];

const GOOD = {
  environment: 'production',
  owner: 'group:default/platform-team',
  account: '333333333333',
  privateSubnetIds: SUBNETS,
  adminPrincipalArn: PRODUCTION_ADMIN,
  argocdRoleArn: 'arn:aws:iam::333333333333:role/argocd-manager',
};

/** [case, input change, field the error names]. */
const BAD_INPUTS: [string, Record<string, unknown>, string][] = [
  [
    'Kubernetes 1.28 (out of every support)',
    { kubernetesVersion: '1.28' },
    'kubernetesVersion',
  ],
  [
    'two subnets',
    { privateSubnetIds: SUBNETS.slice(0, 2) },
    'privateSubnetIds',
  ],
  [
    'four subnets',
    { privateSubnetIds: [...SUBNETS, 'subnet-0123456789abcdef3'] },
    'privateSubnetIds',
  ],
  ['no subnets field', { privateSubnetIds: undefined }, 'privateSubnetIds'],
  [
    'a subnet id of the wrong format',
    { privateSubnetIds: [SUBNETS[0], SUBNETS[1], 'vpc-0123456789abcdef0'] },
    'privateSubnetIds[2]',
  ],
  [
    'the same subnet twice',
    { privateSubnetIds: [SUBNETS[0], SUBNETS[0], SUBNETS[1]] },
    'privateSubnetIds',
  ],
  [
    'an admin that is a user name',
    { adminPrincipalArn: 'platform-team' },
    'adminPrincipalArn',
  ],
  [
    'an admin ARN with a short account',
    { adminPrincipalArn: 'arn:aws:iam::3333:role/admins' },
    'adminPrincipalArn',
  ],
  [
    'an admin ARN of another service',
    { adminPrincipalArn: 'arn:aws:s3:::333333333333/role/x' },
    'adminPrincipalArn',
  ],
  ['no ArgoCD role', { argocdRoleArn: undefined }, 'argocdRoleArn'],
  [
    "an ArgoCD role of an account that may not administer the environment's cluster",
    { argocdRoleArn: 'arn:aws:iam::999999999999:role/argocd-manager' },
    'argocdRoleArn',
  ],
  [
    'the administrator role as the ArgoCD role (one access entry per principal)',
    { argocdRoleArn: PRODUCTION_ADMIN },
    'argocdRoleArn',
  ],
  [
    'a public endpoint open to 0.0.0.0/0',
    { endpointPublicAccessCidrs: ['0.0.0.0/0'] },
    'endpointPublicAccessCidrs[0]',
  ],
  [
    'a public CIDR that is not one',
    { endpointPublicAccessCidrs: ['10.0.0.300/24'] },
    'endpointPublicAccessCidrs[0]',
  ],
  ['a name EKS rejects (starts with a hyphen)', { name: '-prod' }, 'name'],
  ['a name too long for EKS and IAM', { name: 'x'.repeat(120) }, 'name'],
  ['an account that is not 12 digits', { account: '12345' }, 'account'],
  ['an unknown environment', { environment: 'qa' }, 'environment'],
  [
    'a region without three zones or unknown',
    { region: 'eu-west-9' },
    'region',
  ],
  [
    'rollbackOnFailure as a string',
    { rollbackOnFailure: 'yes' },
    'rollbackOnFailure',
  ],
];

describe('eks-platform:cluster:create refuses bad input before any AWS call', () => {
  const fixture = useSandboxActionFixture();
  beforeEach(() => fixture.clearCalls());

  it.each(BAD_INPUTS)(
    'refuses %s, naming the field',
    async (_case, change, field) => {
      const input = { ...GOOD, ...change } as any;
      await expect(
        clusterAction(fixture.aws).handler(actionContext({ input })),
      ).rejects.toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringContaining(`- ${field}:`),
        }),
      );
      expect(await fixture.calls()).toEqual([]);
    },
  );

  it('refuses, before any change, a version EKS does not offer and one in extended support', async () => {
    await fixture.reset();
    const eks = await fixture.aws.create(EKSClient, {
      accountId: '333333333333',
      region: 'eu-west-3',
    });
    const { clusterVersions = [] } = await eks.send(
      new DescribeClusterVersionsCommand({}),
    );
    eks.destroy();
    const extended = clusterVersions.find(
      v => v.versionStatus === 'EXTENDED_SUPPORT',
    )!.clusterVersion!;
    for (const [version, why] of [
      [
        '1.99',
        /Kubernetes 1\.99 is not one EKS offers; DescribeClusterVersions lists .*1\.35/,
      ],
      [
        extended,
        /Kubernetes \S+ is in extended support \(paid\).*standard support only/,
      ],
    ] as const) {
      await fixture.clearCalls();
      await expect(
        clusterAction(fixture.aws).handler(
          actionContext({
            input: { ...GOOD, kubernetesVersion: version } as any,
          }),
        ),
      ).rejects.toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringMatching(
            new RegExp(`- kubernetesVersion: ${why.source}`),
          ),
        }),
      );
      const calls = await fixture.calls();
      expect(calls.map(c => c.operation)).toContain('DescribeClusterVersions');
      expect(
        calls.filter(c =>
          /^(Create|Attach|Associate|Put|Enable)/.test(c.operation),
        ),
      ).toEqual([]);
    }
  });

  it('refuses subnets that do not exist, before any change', async () => {
    await fixture.reset();
    await expect(
      clusterAction(fixture.aws).handler(actionContext({ input: GOOD as any })),
    ).rejects.toThrow(/- privateSubnetIds: .*do(es)? not exist/);
    const calls = await fixture.calls();
    expect(calls.length).toBeGreaterThan(0);
    expect(
      calls.filter(c =>
        /^(Create|Attach|Associate|Put|Enable)/.test(c.operation),
      ),
    ).toEqual([]);
  });
});
