import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1Node,
  V1Pod,
  VersionApi,
} from '@kubernetes/client-node';
import { DPJ_ENVIRONMENTS } from '../../seed/dpjEnvironments';
import { RunningSandbox, startSandbox } from '../../server';
import { dpjClusters, inventoryOf } from './__testUtils__/dpjInventory';
import { createKubernetesService } from './index';

const NOW = Date.UTC(2026, 10, 18, 12);

/** "250m" → 250, "2" → 2000 */
function milliCpu(quantity = '0'): number {
  return quantity.endsWith('m')
    ? Number(quantity.slice(0, -1))
    : Number(quantity) * 1000;
}

/** "512Mi" / "7371776Ki" → KiB */
function memoryKi(quantity = '0'): number {
  if (quantity.endsWith('Mi')) return Number(quantity.slice(0, -2)) * 1024;
  if (quantity.endsWith('Ki')) return Number(quantity.slice(0, -2));
  return Number(quantity) / 1024;
}

describe('aws-sandbox Kubernetes API', () => {
  let sandbox: RunningSandbox;
  const clusters = dpjClusters(NOW);
  // A second production cluster still being created: its API server does not answer yet.
  const creating = {
    ...clusters.find(c => c.name === 'dpj-prod-cluster')!,
    name: 'dpj-next-cluster',
    status: 'CREATING',
  };
  // A cluster made without the metrics-server add-on and without an autoscaler.
  const bare = {
    ...clusters.find(c => c.name === 'dpj-prod-cluster')!,
    name: 'dpj-bare-cluster',
    addons: ['vpc-cni', 'kube-proxy', 'coredns', 'eks-pod-identity-agent'],
  };
  beforeAll(async () => {
    sandbox = await startSandbox({
      httpServices: [
        createKubernetesService(inventoryOf([...clusters, creating, bare]), {
          // The seeded staging history: a Spot scale-up, two pods waiting for it.
          autoscalerOf: cluster =>
            cluster.name === 'dpj-staging-cluster'
              ? DPJ_ENVIRONMENTS.staging.autoscaler
              : undefined,
        }),
      ],
      timeScale: 0.001,
    });
  });
  afterAll(() => sandbox.close());

  function kubeConfig(
    cluster: string,
    account = '333333333333',
    token = 'k8s-aws-v1.aHR0cHM6Ly9zdHM',
  ) {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: cluster,
          server: `${sandbox.url}/k8s/${account}/eu-west-3/${cluster}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'sandbox', token }],
      contexts: [{ name: cluster, cluster, user: 'sandbox' }],
      currentContext: cluster,
    });
    return kc;
  }
  const core = (
    cluster = 'dpj-prod-cluster',
    account?: string,
    token?: string,
  ) => kubeConfig(cluster, account, token).makeApiClient(CoreV1Api);

  let nodes: V1Node[];
  let pods: V1Pod[];
  beforeAll(async () => {
    nodes = (await core().listNode()).items;
    pods = (await core().listPodForAllNamespaces()).items;
  });

  it('derives one node per desired instance, spread over the three zones', () => {
    expect(nodes).toHaveLength(9);
    const byGroup = (group: string) =>
      nodes.filter(
        n => n.metadata?.labels?.['eks.amazonaws.com/nodegroup'] === group,
      );
    expect(
      byGroup('system').map(
        n => n.metadata?.labels?.['topology.kubernetes.io/zone'],
      ),
    ).toEqual(['eu-west-3a', 'eu-west-3b', 'eu-west-3c']);
    for (const node of nodes) {
      expect(node.metadata?.name).toMatch(
        /^ip-10-30-\d+-\d+\.eu-west-3\.compute\.internal$/,
      );
      expect(node.metadata?.labels?.['kubernetes.io/os']).toBe('linux');
      expect(
        node.status?.conditions?.find(c => c.type === 'Ready')?.status,
      ).toBe('True');
      expect(node.metadata?.creationTimestamp).toBeInstanceOf(Date);
    }
    expect(byGroup('app-spot')[0].metadata?.labels).toMatchObject({
      'eks.amazonaws.com/capacityType': 'SPOT',
      role: 'application',
      capacity: 'spot',
    });
  });

  it("reserves what EKS's bootstrap reserves: c5.xlarge and t3.large by hand", () => {
    const ofType = (type: string) =>
      nodes.find(
        n => n.metadata?.labels?.['node.kubernetes.io/instance-type'] === type,
      )!;
    // c5.xlarge: 4 vCPU, 8 GiB, max pods 4 × (15 − 1) + 2 = 58.
    // CPU 60 + 10 + 5 + 5 = 80m; memory 255 + 11 × 58 + 100 eviction = 993Mi.
    expect(ofType('c5.xlarge').status).toMatchObject({
      capacity: { cpu: '4', memory: `${8192 * 1024}Ki`, pods: '58' },
      allocatable: {
        cpu: '3920m',
        memory: `${(8192 - 993) * 1024}Ki`,
        pods: '58',
      },
    });
    // t3.large: 2 vCPU, 8 GiB, max pods 3 × (12 − 1) + 2 = 35.
    // CPU 60 + 10 = 70m; memory 255 + 11 × 35 + 100 = 740Mi.
    expect(ofType('t3.large').status).toMatchObject({
      capacity: { cpu: '2', memory: `${8192 * 1024}Ki`, pods: '35' },
      allocatable: {
        cpu: '1930m',
        memory: `${(8192 - 740) * 1024}Ki`,
        pods: '35',
      },
    });
  });

  it('taints spot nodes and schedules only tolerating pods there', () => {
    const spotNodes = nodes.filter(
      n => n.metadata?.labels?.['eks.amazonaws.com/capacityType'] === 'SPOT',
    );
    expect(spotNodes).toHaveLength(3);
    for (const node of spotNodes) {
      expect(node.spec?.taints).toEqual([
        { key: 'capacity', value: 'spot', effect: 'NoSchedule' },
      ]);
      const onNode = pods.filter(p => p.spec?.nodeName === node.metadata?.name);
      expect(onNode.length).toBeGreaterThan(4);
      for (const pod of onNode) {
        expect(
          pod.spec?.tolerations?.some(
            t => t.key === 'capacity' || (!t.key && t.operator === 'Exists'),
          ),
        ).toBe(true);
      }
      expect(onNode.some(p => p.metadata?.name?.startsWith('dpj-api-'))).toBe(
        false,
      );
    }
  });

  it.each([
    ['dpj-dev-cluster', '111111111111'],
    ['dpj-staging-cluster', '222222222222'],
    ['dpj-prod-cluster', '333333333333'],
  ])(
    'never requests more than a node allocates on %s, and fills application nodes to 40–75%%',
    async (cluster, account) => {
      const api = core(cluster, account);
      const clusterNodes = (await api.listNode()).items;
      const clusterPods = (await api.listPodForAllNamespaces()).items;
      const usage = clusterNodes.map(node => {
        const onNode = clusterPods.filter(
          p => p.spec?.nodeName === node.metadata?.name,
        );
        const requests = onNode
          .flatMap(p => p.spec?.containers ?? [])
          .map(c => c.resources?.requests ?? {});
        const allocatable = node.status!.allocatable!;
        const cpu = requests.reduce((sum, r) => sum + milliCpu(r.cpu), 0);
        const memory = requests.reduce((sum, r) => sum + memoryKi(r.memory), 0);
        return {
          role: node.metadata?.labels?.role,
          cpuShare: cpu / milliCpu(allocatable.cpu),
          memoryShare: memory / memoryKi(allocatable.memory),
          podShare: onNode.length / Number(allocatable.pods),
        };
      });
      for (const { cpuShare, memoryShare, podShare } of usage) {
        expect(Math.max(cpuShare, memoryShare, podShare)).toBeLessThanOrEqual(
          1,
        );
      }
      const busiest = usage
        .filter(u => u.role === 'application')
        .map(u => Math.max(u.cpuShare, u.memoryShare));
      expect(busiest.length).toBeGreaterThan(0);
      expect(Math.min(...busiest)).toBeGreaterThanOrEqual(0.4);
      expect(Math.max(...busiest)).toBeLessThanOrEqual(0.75);
      // Every placed pod runs; only those the autoscaler makes room for wait, unplaced.
      expect(
        clusterPods.every(
          p =>
            p.status?.phase === 'Running' ||
            (p.status?.phase === 'Pending' && !p.spec?.nodeName),
        ),
      ).toBe(true);
    },
  );

  it('runs the add-on DaemonSets on every node and coredns twice on system nodes', () => {
    for (const daemonSet of [
      'aws-node',
      'kube-proxy',
      'eks-pod-identity-agent',
      'ebs-csi-node',
    ]) {
      const nodeNames = pods
        .filter(p => p.metadata?.ownerReferences?.[0]?.name === daemonSet)
        .map(p => p.spec?.nodeName);
      expect(new Set(nodeNames).size).toBe(9);
    }
    const coredns = pods.filter(
      p => p.metadata?.labels?.['k8s-app'] === 'kube-dns',
    );
    expect(coredns).toHaveLength(2);
    for (const pod of coredns) {
      const node = nodes.find(n => n.metadata?.name === pod.spec?.nodeName);
      expect(node?.metadata?.labels?.role).toBe('system');
    }
  });

  it('gives production bigger DPJ pods than dev, deterministically', async () => {
    const dpjPods = await core().listNamespacedPod({
      namespace: 'dpj',
      labelSelector: 'app=dpj-api',
    });
    expect(dpjPods.items.length).toBeGreaterThan(2);
    expect(dpjPods.items[0].spec?.containers[0].resources?.requests).toEqual({
      cpu: '500m',
      memory: '1024Mi',
    });
    const devApi = await core(
      'dpj-dev-cluster',
      '111111111111',
    ).listNamespacedPod({
      namespace: 'dpj',
      labelSelector: 'app==dpj-api',
    });
    expect(devApi.items[0].spec?.containers[0].resources?.requests).toEqual({
      cpu: '250m',
      memory: '384Mi',
    });
    const again = await core().listNamespacedPod({
      namespace: 'dpj',
      labelSelector: 'app=dpj-api',
    });
    expect(again.items.map(p => p.metadata?.name)).toEqual(
      dpjPods.items.map(p => p.metadata?.name),
    );
  });

  it('filters pods by spec.nodeName and refuses unsupported field selectors', async () => {
    const nodeName = nodes[4].metadata!.name!;
    const onNode = await core().listPodForAllNamespaces({
      fieldSelector: `spec.nodeName=${nodeName}`,
    });
    expect(onNode.items.length).toBe(
      pods.filter(p => p.spec?.nodeName === nodeName).length,
    );
    expect(onNode.items.every(p => p.spec?.nodeName === nodeName)).toBe(true);
    await expect(
      core().listPodForAllNamespaces({ fieldSelector: 'spec.color=red' }),
    ).rejects.toMatchObject({
      code: 400,
      body: expect.stringContaining('field label not supported: spec.color'),
    });
  });

  it('pages nodes and pods with limit and continue', async () => {
    const first = await core().listNode({ limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.metadata?.remainingItemCount).toBe(5);
    const second = await core().listNode({
      limit: 4,
      _continue: first.metadata?._continue,
    });
    const third = await core().listNode({
      limit: 4,
      _continue: second.metadata?._continue,
    });
    expect(third.metadata?._continue).toBeUndefined();
    expect(
      [...first.items, ...second.items, ...third.items].map(
        n => n.metadata?.name,
      ),
    ).toEqual(nodes.map(n => n.metadata?.name));
    const podPage = await core().listPodForAllNamespaces({ limit: 10 });
    const rest = await core().listPodForAllNamespaces({
      _continue: podPage.metadata?._continue,
    });
    expect(podPage.items.length + rest.items.length).toBe(pods.length);
  });

  it('lists namespaces, answers /version and empty lists for other resources', async () => {
    const namespaces = await core().listNamespace();
    expect(namespaces.items.map(n => n.metadata?.name)).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'dpj']),
    );
    const version = await kubeConfig('dpj-prod-cluster')
      .makeApiClient(VersionApi)
      .getCode();
    expect(version).toMatchObject({ major: '1' });
    expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+-eks-/);
    const services = await core().listServiceForAllNamespaces();
    expect(services).toMatchObject({
      kind: 'ServiceList',
      apiVersion: 'v1',
      items: [],
    });
    const deployments = await kubeConfig('dpj-prod-cluster')
      .makeApiClient(AppsV1Api)
      .listNamespacedDeployment({ namespace: 'dpj' });
    expect(deployments).toMatchObject({
      kind: 'DeploymentList',
      apiVersion: 'apps/v1',
      items: [],
    });
  });

  it('answers 401 without a token, 404 for an unknown cluster, 503 while creating', async () => {
    const noToken = await fetch(
      `${sandbox.url}/k8s/333333333333/eu-west-3/dpj-prod-cluster/api/v1/nodes`,
    );
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
    const unknown = core('dpj-nope-cluster').listNode();
    await expect(unknown).rejects.toBeInstanceOf(ApiException);
    await expect(core('dpj-nope-cluster').listNode()).rejects.toMatchObject({
      code: 404,
      body: expect.stringContaining('no EKS cluster \\"dpj-nope-cluster\\"'),
    });
    // The prod cluster lives in 333333333333, not in the dev account.
    await expect(
      core('dpj-prod-cluster', '111111111111').listNode(),
    ).rejects.toMatchObject({ code: 404 });
    await expect(core('dpj-next-cluster').listNode()).rejects.toMatchObject({
      code: 503,
      body: expect.stringContaining('CREATING'),
    });
  });

  it("runs an EKS add-on's pods only while the add-on is installed", async () => {
    const names = (
      await core('dpj-bare-cluster').listPodForAllNamespaces()
    ).items.map(pod => pod.metadata?.name ?? '');
    expect(names.some(name => name.startsWith('coredns-'))).toBe(true);
    expect(names.some(name => name.startsWith('metrics-server-'))).toBe(false);
    expect(names.some(name => name.startsWith('ebs-csi-'))).toBe(false);
    expect(
      pods.some(pod => pod.metadata?.name?.startsWith('metrics-server-')),
    ).toBe(true);
  });

  it('serves node metrics only where the metrics-server add-on runs', async () => {
    const metricsOf = async (cluster: string) => {
      const response = await fetch(
        `${sandbox.url}/k8s/333333333333/eu-west-3/${cluster}/apis/metrics.k8s.io/v1beta1/nodes`,
        { headers: { authorization: 'Bearer test' } },
      );
      return { status: response.status, body: await response.json() };
    };
    const prod = await metricsOf('dpj-prod-cluster');
    expect(prod.status).toBe(200);
    expect(prod.body.apiVersion).toBe('metrics.k8s.io/v1beta1');
    expect(prod.body.items.map((m: any) => m.metadata.name).sort()).toEqual(
      nodes.map(n => n.metadata?.name).sort(),
    );
    for (const metrics of prod.body.items) {
      const node = nodes.find(n => n.metadata?.name === metrics.metadata.name)!;
      const usedMillis = Number(metrics.usage.cpu.replace(/n$/, '')) / 1e6;
      expect(usedMillis).toBeGreaterThan(0);
      expect(usedMillis).toBeLessThan(milliCpu(node.status?.allocatable?.cpu));
      expect(memoryKi(metrics.usage.memory)).toBeLessThan(
        memoryKi(node.status?.allocatable?.memory),
      );
    }

    const withoutAddon = await metricsOf('dpj-bare-cluster');
    expect(withoutAddon.status).toBe(404);
    const groups = await (
      await fetch(
        `${sandbox.url}/k8s/333333333333/eu-west-3/dpj-bare-cluster/apis`,
        {
          headers: { authorization: 'Bearer test' },
        },
      )
    ).json();
    expect(groups.groups.map((g: any) => g.name)).not.toContain(
      'metrics.k8s.io',
    );
  });

  it("serves the autoscaler's status, events and waiting pods where it runs, NotFound elsewhere", async () => {
    const staging = core('dpj-staging-cluster', '222222222222');
    const status = await staging.readNamespacedConfigMap({
      name: 'cluster-autoscaler-status',
      namespace: 'kube-system',
    });
    expect(status.data?.status).toMatch(
      /^time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\nautoscalerStatus: Running\n/,
    );
    const spot = status.data?.status
      ?.split('\n- ')
      .find(group => group.startsWith('name: eks-app-spot\n'));
    expect(spot?.split('\n').map(line => line.trim())).toEqual(
      expect.arrayContaining([
        'cloudProviderTarget: 2',
        'minSize: 0',
        'maxSize: 8',
        'status: InProgress',
      ]),
    );
    const events = await staging.listNamespacedEvent({
      namespace: 'kube-system',
      fieldSelector:
        'involvedObject.kind=ConfigMap,involvedObject.name=cluster-autoscaler-status',
    });
    expect(events.items.map(e => [e.reason, e.message])).toEqual([
      [
        'ScaledUpGroup',
        'Scale-up: setting group eks-app-spot size to 3 instead of 2 (max: 8)',
      ],
    ]);
    const waiting = (
      await staging.listNamespacedPod({
        namespace: 'dpj',
        fieldSelector: 'status.phase=Pending',
      })
    ).items;
    expect(waiting).toHaveLength(2);
    expect(waiting[0].metadata?.name).toMatch(
      /^dpj-worker-[0-9a-f]{10}-[0-9a-f]{5}$/,
    );
    expect(waiting[0].spec?.nodeName).toBeUndefined();
    expect(waiting[0].status?.conditions?.[0]).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: expect.stringMatching(
        /^0\/6 nodes are available: 2 node\(s\) had untolerated taint \{CriticalAddonsOnly: true\}, 4 Insufficient cpu\./,
      ),
    });

    await expect(
      core().readNamespacedConfigMap({
        name: 'cluster-autoscaler-status',
        namespace: 'kube-system',
      }),
    ).rejects.toMatchObject({ code: 404 });
  });
});
