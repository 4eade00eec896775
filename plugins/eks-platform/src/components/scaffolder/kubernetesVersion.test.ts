import {
  EksVersionList,
  versionListFromEks,
  versionListFromTable,
} from '@internal/plugin-eks-platform-common';
import {
  defaultKubernetesVersion,
  kubernetesVersionOptions,
  kubernetesVersionProblems,
  validateKubernetesVersion,
} from './kubernetesVersion';

/** What DescribeClusterVersions answers, as the sandbox does on 2026-12-02. */
const FROM_EKS: EksVersionList = versionListFromEks([
  {
    clusterVersion: '1.37',
    versionStatus: 'STANDARD_SUPPORT',
    endOfStandardSupportDate: new Date('2028-01-27'),
    endOfExtendedSupportDate: new Date('2029-01-27'),
  },
  {
    clusterVersion: '1.36',
    versionStatus: 'STANDARD_SUPPORT',
    defaultVersion: true,
  },
  { clusterVersion: '1.35', versionStatus: 'STANDARD_SUPPORT' },
  {
    clusterVersion: '1.34',
    versionStatus: 'EXTENDED_SUPPORT',
    endOfExtendedSupportDate: new Date('2027-12-02'),
  },
]);

describe('kubernetesVersion', () => {
  it('offers what EKS has in standard support, newest first, with the dates it gives', () => {
    expect(kubernetesVersionOptions(FROM_EKS)).toEqual([
      {
        version: '1.37',
        label:
          '1.37 — standard support until 2028-01-27, then extended until 2029-01-27',
      },
      { version: '1.36', label: '1.36 — standard support (EKS default)' },
      { version: '1.35', label: '1.35 — standard support' },
    ]);
  });

  it("defaults to EKS's default, not to the newest", () => {
    expect(defaultKubernetesVersion(FROM_EKS)).toBe('1.36');
    expect(kubernetesVersionProblems('1.37', FROM_EKS)).toEqual([]);
  });

  it('refuses a version in extended support and one EKS does not offer, saying why', () => {
    expect(kubernetesVersionProblems('1.34', FROM_EKS)).toEqual([
      'Kubernetes 1.34 is in extended support (paid) until 2027-12-02; new clusters are created in standard support only; DescribeClusterVersions lists 1.37, 1.36, 1.35 in standard support',
    ]);
    expect(kubernetesVersionProblems('1.20', FROM_EKS)[0]).toContain(
      'Kubernetes 1.20 is not one EKS offers',
    );
    expect(kubernetesVersionProblems('', FROM_EKS)).toEqual([
      'choose a Kubernetes version: 1.37, 1.36, 1.35',
    ]);
  });

  it('falls back to the published calendar, and says when it is stale', () => {
    const table = versionListFromTable(new Date('2026-11-26'), 'offline');
    expect(kubernetesVersionOptions(table).map(o => o.version)).toEqual([
      '1.35',
      '1.34',
    ]);
    const later = versionListFromTable(new Date('2027-06-01'), 'offline');
    expect(kubernetesVersionOptions(later)).toEqual([]);
    expect(defaultKubernetesVersion(later)).toBeUndefined();
    expect(kubernetesVersionProblems('1.35', later)[0]).toContain(
      'needs updating',
    );
  });

  it('refuses at review what can never be right: bad syntax, a version out of all support', async () => {
    const addError = jest.fn();
    await validateKubernetesVersion('1.28', { addError } as any, {} as any);
    await validateKubernetesVersion('v1.35', { addError } as any, {} as any);
    await validateKubernetesVersion('1.37', { addError } as any, {} as any);
    expect(addError.mock.calls).toEqual([
      [expect.stringContaining('Kubernetes 1.28 is out of all EKS support')],
      ['choose a Kubernetes version, e.g. 1.35'],
    ]);
  });
});
