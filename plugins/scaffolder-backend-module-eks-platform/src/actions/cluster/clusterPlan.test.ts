import {
  planEnvironment,
  presetFor,
} from '@internal/plugin-eks-platform-common';
import { planCluster } from './clusterPlan';

describe('cluster plan', () => {
  it.each(['dev', 'staging', 'production'] as const)(
    'names what planEnvironment lists for the %s cluster, its roles, key and networking add-ons',
    environment => {
      const spec = presetFor(environment);
      const kinds = [
        'AWS::IAM::Role',
        'AWS::KMS::Key',
        'AWS::EKS::Cluster',
        'AWS::EKS::Addon',
      ];
      const fromEnvironment = planEnvironment(spec)
        .filter(
          r =>
            kinds.includes(r.type) &&
            !(r.type === 'AWS::EKS::Addon' && r.detail === 'after node groups'),
        )
        .map(r => `${r.type} ${r.name}`)
        .sort();
      const fromCluster = planCluster(
        spec,
        'arn:aws:iam::111111111111:role/dpj-platform-team',
      )
        .filter(r => kinds.includes(r.type))
        // The action names the key by its alias.
        .map(r => `${r.type} ${r.name.replace(/^alias\//, '')}`)
        .sort();
      expect(fromCluster).toEqual(fromEnvironment);
    },
  );
});
