import {
  KubeNode,
  KubePod,
  podRequests,
  summarizeNodes,
} from './kubernetesNodes';

function node(name: string, nodeGroup?: string): KubeNode {
  return {
    metadata: {
      name,
      labels: {
        ...(nodeGroup ? { 'eks.amazonaws.com/nodegroup': nodeGroup } : {}),
        'node.kubernetes.io/instance-type': 'c5.xlarge',
        'topology.kubernetes.io/zone': 'eu-west-3a',
      },
    },
    status: { allocatable: { cpu: '3920m', memory: '7199Mi', pods: '58' } },
  };
}

function pod(
  nodeName: string,
  requests: Array<{ cpu?: string; memory?: string }>,
  extra: Partial<KubePod['spec']> = {},
  phase = 'Running',
): KubePod {
  return {
    spec: {
      nodeName,
      containers: requests.map(r => ({ resources: { requests: r } })),
      ...extra,
    },
    status: { phase },
  };
}

describe('podRequests', () => {
  it('sums containers and adds the pod overhead', () => {
    expect(
      podRequests(
        pod('n', [{ cpu: '100m', memory: '64Mi' }, { cpu: '250m' }], {
          overhead: { cpu: '10m', memory: '1Mi' },
        }),
      ),
    ).toEqual({ cpuMillis: 360, memoryBytes: 65 * 2 ** 20 });
  });

  it('reserves the largest init container when it exceeds the containers', () => {
    expect(
      podRequests(
        pod('n', [{ cpu: '100m', memory: '64Mi' }], {
          initContainers: [{ resources: { requests: { cpu: '500m' } } }],
        }),
      ),
    ).toEqual({ cpuMillis: 500, memoryBytes: 64 * 2 ** 20 });
  });
});

describe('summarizeNodes', () => {
  it('sums the requests of live pods per node and reads metrics', () => {
    const [first, second] = summarizeNodes(
      [node('a', 'app'), node('b')],
      [
        pod('a', [{ cpu: '1', memory: '1Gi' }]),
        pod('a', [{ cpu: '500m', memory: '512Mi' }]),
        pod('a', [{ cpu: '2', memory: '2Gi' }], {}, 'Succeeded'),
        pod('b', [{ cpu: '100m' }], {}, 'Failed'),
        { spec: { containers: [] }, status: { phase: 'Pending' } },
      ],
      [{ metadata: { name: 'a' }, usage: { cpu: '812m', memory: '3Gi' } }],
    );
    expect(first).toEqual({
      name: 'a',
      nodeGroup: 'app',
      instanceType: 'c5.xlarge',
      zone: 'eu-west-3a',
      allocatable: {
        cpuMillis: 3920,
        memoryBytes: 7199 * 2 ** 20,
        pods: 58,
      },
      requested: { cpuMillis: 1500, memoryBytes: 1536 * 2 ** 20, pods: 2 },
      usage: { cpuMillis: 812, memoryBytes: 3 * 2 ** 30 },
    });
    expect(second.nodeGroup).toBeUndefined();
    expect(second.requested).toEqual({ cpuMillis: 0, memoryBytes: 0, pods: 0 });
    expect(second.usage).toBeUndefined();
  });
});
