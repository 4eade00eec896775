import {
  compareKubernetesVersions,
  DEFAULT_KUBERNETES_VERSION,
  EKS_KUBERNETES_VERSIONS,
  findKubernetesVersion,
  isKubernetesVersionSyntax,
  kubernetesVersionsSupportedOn,
  supportPhaseOn,
} from './versions';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('EKS Kubernetes versions', () => {
  it('defaults to 1.35', () => {
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.35');
    expect(findKubernetesVersion(DEFAULT_KUBERNETES_VERSION)).toBeDefined();
  });

  it('records the published support dates', () => {
    expect(findKubernetesVersion('1.31')).toEqual({
      version: '1.31',
      endOfStandardSupport: '2025-11-26',
      endOfExtendedSupport: '2026-11-26',
    });
    expect(findKubernetesVersion('1.35')?.endOfExtendedSupport).toBe(
      '2028-03-27',
    );
  });

  it('keeps extended support one year after standard support', () => {
    for (const entry of EKS_KUBERNETES_VERSIONS) {
      const standard = Number(entry.endOfStandardSupport.slice(0, 4));
      expect(entry.endOfExtendedSupport).toBe(
        `${standard + 1}${entry.endOfStandardSupport.slice(4)}`,
      );
    }
  });

  it('knows 1.28, the ADR choice, is out of all support', () => {
    expect(supportPhaseOn('1.28', day('2026-01-01'))).toBe('end-of-life');
    expect(supportPhaseOn('1.28', day('2024-06-01'))).toBe('standard');
    expect(supportPhaseOn('1.28', day('2025-06-01'))).toBe('extended');
    expect(supportPhaseOn('1.99', day('2026-01-01'))).toBeUndefined();
  });

  it('treats the end date itself as out of the phase', () => {
    expect(supportPhaseOn('1.34', day('2026-12-01'))).toBe('standard');
    expect(supportPhaseOn('1.34', day('2026-12-02'))).toBe('extended');
  });

  it('lists versions supported on a day', () => {
    expect(kubernetesVersionsSupportedOn(day('2026-11-26'))).toEqual([
      '1.34',
      '1.35',
    ]);
    expect(
      kubernetesVersionsSupportedOn(day('2026-11-26'), {
        includeExtendedSupport: true,
      }),
    ).toEqual(['1.32', '1.33', '1.34', '1.35']);
  });

  it('checks syntax and orders numerically', () => {
    expect(isKubernetesVersionSyntax('1.35')).toBe(true);
    expect(isKubernetesVersionSyntax('1.35.0')).toBe(false);
    expect(isKubernetesVersionSyntax('v1.35')).toBe(false);
    expect(isKubernetesVersionSyntax('2.0')).toBe(false);
    expect(['1.10', '1.9', '1.35'].sort(compareKubernetesVersions)).toEqual([
      '1.9',
      '1.10',
      '1.35',
    ]);
  });
});
