import { DescribeClusterVersionsCommand } from '@aws-sdk/client-eks';
import { SandboxClock } from '../../core/clock';
import { EksTestSandbox, startEksTestSandbox } from './testSandbox';

describe('aws-sandbox EKS DescribeClusterVersions', () => {
  let t: EksTestSandbox;
  beforeAll(async () => {
    t = await startEksTestSandbox();
  });
  afterAll(() => t.sandbox.close());

  /** Pins the sandbox clock to a day, so support phases do not depend on when tests run. */
  const onDay = (isoDay: string) => {
    t.sandbox.context.clock = new SandboxClock(0.001, () =>
      Date.parse(`${isoDay}T12:00:00Z`),
    );
  };

  it.each([
    // 1.35 is not out until 2026-01-27 on AWS's calendar.
    ['2026-01-05', '1.34', ['1.34', '1.33', '1.32', '1.31', '1.30', '1.29']],
    // After the published table, a new minor every four months: 1.36 on 2026-05-27.
    [
      '2026-06-15',
      '1.36',
      ['1.36', '1.35', '1.34', '1.33', '1.32', '1.31', '1.30'],
    ],
    ['2026-11-26', '1.37', ['1.37', '1.36', '1.35', '1.34', '1.33', '1.32']],
  ])(
    'on %s offers %s as default, newest first, and never 1.28',
    async (day, defaultVersion, offered) => {
      onDay(day);
      const { clusterVersions = [] } = await t.eks.send(
        new DescribeClusterVersionsCommand({}),
      );
      expect(clusterVersions.map(v => v.clusterVersion)).toEqual(offered);
      expect(
        clusterVersions
          .filter(v => v.defaultVersion)
          .map(v => v.clusterVersion),
      ).toEqual([defaultVersion]);
    },
  );

  it('reports each support phase with its dates', async () => {
    onDay('2026-11-26');
    const { clusterVersions = [] } = await t.eks.send(
      new DescribeClusterVersionsCommand({}),
    );
    const byVersion = Object.fromEntries(
      clusterVersions.map(v => [v.clusterVersion, v]),
    );
    expect(byVersion['1.35']).toMatchObject({
      clusterType: 'eks',
      versionStatus: 'STANDARD_SUPPORT',
      status: 'standard-support',
      defaultVersion: false,
      releaseDate: new Date('2026-01-27T00:00:00Z'),
      endOfStandardSupportDate: new Date('2027-03-27T00:00:00Z'),
      endOfExtendedSupportDate: new Date('2028-03-27T00:00:00Z'),
    });
    expect(byVersion['1.37']).toMatchObject({
      versionStatus: 'STANDARD_SUPPORT',
      defaultVersion: true,
      releaseDate: new Date('2026-09-27T00:00:00Z'),
      endOfStandardSupportDate: new Date('2027-11-27T00:00:00Z'),
      endOfExtendedSupportDate: new Date('2028-11-27T00:00:00Z'),
    });
    expect(byVersion['1.33']).toMatchObject({
      versionStatus: 'EXTENDED_SUPPORT',
      status: 'extended-support',
      defaultVersion: false,
    });
  });

  it('filters by version, status and default, and shows unsupported versions only when asked', async () => {
    onDay('2026-11-26');
    const old = await t.eks.send(
      new DescribeClusterVersionsCommand({
        includeAll: true,
        clusterVersions: ['1.28'],
      }),
    );
    expect(old.clusterVersions).toEqual([
      expect.objectContaining({
        clusterVersion: '1.28',
        versionStatus: 'UNSUPPORTED',
      }),
    ]);
    const standard = await t.eks.send(
      new DescribeClusterVersionsCommand({ versionStatus: 'STANDARD_SUPPORT' }),
    );
    expect(standard.clusterVersions?.map(v => v.clusterVersion)).toEqual([
      '1.37',
      '1.36',
      '1.35',
      '1.34',
    ]);
    const defaults = await t.eks.send(
      new DescribeClusterVersionsCommand({ defaultOnly: true }),
    );
    expect(defaults.clusterVersions?.map(v => v.clusterVersion)).toEqual([
      '1.37',
    ]);
    const paged = await t.eks.send(
      new DescribeClusterVersionsCommand({ maxResults: 3 }),
    );
    expect(paged.clusterVersions?.map(v => v.clusterVersion)).toEqual([
      '1.37',
      '1.36',
      '1.35',
    ]);
    const rest = await t.eks.send(
      new DescribeClusterVersionsCommand({
        maxResults: 3,
        nextToken: paged.nextToken,
      }),
    );
    expect(rest.clusterVersions?.map(v => v.clusterVersion)).toEqual([
      '1.34',
      '1.33',
      '1.32',
    ]);
    expect(rest.nextToken).toBeUndefined();
  });

  it('keeps releasing after the published calendar, years later', async () => {
    onDay('2028-06-01');
    const { clusterVersions = [] } = await t.eks.send(
      new DescribeClusterVersionsCommand({}),
    );
    const defaultVersion = clusterVersions.find(v => v.defaultVersion);
    // 1.35 + one minor per four months since 2026-01-27: 1.42 out on 2028-05-27.
    expect(defaultVersion?.clusterVersion).toBe('1.42');
    expect(
      clusterVersions.find(v => v.clusterVersion === '1.36')?.versionStatus,
    ).toBe('EXTENDED_SUPPORT');
    expect(clusterVersions.map(v => v.clusterVersion)).not.toContain('1.35');
  });
});
