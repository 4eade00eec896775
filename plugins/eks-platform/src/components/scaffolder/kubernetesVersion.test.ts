import {
  defaultKubernetesVersion,
  kubernetesVersionOptions,
  kubernetesVersionProblems,
  validateKubernetesVersion,
} from './kubernetesVersion';

const NOV_26_2026 = new Date('2026-11-26T09:00:00Z');

describe('kubernetesVersion', () => {
  it('offers the versions in standard support, newest first, with their phase and end dates', () => {
    expect(kubernetesVersionOptions(NOV_26_2026)).toEqual([
      {
        version: '1.35',
        phase: 'standard',
        endOfStandardSupport: '2027-03-27',
        endOfExtendedSupport: '2028-03-27',
        label:
          '1.35 — standard support until 2027-03-27, then extended until 2028-03-27',
      },
      {
        version: '1.34',
        phase: 'standard',
        endOfStandardSupport: '2026-12-02',
        endOfExtendedSupport: '2027-12-02',
        label:
          '1.34 — standard support until 2026-12-02, then extended until 2027-12-02',
      },
    ]);
  });

  it('defaults to the newest version in standard support', () => {
    expect(defaultKubernetesVersion(NOV_26_2026)).toBe('1.35');
    expect(kubernetesVersionProblems('1.35', NOV_26_2026)).toEqual([]);
  });

  it('rejects an unknown version, naming it and the supported list', () => {
    expect(kubernetesVersionProblems('1.20', NOV_26_2026)).toEqual([
      'Kubernetes 1.20 is not supported by EKS on 2026-11-26; supported versions: 1.35, 1.34',
    ]);
  });

  it('rejects versions in extended support only or out of support, saying so', () => {
    expect(kubernetesVersionProblems('1.33', NOV_26_2026)).toEqual([
      'Kubernetes 1.33 is not supported by EKS on 2026-11-26 (it is in paid extended support only); supported versions: 1.35, 1.34',
    ]);
    expect(kubernetesVersionProblems('1.28', NOV_26_2026)[0]).toContain(
      '(it is out of all EKS support)',
    );
  });

  it('asks for a version when none is given', () => {
    expect(kubernetesVersionProblems('', NOV_26_2026)).toEqual([
      'choose a Kubernetes version: 1.35, 1.34',
    ]);
  });

  it('says the table is stale when no version is left in standard support', () => {
    const later = new Date('2027-06-01');
    expect(kubernetesVersionOptions(later)).toEqual([]);
    expect(defaultKubernetesVersion(later)).toBeUndefined();
    expect(kubernetesVersionProblems('1.35', later)[0]).toContain(
      'needs updating',
    );
  });

  it("validates against today's list", async () => {
    const addError = jest.fn();
    await validateKubernetesVersion('1.20', { addError } as any, {} as any);
    expect(addError).toHaveBeenCalledWith(
      expect.stringContaining('Kubernetes 1.20 is not supported by EKS'),
    );
  });
});
