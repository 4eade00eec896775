import {
  ENVIRONMENTS,
  planEnvironment,
  presetFor,
} from '@internal/plugin-eks-platform-common';
import { planNetwork } from './networkPlan';

describe('planNetwork', () => {
  it.each(ENVIRONMENTS.map(environment => [environment]))(
    'lists the same EC2 resources as planEnvironment for the %s preset',
    environment => {
      const spec = presetFor(environment);
      const fromPlan = planEnvironment(spec)
        .filter(
          r =>
            r.type.startsWith('AWS::EC2::') &&
            r.type !== 'AWS::EC2::LaunchTemplate',
        )
        .map(r => `${r.type} ${r.name}`)
        .sort();
      const network = planNetwork(spec);
      expect(network.map(r => `${r.type} ${r.name}`).sort()).toEqual(fromPlan);
      // Every resource has its own role tag to be found by.
      expect(new Set(network.map(r => r.component)).size).toBe(network.length);
    },
  );

  it('routes every private subnet of a dev environment through its single NAT gateway', () => {
    const plan = planNetwork(presetFor('dev'));
    expect(plan.filter(r => r.type === 'AWS::EC2::NatGateway')).toEqual([
      expect.objectContaining({ component: 'nat-gateway-eu-west-3a' }),
    ]);
    expect(
      plan
        .filter(r => r.component.startsWith('private-route-table-'))
        .map(r => r.detail),
    ).toEqual([
      '0.0.0.0/0 via the NAT gateway in eu-west-3a, private subnet of eu-west-3a',
      '0.0.0.0/0 via the NAT gateway in eu-west-3a, private subnet of eu-west-3b',
      '0.0.0.0/0 via the NAT gateway in eu-west-3a, private subnet of eu-west-3c',
    ]);
  });
});
