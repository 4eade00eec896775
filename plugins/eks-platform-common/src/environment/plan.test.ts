import { planEnvironment } from './plan';
import { presetFor } from './presets';

const countOf = (plan: ReturnType<typeof planEnvironment>, type: string) =>
  plan.filter(resource => resource.type === type).length;

describe('planEnvironment', () => {
  it('plans the production preset with one NAT gateway and route table per zone', () => {
    const plan = planEnvironment(presetFor('production'));
    expect(countOf(plan, 'AWS::EC2::VPC')).toBe(1);
    expect(countOf(plan, 'AWS::EC2::Subnet')).toBe(6);
    expect(countOf(plan, 'AWS::EC2::NatGateway')).toBe(3);
    expect(countOf(plan, 'AWS::EC2::EIP')).toBe(3);
    expect(countOf(plan, 'AWS::EC2::RouteTable')).toBe(4);
    expect(countOf(plan, 'AWS::EKS::Cluster')).toBe(1);
    expect(countOf(plan, 'AWS::EKS::Addon')).toBe(7);
    // Control plane, nodes, VPC CNI and the platform's five controllers.
    expect(countOf(plan, 'AWS::IAM::Role')).toBe(8);
    expect(countOf(plan, 'AWS::EKS::PodIdentityAssociation')).toBe(3);
    expect(countOf(plan, 'AWS::Logs::LogGroup')).toBe(2);
    expect(countOf(plan, 'AWS::EKS::Nodegroup')).toBe(3);
    expect(countOf(plan, 'AWS::EC2::LaunchTemplate')).toBe(3);
    expect(plan.find(r => r.type === 'AWS::EKS::Cluster')).toMatchObject({
      name: 'dpj-prod-cluster',
      detail: expect.stringContaining('private endpoint only'),
    });
  });

  it('routes every private subnet through the single NAT gateway of dev', () => {
    const spec = presetFor('dev');
    const plan = planEnvironment(spec);
    expect(countOf(plan, 'AWS::EC2::NatGateway')).toBe(1);
    const privateRoutes = plan.filter(
      r => r.type === 'AWS::EC2::RouteTable' && r.name.includes('-private-'),
    );
    expect(privateRoutes).toHaveLength(3);
    privateRoutes.forEach((route, index) => {
      expect(route.detail).toBe(
        `0.0.0.0/0 via the NAT gateway in ${spec.availabilityZones[0]}, private subnet of ${spec.availabilityZones[index]}`,
      );
    });
  });

  it('installs networking add-ons before node groups and the others after', () => {
    const types = planEnvironment(presetFor('staging')).map(
      r => `${r.type} ${r.name}`,
    );
    const firstNodeGroup = types.findIndex(t =>
      t.startsWith('AWS::EKS::Nodegroup'),
    );
    expect(types.indexOf('AWS::EKS::Addon vpc-cni')).toBeLessThan(
      firstNodeGroup,
    );
    expect(types.indexOf('AWS::EKS::Addon coredns')).toBeGreaterThan(
      firstNodeGroup,
    );
  });
});
