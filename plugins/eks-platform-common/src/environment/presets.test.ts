import { findInstanceType } from '../aws/instanceTypes';
import { isAvailabilityZoneInRegion } from '../aws/regions';
import { cidrsOverlap, parseCidr } from '../network/cidr';
import { DEFAULT_KUBERNETES_VERSION } from '../kubernetes/versions';
import { ENVIRONMENT_PRESETS, presetFor } from './presets';
import { clusterName, ENVIRONMENTS } from './types';
import { validateEnvironmentSpec } from './validate';

describe('environment presets', () => {
  it.each(ENVIRONMENTS)('%s passes validation', environment => {
    expect(validateEnvironmentSpec(ENVIRONMENT_PRESETS[environment])).toEqual(
      [],
    );
    expect(
      validateEnvironmentSpec(ENVIRONMENT_PRESETS[environment], {
        supportedKubernetesVersions: ['1.34', '1.35'],
      }),
    ).toEqual([]);
  });

  it('names clusters as ADR-0007 does', () => {
    expect(ENVIRONMENTS.map(e => clusterName(ENVIRONMENT_PRESETS[e]))).toEqual([
      'dpj-dev-cluster',
      'dpj-staging-cluster',
      'dpj-prod-cluster',
    ]);
  });

  it.each(ENVIRONMENTS)(
    '%s runs in Paris on the default Kubernetes version',
    environment => {
      const preset = ENVIRONMENT_PRESETS[environment];
      expect(preset.region).toBe('eu-west-3');
      expect(preset.availabilityZones).toEqual([
        'eu-west-3a',
        'eu-west-3b',
        'eu-west-3c',
      ]);
      expect(
        preset.availabilityZones.every(az =>
          isAvailabilityZoneInRegion(az, 'eu-west-3'),
        ),
      ).toBe(true);
      expect(preset.kubernetesVersion).toBe(DEFAULT_KUBERNETES_VERSION);
      expect(preset.tags).toMatchObject({
        environment,
        project: 'dpj',
        'cost-center': preset.costCenter,
      });
    },
  );

  it('gives each environment its own VPC block', () => {
    const blocks = ENVIRONMENTS.map(e =>
      parseCidr(ENVIRONMENT_PRESETS[e].network.vpcCidr),
    );
    expect(
      ENVIRONMENTS.map(e => ENVIRONMENT_PRESETS[e].network.vpcCidr),
    ).toEqual(['10.10.0.0/16', '10.20.0.0/16', '10.30.0.0/16']);
    blocks.forEach((a, i) =>
      blocks.slice(i + 1).forEach(b => {
        expect(a && b && cidrsOverlap(a, b)).toBe(false);
      }),
    );
  });

  it('keeps production private, redundant and at ADR-0007 sizes', () => {
    const production = ENVIRONMENT_PRESETS.production;
    expect(production.network.natGateways).toBe('one-per-az');
    expect(production.endpointAccess).toEqual({
      private: true,
      public: false,
      publicAccessCidrs: [],
    });
    expect(production.network.privateSubnetCidrs).toEqual([
      '10.30.32.0/19',
      '10.30.64.0/19',
      '10.30.96.0/19',
    ]);
    const [system, onDemand, spot] = production.nodeGroups;
    expect(system).toMatchObject({
      name: 'system',
      minSize: 3,
      desiredSize: 3,
      maxSize: 6,
      capacityType: 'ON_DEMAND',
    });
    expect(system?.taints).toEqual([
      { key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' },
    ]);
    expect(onDemand).toMatchObject({
      name: 'app-on-demand',
      capacityType: 'ON_DEMAND',
    });
    expect(spot).toMatchObject({ name: 'app-spot', capacityType: 'SPOT' });
    // ADR-0007 app-nodes: min 3, desired 6, max 20, now shared by two groups.
    const sumOf = (key: 'minSize' | 'desiredSize' | 'maxSize') =>
      (onDemand?.[key] ?? 0) + (spot?.[key] ?? 0);
    expect([sumOf('minSize'), sumOf('desiredSize'), sumOf('maxSize')]).toEqual([
      3, 6, 20,
    ]);
  });

  it('restricts the dev public endpoint to a documentation range with a single NAT', () => {
    const dev = ENVIRONMENT_PRESETS.dev;
    expect(dev.network.natGateways).toBe('single');
    expect(dev.endpointAccess.public).toBe(true);
    expect(dev.endpointAccess.publicAccessCidrs).toEqual(['203.0.113.0/24']);
  });

  it.each(ENVIRONMENTS)(
    '%s node groups use one shape and one capacity type each',
    environment => {
      for (const group of ENVIRONMENT_PRESETS[environment].nodeGroups) {
        const shapes = new Set(
          group.instanceTypes.map(name => {
            const spec = findInstanceType(name);
            return spec && `${spec.vcpus}/${spec.memoryMiB}`;
          }),
        );
        expect(shapes.size).toBe(1);
        expect(shapes.has(undefined)).toBe(false);
      }
    },
  );

  it('hands out independent copies with overrides', () => {
    const copy = presetFor('dev', { name: 'dpj-dev2' });
    const [firstGroup] = copy.nodeGroups;
    if (firstGroup) firstGroup.maxSize = 99;
    expect(copy.name).toBe('dpj-dev2');
    expect(ENVIRONMENT_PRESETS.dev.nodeGroups[0]?.maxSize).toBe(3);
    expect(ENVIRONMENT_PRESETS.dev.name).toBe('dpj-dev');
  });
});
