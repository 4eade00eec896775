import { Entity } from '@backstage/catalog-model';
import { isKubernetesClusterEntity, readEksClusterRef } from './clusterEntity';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'dpj-prod-cluster-entity',
    annotations: {
      'kubernetes.io/x-k8s-aws-id': 'dpj-prod-cluster',
      'kubernetes.io/aws-account-id': '333333333333',
      'eks-platform/region': 'eu-west-3',
      'eks-platform/environment': 'production',
      'eks-platform/kubernetes-version': '1.35',
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
};

describe('cluster entities', () => {
  it('recognises kubernetes-cluster resources only', () => {
    expect(isKubernetesClusterEntity(cluster)).toBe(true);
    expect(
      isKubernetesClusterEntity({ ...cluster, spec: { type: 'database' } }),
    ).toBe(false);
    expect(isKubernetesClusterEntity({ ...cluster, kind: 'Component' })).toBe(
      false,
    );
  });

  it('reads the EKS cluster from its annotations', () => {
    expect(readEksClusterRef(cluster)).toEqual({
      entityName: 'dpj-prod-cluster-entity',
      clusterName: 'dpj-prod-cluster',
      accountId: '333333333333',
      region: 'eu-west-3',
      environment: 'production',
      kubernetesVersion: '1.35',
      apiServer: undefined,
    });
  });

  it('falls back to the entity name when the cluster name annotation is missing', () => {
    const bare = { ...cluster, metadata: { name: 'dpj-dev-cluster' } };
    expect(readEksClusterRef(bare)).toMatchObject({
      clusterName: 'dpj-dev-cluster',
      region: undefined,
    });
  });
});
