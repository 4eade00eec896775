import { ENVIRONMENTS } from '../types';
import { presetFor } from '../presets';
import { planEnvironment } from '../plan';
import {
  checkGraph,
  destroyOrder,
  environmentGraph,
  nodesOfStep,
} from './environmentGraph';
import { kubernetesMadeGraph } from './kubernetesMadeGraph';
import { networkGraph } from './networkGraph';
import { node, ResourceKind } from './types';

describe('environmentGraph', () => {
  it.each(ENVIRONMENTS.map(environment => [environment]))(
    'lists each node of the %s preset once, after everything it depends on',
    environment => {
      const nodes = environmentGraph(presetFor(environment));
      expect(() => checkGraph(nodes)).not.toThrow();
      expect(new Set(nodes.map(n => n.key)).size).toBe(nodes.length);
      // Every ref is a dependency.
      for (const n of nodes) {
        expect(n.dependsOn).toEqual(
          expect.arrayContaining(Object.values(n.refs)),
        );
      }
    },
  );

  it('plans the production network: 1 VPC, 6 subnets, 3 NAT gateways and their addresses, 4 route tables', () => {
    const network = nodesOfStep(
      environmentGraph(presetFor('production')),
      'network',
    );
    const count = (type: string) => network.filter(n => n.type === type).length;
    expect(count('AWS::EC2::VPC')).toBe(1);
    expect(count('AWS::EC2::Subnet')).toBe(6);
    expect(count('AWS::EC2::NatGateway')).toBe(3);
    expect(count('AWS::EC2::EIP')).toBe(3);
    expect(count('AWS::EC2::RouteTable')).toBe(4);
    // One default route and one association per route table's subnets.
    expect(network.filter(n => n.kind === 'route')).toHaveLength(4);
    expect(
      network.filter(n => n.kind === 'route-table-association'),
    ).toHaveLength(6);
  });

  it('routes every private subnet of a dev environment through its single NAT gateway', () => {
    const nodes = networkGraph(presetFor('dev'));
    expect(nodes.filter(n => n.kind === 'nat-gateway').map(n => n.key)).toEqual(
      ['nat-gateway-eu-west-3a'],
    );
    const privateRoutes = nodes.filter(
      n => n.kind === 'route' && n.key.startsWith('private-route-table-'),
    );
    expect(privateRoutes.map(n => n.refs.natGateway)).toEqual([
      'nat-gateway-eu-west-3a',
      'nat-gateway-eu-west-3a',
      'nat-gateway-eu-west-3a',
    ]);
  });

  it('makes a NAT gateway and every route wait for the internet gateway attachment', () => {
    const nodes = networkGraph(presetFor('staging'));
    for (const n of nodes.filter(
      x => x.kind === 'nat-gateway' || x.kind === 'route',
    )) {
      expect(n.dependsOn).toContain('internet-gateway.attachment');
    }
    expect(
      nodes.find(n => n.key === 'vpc.enableDnsHostnames')!.dependsOn,
    ).toContain('vpc.enableDnsSupport');
  });

  it('creates vpc-cni after the Pod Identity agent it is associated through', () => {
    const nodes = environmentGraph(presetFor('dev'));
    const keys = nodes.map(n => n.key);
    expect(nodes.find(n => n.key === 'addon-vpc-cni')!.dependsOn).toContain(
      'addon-eks-pod-identity-agent',
    );
    expect(keys.indexOf('addon-eks-pod-identity-agent')).toBeLessThan(
      keys.indexOf('addon-vpc-cni'),
    );
  });

  it('creates the cluster and vpc-cni only once their roles are trusted and allowed', () => {
    const nodes = environmentGraph(presetFor('production'), {
      adminPrincipalArn: 'arn:aws:iam::333333333333:role/platform-admins',
    });
    const byKey = (key: string) => nodes.find(n => n.key === key)!;
    expect(byKey('cluster').dependsOn).toEqual(
      expect.arrayContaining([
        'cluster-role',
        'cluster-role.policies',
        'secrets-key.alias',
      ]),
    );
    expect(byKey('addon-vpc-cni').dependsOn).toContain('vpc-cni-role.policies');
    expect(byKey('cluster-role.policies').properties.policies).toEqual([
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
    ]);
    expect(byKey('admin-access').properties.principalArn).toBe(
      'arn:aws:iam::333333333333:role/platform-admins',
    );
    // Settings are removed with their owner: destroy never lists them as kinds of their own.
    expect(destroyOrder(nodesOfStep(nodes, 'cluster'))).toEqual([
      ['access-entry', 'eks-addon', 'pod-identity-association'],
      ['eks-cluster'],
      // The control plane writes its logs until it is gone.
      ['iam-role', 'kms-key', 'log-group'],
    ]);
  });

  it('plans exactly the graph nodes AWS gives an id, in graph order, without what the cluster makes', () => {
    const spec = presetFor('staging');
    const nodes = environmentGraph(spec);
    expect(planEnvironment(spec)).toEqual(
      nodes
        .filter(n => n.type && n.step !== 'kubernetes')
        .map(n => ({ type: n.type, name: n.name, detail: n.description })),
    );
    expect(nodes.filter(n => n.step === 'kubernetes').map(n => n.kind)).toEqual(
      [
        'k8s-target-group',
        'k8s-security-group',
        'eks-cluster-security-group',
        'k8s-load-balancer',
        'k8s-volume',
      ],
    );
  });

  it('destroys what the cluster made before the network it holds', () => {
    const spec = presetFor('production');
    const order = destroyOrder([
      ...networkGraph(spec),
      ...kubernetesMadeGraph(spec),
    ]);
    const level = (kind: ResourceKind) =>
      order.findIndex(kinds => kinds.includes(kind));
    for (const held of [
      'subnet',
      'internet-gateway',
      'k8s-security-group',
      'k8s-target-group',
    ] as const) {
      expect(level('k8s-load-balancer')).toBeLessThan(level(held));
    }
    expect(level('eks-cluster-security-group')).toBeLessThan(
      level('k8s-security-group'),
    );
    expect(level('k8s-volume')).toBeLessThan(level('vpc'));
  });

  it('destroys the network in the reverse of its dependencies, independent kinds together', () => {
    expect(
      destroyOrder(networkGraph(presetFor('production'))).map(level =>
        [...level].sort(),
      ),
    ).toEqual([
      ['flow-log', 'route-table'],
      ['nat-gateway'],
      ['elastic-ip', 'internet-gateway', 'subnet'],
      ['vpc'],
    ]);
  });

  it('refuses a node that depends on one listed after it, or on none', () => {
    const a = node({
      key: 'a',
      kind: 'vpc',
      step: 'network',
      name: 'a',
      description: '',
      refs: { b: 'b' },
      properties: {},
    });
    const b = { ...a, key: 'b', refs: {}, dependsOn: [] };
    expect(() => checkGraph([a, b])).toThrow(
      'Graph node a depends on b, which is not listed before it',
    );
    expect(() => checkGraph([b, b])).toThrow('Graph node b is listed twice');
  });
});
