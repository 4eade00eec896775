import {
  ENVIRONMENTS,
  kubernetesVersionsSupportedOn,
  presetFor,
} from '@internal/plugin-eks-platform-common';
import { CLUSTER_AUTOSCALER_IMAGES, REPLICAS } from './componentSizing';
import {
  PLATFORM_COMPONENT_IDS,
  PLATFORM_COMPONENTS,
} from './platformComponents';
import { schedulingFor } from './scheduling';

/** x.y.z only: no range (^, ~, >=, x, *), no prerelease tag, no leading v. */
const EXACT_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

describe('PLATFORM_COMPONENTS', () => {
  it('has one entry per component, in sync-wave order', () => {
    expect(PLATFORM_COMPONENTS.map(c => c.id)).toEqual([
      ...PLATFORM_COMPONENT_IDS,
    ]);
    const waves = PLATFORM_COMPONENTS.map(c => c.syncWave);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
  });

  it('pins every chart from a Helm repository to an exact version', () => {
    const charts = PLATFORM_COMPONENTS.flatMap(c =>
      c.source.type === 'helm' ? [c.source] : [],
    );
    expect(charts.map(chart => `${chart.chart}@${chart.version}`)).toEqual([
      'aws-load-balancer-controller@1.12.0',
      'cluster-autoscaler@9.59.0',
      'kube-prometheus-stack@69.8.0',
      'fluent-bit@0.47.9',
      'jaeger@3.4.1',
    ]);
    for (const chart of charts) {
      expect(chart.version).toMatch(EXACT_VERSION);
      expect(chart.repoUrl).toMatch(/^https:\/\//);
    }
  });

  it('rejects ranges with the same check', () => {
    for (const range of [
      '^69.8.0',
      '~1.12.0',
      '>=3.4.1',
      '69.x',
      '*',
      'v1.12.0',
      '1.12',
      '3.4.1-rc.1',
    ]) {
      expect(range).not.toMatch(EXACT_VERSION);
    }
  });

  it('takes the DPJ charts from the GitOps repository with one values file per environment', () => {
    const dpj = PLATFORM_COMPONENTS.find(c => c.id === 'dpj')!;
    expect(dpj.source.type).toBe('gitops');
    if (dpj.source.type !== 'gitops') return;
    expect(dpj.source.path).toBe('charts/dpj');
    expect(
      ENVIRONMENTS.map(
        e => dpj.source.type === 'gitops' && dpj.source.valueFiles(e),
      ),
    ).toEqual([
      ['values-dev.yaml'],
      ['values-staging.yaml'],
      ['values-production.yaml'],
    ]);
  });

  it('scales replicas 1/2/3 from dev to production', () => {
    expect(REPLICAS).toEqual({ dev: 1, staging: 2, production: 3 });
  });

  it.each(ENVIRONMENTS)(
    'gives every component %s requests and limits',
    environment => {
      const spec = presetFor(environment);
      const context = {
        spec,
        environment,
        clusterName: `${spec.name}-cluster`,
        vpcId: 'vpc-0a1b2c3d4e5f60718',
        scheduling: schedulingFor(spec),
      };
      for (const component of PLATFORM_COMPONENTS) {
        const text = JSON.stringify(component.values(context));
        expect(text).toContain('"requests"');
        expect(text).toContain('"limits"');
      }
    },
  );

  it('has an autoscaler image of the same minor for every version a cluster may be created with', () => {
    const creatable = kubernetesVersionsSupportedOn(new Date('2026-12-02'));
    expect(creatable.length).toBeGreaterThan(0);
    for (const version of creatable) {
      expect([version, CLUSTER_AUTOSCALER_IMAGES[version]]).toEqual([
        version,
        expect.stringMatching(
          new RegExp(`^v${version.replace('.', '\\.')}\\.\\d+$`),
        ),
      ]);
    }
  });
});
