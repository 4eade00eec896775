import { presetFor } from '../presets';
import { clusterGraph } from './clusterGraph';
import {
  clusterAutoscalerPolicy,
  containerLogGroupName,
  CONTROLLER_IDENTITIES,
  fluentBitPolicy,
  JUSTIFIED_UNSCOPED_WRITES,
  loadBalancerControllerPolicy,
} from './controllerIam';
import { LOAD_BALANCER_CONTROLLER_PUBLISHED_POLICY } from './loadBalancerControllerPublishedPolicy';
import { nodegroupGraph } from './nodegroupGraph';

const SCOPE = {
  account: '333333333333',
  region: 'eu-west-3',
  cluster: 'dpj-prod-cluster',
};

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(value: T | T[]) => ([] as T[]).concat(value);
const statementsOf = (document: object) =>
  (document as { Statement: Statement[] }).Statement;
const isReadOnly = (action: string) =>
  /^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]*$/.test(action);

describe('the controllers’ IAM', () => {
  const scoped = loadBalancerControllerPolicy(SCOPE);

  it('keeps every action AWS publishes for the controller, and no other', () => {
    const actions = (document: object) =>
      statementsOf(document)
        .flatMap(s => list(s.Action))
        .sort();
    expect(actions(scoped)).toEqual(
      actions(LOAD_BALANCER_CONTROLLER_PUBLISHED_POLICY),
    );
    expect(actions(scoped)).toContain(
      'elasticloadbalancing:CreateLoadBalancer',
    );
  });

  it('allows writes on every resource only where the reason is written down, for every controller', () => {
    const inline = CONTROLLER_IDENTITIES.flatMap(i =>
      i.inlinePolicy ? statementsOf(i.inlinePolicy(SCOPE)) : [],
    );
    expect(inline.length).toBeGreaterThan(statementsOf(scoped).length);
    const unscopedWrites = inline
      .filter(s => list(s.Resource).includes('*') && !s.Condition)
      .flatMap(s => list(s.Action))
      .filter(action => !isReadOnly(action));
    expect(unscopedWrites.length).toBeGreaterThan(0);
    const unjustified = unscopedWrites.filter(
      action => !JUSTIFIED_UNSCOPED_WRITES[action]?.trim(),
    );
    expect(unjustified).toEqual([]);
    // And the list justifies nothing the policy does not need.
    expect(Object.keys(JUSTIFIED_UNSCOPED_WRITES).sort()).toEqual(
      [...new Set(unscopedWrites)].sort(),
    );
  });

  it("limits the controller to this cluster's tag, account and region", () => {
    const clusterTagOf = (document: object) =>
      statementsOf(document)
        .flatMap(s =>
          Object.values(s.Condition ?? {}).flatMap(c => Object.entries(c)),
        )
        .filter(([key]) => key.endsWith('Tag/elbv2.k8s.aws/cluster'));
    const clusterTag = clusterTagOf(scoped);
    const published = clusterTagOf(LOAD_BALANCER_CONTROLLER_PUBLISHED_POLICY);
    // "Carries any cluster's tag" became "carries this cluster's name"...
    expect(clusterTag.filter(([, value]) => value === 'false')).toEqual([]);
    expect(
      clusterTag.filter(([, value]) => value === 'dpj-prod-cluster'),
    ).toHaveLength(published.filter(([, value]) => value === 'false').length);
    expect(clusterTag.length).toBeGreaterThan(5);
    // ...and "the request adds no cluster tag" stays as AWS wrote it.
    expect(clusterTag.filter(([, value]) => value === 'true')).toHaveLength(2);
    const arns = statementsOf(scoped)
      .flatMap(s => list(s.Resource))
      .filter(r => r !== '*');
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns) {
      expect(arn).toMatch(/^arn:aws:[a-z0-9-]+:eu-west-3:333333333333:/);
    }
  });

  it('gives each controller a role its service account alone may assume, from this cluster', () => {
    const nodes = clusterGraph(presetFor('production'));
    for (const identity of CONTROLLER_IDENTITIES) {
      const role = nodes.find(n => n.key === identity.roleKey)!;
      expect(role.name).toBe(`dpj-prod-cluster-${identity.roleKey}`);
      const trust = JSON.parse(String(role.properties.trust));
      expect(trust.Statement[0]).toMatchObject({
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '333333333333' },
        },
      });
      const policies = nodes.find(
        n => n.key === `${identity.roleKey}.policies`,
      )!;
      expect(policies.properties.policies).toEqual(identity.managedPolicies);
    }
  });

  it('associates each role with its service account: the add-ons through their own association, the chart directly', () => {
    const spec = presetFor('production');
    const cluster = clusterGraph(spec);
    const nodegroups = nodegroupGraph(spec);
    const ebs = nodegroups.find(n => n.key === 'addon-aws-ebs-csi-driver')!;
    expect(ebs.refs).toEqual({ role: 'ebs-csi-role' });
    expect(ebs.properties.serviceAccount).toBe('ebs-csi-controller-sa');
    expect(ebs.dependsOn).toContain('ebs-csi-role.policies');
    const efs = nodegroups.find(n => n.key === 'addon-aws-efs-csi-driver')!;
    expect(efs.properties.serviceAccount).toBe('efs-csi-controller-sa');
    const association = cluster.find(
      n => n.kind === 'pod-identity-association',
    )!;
    expect(association).toMatchObject({
      key: 'pod-identity-aws-load-balancer-controller',
      refs: { cluster: 'cluster', role: 'load-balancer-controller-role' },
      properties: {
        namespace: 'kube-system',
        serviceAccount: 'aws-load-balancer-controller',
      },
    });
    expect(association.dependsOn).toContain(
      'load-balancer-controller-role.inline-policy',
    );
    const inline = cluster.find(
      n => n.key === 'load-balancer-controller-role.inline-policy',
    )!;
    expect(JSON.parse(String(inline.properties.document))).toEqual(
      loadBalancerControllerPolicy({
        account: spec.account,
        region: spec.region,
        cluster: 'dpj-prod-cluster',
      }),
    );
  });

  it("lets Fluent Bit write into the environment's log group only, which the graph makes with the preset's retention", () => {
    const spec = presetFor('production');
    const policy = fluentBitPolicy(SCOPE);
    const resources = statementsOf(policy).flatMap(s => list(s.Resource));
    expect(resources).toEqual([
      'arn:aws:logs:eu-west-3:333333333333:log-group:/aws/eks/dpj-prod-cluster/containers:*',
    ]);
    const actions = statementsOf(policy).flatMap(s => list(s.Action));
    expect(actions).not.toContain('logs:CreateLogGroup');
    expect(actions).toContain('logs:PutLogEvents');
    const nodes = clusterGraph(spec);
    const group = nodes.find(n => n.key === 'container-logs')!;
    expect(group.name).toBe(containerLogGroupName('dpj-prod-cluster'));
    expect(
      nodes.find(n => n.key === 'container-logs.retention')!.properties,
    ).toEqual({ retentionInDays: 90 });
    // The control plane's logs too, made before the cluster so EKS does not make them
    // without retention.
    expect(
      nodes.find(n => n.key === 'control-plane-logs.retention')!.properties,
    ).toEqual({ retentionInDays: 365 });
    expect(nodes.find(n => n.key === 'cluster')!.dependsOn).toContain(
      'control-plane-logs.retention',
    );
    expect(
      nodes.find(n => n.key === 'pod-identity-fluent-bit')!.properties,
    ).toEqual({ namespace: 'logging', serviceAccount: 'fluent-bit' });
  });

  it("lets the autoscaler resize this cluster's Auto Scaling groups only", () => {
    const [reads, writes] = statementsOf(clusterAutoscalerPolicy(SCOPE));
    expect(list(reads.Action).every(isReadOnly)).toBe(true);
    expect(list(writes.Action).sort()).toEqual([
      'autoscaling:SetDesiredCapacity',
      'autoscaling:TerminateInstanceInAutoScalingGroup',
    ]);
    expect(writes.Resource).toMatch(
      /^arn:aws:autoscaling:eu-west-3:333333333333:autoScalingGroup:/,
    );
    expect(writes.Condition).toEqual({
      StringEquals: {
        'aws:ResourceTag/k8s.io/cluster-autoscaler/dpj-prod-cluster': 'owned',
      },
    });
  });
});
