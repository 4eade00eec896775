import {
  ENVIRONMENTS,
  presetFor,
  type EnvironmentName,
} from '@internal/plugin-eks-platform-common';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parse, parseAllDocuments } from 'yaml';
import {
  argoCdEnvironmentFor,
  CERTIFICATE_AUTHORITY,
} from './__testUtils__/argoCdEnvironments';
import { PLATFORM_COMPONENTS } from './platformComponents';
import {
  IN_CLUSTER_SERVER,
  renderArgoCdManifests,
  type RenderedManifests,
} from './renderManifests';

const render = (
  environment: EnvironmentName,
  overrides: Parameters<typeof argoCdEnvironmentFor>[1] = {},
) => renderArgoCdManifests(argoCdEnvironmentFor(environment, overrides));

function applicationOf(rendered: RenderedManifests, component: string) {
  const app = rendered.applications.find(
    a => a.metadata.labels['eks-platform/component'] === component,
  );
  if (!app) throw new Error(`no application for ${component}`);
  return app;
}

function valuesOf(rendered: RenderedManifests, component: string) {
  return applicationOf(rendered, component).spec.source.helm.valuesObject;
}

/** Every key of a JSON-like tree, lower-cased, at any depth. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => [
      key.toLowerCase(),
      ...allKeys(child),
    ]);
  }
  return [];
}

const SPOT_TOLERATION = {
  key: 'capacity',
  operator: 'Equal',
  value: 'spot',
  effect: 'NoSchedule',
};
const SYSTEM_TOLERATION = {
  key: 'CriticalAddonsOnly',
  operator: 'Equal',
  value: 'true',
  effect: 'NoSchedule',
};

describe('renderArgoCdManifests', () => {
  describe('names and labels', () => {
    it('names the project after the environment and each application <name>-<component>', () => {
      const rendered = render('dev');
      expect(rendered.project.metadata.name).toBe('dpj-dev');
      expect(rendered.root.metadata.name).toBe('dpj-dev-root');
      expect(rendered.applications.map(a => a.metadata.name)).toEqual([
        'dpj-dev-aws-load-balancer-controller',
        'dpj-dev-cluster-autoscaler',
        'dpj-dev-kube-prometheus-stack',
        'dpj-dev-fluent-bit',
        'dpj-dev-jaeger',
        'dpj-dev-dpj',
        'dpj-dev-namespace-policies',
      ]);
      for (const app of [rendered.root, ...rendered.applications]) {
        expect(app.spec.project).toBe('dpj-dev');
        expect(app.metadata.namespace).toBe('argocd');
      }
    });

    it.each(ENVIRONMENTS)(
      'labels every %s object with the environment and eks-platform',
      environment => {
        const rendered = render(environment);
        const spec = presetFor(environment);
        const expected = {
          'eks-platform/environment-name': spec.name,
          'eks-platform/environment': environment,
          'app.kubernetes.io/part-of': 'eks-platform',
        };
        for (const object of [
          rendered.project,
          rendered.clusterSecret,
          rendered.root,
          ...rendered.applications,
        ]) {
          expect(object.metadata.labels).toEqual(
            expect.objectContaining(expected),
          );
        }
        expect(rendered.cluster.labels).toEqual(expected);
      },
    );

    it('uses the given ArgoCD namespace', () => {
      const rendered = render('staging', { argocdNamespace: 'gitops' });
      for (const object of [
        rendered.project,
        rendered.clusterSecret,
        rendered.root,
        ...rendered.applications,
      ]) {
        expect(object.metadata.namespace).toBe('gitops');
      }
      expect(rendered.root.spec.destination).toEqual({
        server: IN_CLUSTER_SERVER,
        namespace: 'gitops',
      });
    });
  });

  describe('cluster', () => {
    it('declares the cluster Secret with the cluster label and EKS IAM authentication', () => {
      const env = argoCdEnvironmentFor('dev');
      const { clusterSecret } = renderArgoCdManifests(env);
      expect(clusterSecret).toMatchObject({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'cluster-dpj-dev-cluster',
          namespace: 'argocd',
          labels: { 'argocd.argoproj.io/secret-type': 'cluster' },
        },
        stringData: { name: 'dpj-dev-cluster', server: env.clusterEndpoint },
      });
      expect(JSON.parse(clusterSecret.stringData.config)).toEqual({
        awsAuthConfig: {
          clusterName: 'dpj-dev-cluster',
          roleARN: 'arn:aws:iam::111111111111:role/argocd-dpj-dev',
        },
        tlsClientConfig: { caData: CERTIFICATE_AUTHORITY },
      });
    });

    it('has no token, password or bearer token anywhere in the Secret, the API object or the file', () => {
      const rendered = render('production');
      const secretFile = rendered.files.find(f =>
        f.path.endsWith('/cluster-secret.yaml'),
      )!;
      const trees = [
        rendered.clusterSecret,
        JSON.parse(rendered.clusterSecret.stringData.config),
        rendered.cluster,
        parse(secretFile.content),
      ];
      for (const tree of trees) {
        for (const key of allKeys(tree)) {
          expect(key).not.toMatch(/token|password|bearer|secretkey|username/);
        }
      }
      for (const text of [
        JSON.stringify(rendered.clusterSecret),
        JSON.stringify(rendered.cluster),
        secretFile.content,
      ]) {
        expect(text).not.toMatch(/bearerToken|password|token/i);
      }
    });

    it('gives the REST API the same cluster as the Secret', () => {
      const rendered = render('staging');
      const { stringData } = rendered.clusterSecret;
      expect(rendered.cluster).toEqual({
        server: stringData.server,
        name: stringData.name,
        config: JSON.parse(stringData.config),
        labels: expect.any(Object),
      });
      expect(rendered.cluster.project).toBeUndefined();
    });

    it.each([
      ['vpcId', { vpcId: '' }],
      ['argocdRoleArn', { argocdRoleArn: '' }],
      ['argocdRoleArn', { argocdRoleArn: '   ' }],
      ['clusterEndpoint', { clusterEndpoint: '' }],
    ])('throws when %s is empty', (field, overrides) => {
      expect(() => render('dev', overrides)).toThrow(
        new RegExp(`${field} is empty`),
      );
    });
  });

  describe('project', () => {
    it.each(ENVIRONMENTS)(
      'has no wildcard in the %s destinations, source repositories or whitelist',
      environment => {
        const { project } = render(environment);
        const { sourceRepos, destinations, clusterResourceWhitelist } =
          project.spec;
        expect(JSON.stringify(sourceRepos)).not.toContain('*');
        expect(JSON.stringify(destinations)).not.toContain('*');
        expect(JSON.stringify(clusterResourceWhitelist)).not.toContain('*');
        expect(project.spec.description).toContain(presetFor(environment).name);
      },
    );

    it('allows exactly the chart repositories and the GitOps repository', () => {
      const env = argoCdEnvironmentFor('dev');
      const { project } = renderArgoCdManifests(env);
      expect(project.spec.sourceRepos).toEqual([
        'https://aws.github.io/eks-charts',
        'https://fluent.github.io/helm-charts',
        env.repoUrl,
        'https://jaegertracing.github.io/helm-charts',
        'https://kubernetes.github.io/autoscaler',
        'https://prometheus-community.github.io/helm-charts',
      ]);
    });

    it("allows only this cluster's component namespaces, plus ArgoCD's namespace for the root", () => {
      const env = argoCdEnvironmentFor('production');
      const { project } = renderArgoCdManifests(env);
      expect(project.spec.destinations).toEqual([
        { server: env.clusterEndpoint, namespace: 'dpj' },
        { server: env.clusterEndpoint, namespace: 'kube-system' },
        { server: env.clusterEndpoint, namespace: 'logging' },
        { server: env.clusterEndpoint, namespace: 'monitoring' },
        { server: env.clusterEndpoint, namespace: 'tracing' },
        { server: IN_CLUSTER_SERVER, namespace: 'argocd' },
      ]);
    });

    it('whitelists an explicit, commented list of cluster-scoped kinds', () => {
      const rendered = render('dev');
      expect(rendered.project.spec.clusterResourceWhitelist).toEqual([
        { group: '', kind: 'Namespace' },
        { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
        { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
        { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
        {
          group: 'admissionregistration.k8s.io',
          kind: 'MutatingWebhookConfiguration',
        },
        {
          group: 'admissionregistration.k8s.io',
          kind: 'ValidatingWebhookConfiguration',
        },
        { group: 'networking.k8s.io', kind: 'IngressClass' },
        { group: 'elbv2.k8s.aws', kind: 'IngressClassParams' },
      ]);
      const projectFile = rendered.files.find(f =>
        f.path.endsWith('/project.yaml'),
      )!;
      const comments = projectFile.content
        .split('\n')
        .filter(line => /^\s+# /.test(line));
      expect(comments).toHaveLength(8);
      expect(comments[1]).toContain('CRDs of kube-prometheus-stack');
    });

    it.each(ENVIRONMENTS)(
      'allows the destination and source repository of every %s application',
      environment => {
        const rendered = render(environment);
        const { sourceRepos, destinations } = rendered.project.spec;
        for (const app of [rendered.root, ...rendered.applications]) {
          expect(sourceRepos).toContain(app.spec.source.repoURL);
          expect(destinations).toContainEqual({
            server: app.spec.destination.server,
            namespace: app.spec.destination.namespace,
          });
        }
      },
    );
  });

  describe('applications', () => {
    it('pins every Helm repository chart to an exact version', () => {
      for (const environment of ENVIRONMENTS) {
        for (const app of render(environment).applications) {
          const { source } = app.spec;
          if (source.chart === undefined) continue;
          expect(source.targetRevision).toMatch(/^\d+\.\d+\.\d+$/);
        }
      }
    });

    it('installs the DPJ charts from the GitOps repository with the per-environment values file', () => {
      const env = argoCdEnvironmentFor('staging', {
        targetRevision: 'release',
      });
      const dpj = applicationOf(renderArgoCdManifests(env), 'dpj');
      expect(dpj.spec.source).toMatchObject({
        repoURL: env.repoUrl,
        path: 'charts/dpj',
        targetRevision: 'release',
        helm: { releaseName: 'dpj', valueFiles: ['values-staging.yaml'] },
      });
      expect(dpj.spec.destination.namespace).toBe('dpj');
    });

    it('syncs automatically with prune and selfHeal, creates namespaces and retries with backoff', () => {
      const rendered = render('dev');
      for (const app of rendered.applications) {
        expect(app.spec.syncPolicy.automated).toEqual({
          prune: true,
          selfHeal: true,
        });
        expect(app.spec.syncPolicy.syncOptions).toContain(
          'CreateNamespace=true',
        );
        expect(app.spec.syncPolicy.retry).toEqual({
          limit: 5,
          backoff: { duration: '10s', factor: 2, maxDuration: '5m' },
        });
        expect(app.metadata.finalizers).toEqual([
          'resources-finalizer.argocd.argoproj.io',
        ]);
      }
      expect(rendered.root.spec.syncPolicy.automated).toEqual({
        prune: true,
        selfHeal: true,
      });
    });

    it('applies server-side only kube-prometheus-stack, whose CRDs are too big for client-side apply', () => {
      const rendered = render('dev');
      const serverSide = rendered.applications
        .filter(a =>
          a.spec.syncPolicy.syncOptions.includes('ServerSideApply=true'),
        )
        .map(a => a.metadata.labels['eks-platform/component']);
      expect(serverSide).toEqual(['kube-prometheus-stack']);
    });

    it('leaves out the automated block when syncs are manual, and passes prune/selfHeal through', () => {
      const manual = render('production', {
        syncPolicy: { automated: false, prune: true, selfHeal: true },
      });
      for (const app of [manual.root, ...manual.applications]) {
        expect(app.spec.syncPolicy).not.toHaveProperty('automated');
        expect(app.spec.syncPolicy.retry).toBeDefined();
      }
      const noPrune = render('production');
      expect(noPrune.applications[0].spec.syncPolicy.automated).toEqual({
        prune: false,
        selfHeal: true,
      });
    });

    it('sends every component to the EKS cluster and the root to the cluster ArgoCD runs in', () => {
      const env = argoCdEnvironmentFor('dev');
      const rendered = renderArgoCdManifests(env);
      for (const app of rendered.applications) {
        expect(app.spec.destination.server).toBe(env.clusterEndpoint);
      }
      expect(rendered.root.spec).toMatchObject({
        source: {
          repoURL: env.repoUrl,
          targetRevision: 'main',
          path: 'clusters/dpj-dev/apps',
        },
        destination: { server: IN_CLUSTER_SERVER, namespace: 'argocd' },
      });
    });

    it('ignores the webhook CA bundles the charts generate, and keeps them on sync', () => {
      const rendered = render('dev');
      for (const component of [
        'kube-prometheus-stack',
        'aws-load-balancer-controller',
      ]) {
        const app = applicationOf(rendered, component);
        expect(app.spec.ignoreDifferences).toContainEqual({
          group: 'admissionregistration.k8s.io',
          kind: 'MutatingWebhookConfiguration',
          jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
        });
        expect(app.spec.syncPolicy.syncOptions).toContain(
          'RespectIgnoreDifferences=true',
        );
      }
    });

    it('gives the ALB controller its cluster, region and VPC (no instance metadata to read them from)', () => {
      const values = valuesOf(
        render('production'),
        'aws-load-balancer-controller',
      );
      expect(values).toMatchObject({
        clusterName: 'dpj-prod-cluster',
        region: 'eu-west-3',
        vpcId: 'vpc-0a1b2c3d4e5f60718',
      });
    });

    it("runs the autoscaler of the cluster's version on its node groups, preferring the preset's application group", () => {
      const production = valuesOf(render('production'), 'cluster-autoscaler');
      expect(production).toMatchObject({
        autoDiscovery: { clusterName: 'dpj-prod-cluster' },
        awsRegion: 'eu-west-3',
        rbac: { serviceAccount: { name: 'cluster-autoscaler' } },
        extraArgs: {
          expander: 'priority,least-waste',
          'scale-down-enabled': true,
        },
        expanderPriorities: { 50: ['.*app-on-demand.*'] },
      });
      expect(production.image.tag).toMatch(
        new RegExp(`^v${presetFor('production').kubernetesVersion}\\.`),
      );
      expect(
        valuesOf(render('dev'), 'cluster-autoscaler').expanderPriorities[50],
      ).toEqual(['.*app-spot.*']);
    });

    it('enforces Pod Security restricted on the DPJ namespace, with values that meet it, and scales the applications by CPU', () => {
      const rendered = render('production');
      const dpj = rendered.applications.find(a =>
        a.metadata.name.endsWith('-dpj'),
      )!;
      expect(dpj.spec.syncPolicy.managedNamespaceMetadata.labels).toEqual({
        'pod-security.kubernetes.io/enforce': 'restricted',
      });
      const values = valuesOf(rendered, 'dpj');
      // What the restricted profile checks (kubernetes.io "Pod Security Standards").
      expect(values.podSecurityContext).toEqual({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(values.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        runAsNonRoot: true,
      });
      expect(values.autoscaling).toEqual({
        enabled: true,
        minReplicas: 3,
        maxReplicas: 12,
        targetCPUUtilizationPercentage: 70,
      });
      expect(valuesOf(render('dev'), 'dpj').autoscaling).toMatchObject({
        minReplicas: 1,
        maxReplicas: 3,
      });
    });

    it('never uses the default Grafana admin password', () => {
      const values = valuesOf(render('production'), 'kube-prometheus-stack');
      expect(values.grafana).not.toHaveProperty('adminPassword');
      expect(values.grafana.admin.existingSecret).toBe('grafana-admin');
    });
  });

  describe('per-environment values', () => {
    it.each([
      ['dev', 1],
      ['staging', 2],
      ['production', 3],
    ] as const)('runs %s with %i replica(s)', (environment, replicas) => {
      const rendered = render(environment);
      const prometheus = valuesOf(rendered, 'kube-prometheus-stack');
      expect(prometheus.prometheus.prometheusSpec.replicas).toBe(replicas);
      expect(prometheus.alertmanager.alertmanagerSpec.replicas).toBe(replicas);
      expect(
        valuesOf(rendered, 'aws-load-balancer-controller').replicaCount,
      ).toBe(replicas);
      expect(valuesOf(rendered, 'dpj').replicaCount).toBe(replicas);
    });

    it('gives dev smaller requests and limits than production', () => {
      const dev = valuesOf(render('dev'), 'kube-prometheus-stack');
      const prod = valuesOf(render('production'), 'kube-prometheus-stack');
      expect(dev.prometheus.prometheusSpec.resources).toEqual({
        requests: { cpu: '100m', memory: '512Mi' },
        limits: { cpu: '500m', memory: '1Gi' },
      });
      expect(prod.prometheus.prometheusSpec.resources).toEqual({
        requests: { cpu: '500m', memory: '2Gi' },
        limits: { cpu: '2', memory: '4Gi' },
      });
      // Every chart's pods get limits (the policies' application renders no pods).
      for (const environment of ENVIRONMENTS) {
        const charts = render(environment).applications.filter(
          app => app.spec.source.helm,
        );
        expect(charts).toHaveLength(PLATFORM_COMPONENTS.length);
        for (const app of charts) {
          expect(JSON.stringify(app.spec.source.helm.valuesObject)).toContain(
            '"limits"',
          );
        }
      }
    });

    it.each(['dev', 'staging'] as const)(
      'lets the DPJ applications of %s run on Spot nodes',
      environment => {
        expect(valuesOf(render(environment), 'dpj')).toMatchObject({
          nodeSelector: { role: 'application' },
          tolerations: [SPOT_TOLERATION],
        });
      },
    );

    it('keeps the production DPJ applications on on-demand nodes', () => {
      const values = valuesOf(render('production'), 'dpj');
      expect(values.nodeSelector).toEqual({
        role: 'application',
        capacity: 'on-demand',
      });
      expect(values).not.toHaveProperty('tolerations');
      expect(JSON.stringify(values)).not.toContain('spot');
    });

    it.each(ENVIRONMENTS)(
      'puts the %s platform controllers on the system nodes',
      environment => {
        const rendered = render(environment);
        const system = {
          nodeSelector: { role: 'system' },
          tolerations: [SYSTEM_TOLERATION],
        };
        const prometheus = valuesOf(rendered, 'kube-prometheus-stack');
        for (const placed of [
          valuesOf(rendered, 'aws-load-balancer-controller'),
          valuesOf(rendered, 'jaeger').allInOne,
          prometheus.prometheus.prometheusSpec,
          prometheus.alertmanager.alertmanagerSpec,
          prometheus.grafana,
          prometheus.prometheusOperator,
          prometheus['kube-state-metrics'],
        ]) {
          expect(placed).toMatchObject(system);
        }
      },
    );

    it('runs the node agents on every node, Spot and system nodes included', () => {
      const rendered = render('production');
      for (const agent of [
        valuesOf(rendered, 'fluent-bit'),
        valuesOf(rendered, 'kube-prometheus-stack')['prometheus-node-exporter'],
      ]) {
        expect(agent).not.toHaveProperty('nodeSelector');
        expect(agent.tolerations).toEqual([SYSTEM_TOLERATION, SPOT_TOLERATION]);
      }
    });

    it('ships the logs of the cluster to the log group the cluster step made, without creating one', () => {
      const values = valuesOf(render('staging'), 'fluent-bit');
      expect(values.config.outputs).toContain('Name cloudwatch_logs');
      expect(values.config.outputs).toContain(
        'log_group_name /aws/eks/dpj-staging-cluster/containers',
      );
      expect(values.config.outputs).toContain('region eu-west-3');
      // The graph sets the retention; Fluent Bit's role may not create groups nor set it.
      expect(values.config.outputs).toContain('auto_create_group Off');
      expect(values.config.outputs).not.toContain('log_retention_days');
    });
  });

  describe('files', () => {
    it('writes the layout under the environment path', () => {
      expect(render('dev').files.map(f => f.path)).toEqual([
        'clusters/dpj-dev/project.yaml',
        'clusters/dpj-dev/cluster-secret.yaml',
        'clusters/dpj-dev/root.yaml',
        'clusters/dpj-dev/apps/aws-load-balancer-controller.yaml',
        'clusters/dpj-dev/apps/cluster-autoscaler.yaml',
        'clusters/dpj-dev/apps/kube-prometheus-stack.yaml',
        'clusters/dpj-dev/apps/fluent-bit.yaml',
        'clusters/dpj-dev/apps/jaeger.yaml',
        'clusters/dpj-dev/apps/dpj.yaml',
        'clusters/dpj-dev/apps/namespace-policies.yaml',
        'clusters/dpj-dev/policies/dpj-default-deny-all.yaml',
        'clusters/dpj-dev/policies/dpj-allow-dns.yaml',
        'clusters/dpj-dev/policies/dpj-allow-same-namespace.yaml',
        'clusters/dpj-dev/policies/dpj-allow-load-balancer.yaml',
        'clusters/dpj-dev/policies/dpj-allow-prometheus-scrape.yaml',
      ]);
    });

    it('ignores leading and trailing slashes of the path', () => {
      const rendered = render('dev', { path: '/envs/dpj-dev/' });
      expect(rendered.files[0].path).toBe('envs/dpj-dev/project.yaml');
      expect(rendered.root.spec.source.path).toBe('envs/dpj-dev/apps');
    });

    it('holds the rendered objects, one YAML document each, with a generated-file header', () => {
      const rendered = render('staging');
      const expected = [
        rendered.project,
        rendered.clusterSecret,
        rendered.root,
        ...rendered.applications,
        ...rendered.networkPolicies,
      ];
      expect(rendered.files).toHaveLength(expected.length);
      rendered.files.forEach((file, index) => {
        expect(
          file.content.startsWith(
            '# Generated by eks-platform:argocd:register',
          ),
        ).toBe(true);
        expect(file.content.endsWith('\n')).toBe(true);
        expect(parseAllDocuments(file.content)).toHaveLength(1);
        expect(parse(file.content)).toEqual(expected[index]);
        // No anchors or aliases for shared values (e.g. the same tolerations twice).
        expect(file.content).not.toMatch(/(^|\s)[&*]a\d+\b/m);
      });
    });

    it('is deterministic and does not change its input', () => {
      for (const environment of ENVIRONMENTS) {
        const env = argoCdEnvironmentFor(environment);
        const before = structuredClone(env);
        const first = renderArgoCdManifests(env);
        const second = renderArgoCdManifests(structuredClone(env));
        expect(second.files).toEqual(first.files);
        expect(second).toEqual(first);
        expect(env).toEqual(before);
      }
    });

    it('returns objects that do not share state between calls', () => {
      const first = render('dev');
      first.applications[0].spec.source.helm.valuesObject.tolerations.push({
        key: 'x',
      });
      first.project.spec.sourceRepos.push('*');
      const second = render('dev');
      expect(JSON.stringify(second.project)).not.toContain('*');
      expect(
        second.applications[0].spec.source.helm.valuesObject.tolerations,
      ).toHaveLength(1);
    });

    it('defaults the target revision to main', () => {
      const rendered = render('dev', { targetRevision: '' });
      expect(rendered.root.spec.source.targetRevision).toBe('main');
    });
  });

  it('has one application per platform component, and one for the namespace policies', () => {
    expect(render('dev').applications).toHaveLength(
      PLATFORM_COMPONENTS.length + 1,
    );
  });

  describe('namespace policies', () => {
    const byName = (rendered: RenderedManifests): Record<string, any> =>
      Object.fromEntries(
        rendered.networkPolicies.map(p => [p.metadata.name, p]),
      );

    it('denies all traffic of the DPJ namespace by default', () => {
      const policies = byName(render('production'));
      expect(Object.keys(policies)).toEqual([
        'default-deny-all',
        'allow-dns',
        'allow-same-namespace',
        'allow-load-balancer',
        'allow-prometheus-scrape',
      ]);
      for (const policy of Object.values(policies)) {
        expect(policy.metadata.namespace).toBe('dpj');
      }
      expect(policies['default-deny-all'].spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      });
    });

    it('allows DNS to CoreDNS only, and the namespace its own traffic', () => {
      const policies = byName(render('dev'));
      expect(policies['allow-dns'].spec).toEqual({
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      });
      expect(policies['allow-same-namespace'].spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      });
    });

    it("lets in only the load balancer's public subnets and Prometheus", () => {
      const spec = presetFor('staging');
      const policies = byName(render('staging'));
      expect(policies['allow-load-balancer'].spec.ingress).toEqual([
        {
          from: spec.network.publicSubnetCidrs.map(cidr => ({
            ipBlock: { cidr },
          })),
        },
      ]);
      expect(policies['allow-prometheus-scrape'].spec.ingress[0].from).toEqual([
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
          },
          podSelector: {
            matchLabels: { 'app.kubernetes.io/name': 'prometheus' },
          },
        },
      ]);
      // No policy opens egress beyond DNS and the namespace.
      const egress = Object.values(policies).flatMap(p => p.spec.egress ?? []);
      expect(egress.flatMap((rule: any) => rule.to ?? [])).toEqual([
        expect.objectContaining({
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        }),
        { podSelector: {} },
      ]);
    });

    it("is valid against Kubernetes' NetworkPolicy schema, which refuses a broken one", () => {
      for (const environment of ENVIRONMENTS) {
        for (const policy of render(environment).networkPolicies) {
          expect(() => new NetworkPolicy(policy).validate()).not.toThrow();
        }
      }
      const broken = structuredClone(render('dev').networkPolicies[1]);
      broken.spec.egress[0].ports[0].protocol = 53;
      expect(() => new NetworkPolicy(broken).validate()).toThrow(
        /protocol must be string/,
      );
    });

    it('syncs them from the environment folder, after the applications', () => {
      const app = applicationOf(render('dev'), 'namespace-policies');
      expect(app.spec.source).toEqual({
        repoURL: 'https://git.dpj.example/platform/dpj-gitops.git',
        targetRevision: 'main',
        path: 'clusters/dpj-dev/policies',
        directory: { recurse: false },
      });
      expect(app.spec.destination.namespace).toBe('dpj');
      expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe(
        '1',
      );
    });
  });
});
