import { CapacityReport } from '@internal/plugin-eks-platform-common';

const GiB = 2 ** 30;

/** A two-group production-like report with round figures. */
export function capacityReport(
  overrides: Partial<CapacityReport> = {},
): CapacityReport {
  return {
    cluster: {
      entityRef: 'resource:default/dpj-prod-cluster',
      clusterName: 'dpj-prod-cluster',
      accountId: '333333333333',
      region: 'eu-west-3',
    },
    nodeGroups: [
      {
        name: 'app-on-demand',
        capacityType: 'ON_DEMAND',
        instanceTypes: ['c5.xlarge'],
        minSize: 3,
        desiredSize: 3,
        maxSize: 10,
        currentNodes: 3,
        cpu: { allocatable: 11760, requested: 7000 },
        memory: { allocatable: 21 * GiB, requested: 12 * GiB },
        pods: { allocatable: 174, requested: 60 },
        headroomNodes: 7,
        nodeCeiling: 10,
        autoscaling: { scaleUp: 'NoActivity' },
        ipCeiling: [
          {
            subnetId: 'subnet-0a',
            availabilityZone: 'eu-west-3a',
            cidrBlock: '10.30.32.0/19',
            freeAddresses: 8120,
            addressesPerNode: 60,
            nodesThatFit: 135,
          },
        ],
        price: {
          hourly: 0.606,
          monthly: 442.38,
          currency: 'USD',
          estimate: true,
          basis: '3 × c5.xlarge, eu-west-3 on-demand list price',
        },
      },
      {
        name: 'app-spot',
        capacityType: 'SPOT',
        instanceTypes: ['c5.xlarge', 'c5a.xlarge'],
        minSize: 0,
        desiredSize: 3,
        maxSize: 10,
        currentNodes: 3,
        cpu: { allocatable: 11760, requested: 6000 },
        memory: { allocatable: 21 * GiB, requested: 10 * GiB },
        pods: { allocatable: 174, requested: 50 },
        headroomNodes: 7,
        nodeCeiling: 10,
        autoscaling: {
          scaleUp: 'InProgress',
          scaleUpSince: '2026-11-26T09:56:00Z',
          lastScaleUp: { at: '2026-11-26T09:56:00Z', fromNodes: 2, toNodes: 3 },
        },
        ipCeiling: [],
        price: {
          hourly: 0.2,
          monthly: 146,
          currency: 'USD',
          estimate: true,
          basis: '3 × c5.xlarge, eu-west-3 spot estimated at 33% of on-demand',
        },
      },
    ],
    totals: {
      nodes: 6,
      cpu: { allocatable: 23520, requested: 13000 },
      memory: { allocatable: 42 * GiB, requested: 22 * GiB },
      pods: { allocatable: 348, requested: 110 },
      price: {
        hourly: 0.806,
        monthly: 588.38,
        currency: 'USD',
        estimate: true,
        basis: 'sum of 2 node group estimates',
      },
    },
    firstLimit: {
      resource: 'memory',
      nodeGroup: 'app-on-demand',
      atScale: 5.83,
      atNodes: 10,
      explanation:
        "app-on-demand runs out of memory at 5.83× today's requests, when it reaches its max size of 10 nodes.",
    },
    sources: {
      aws: { status: 'ok' },
      kubernetes: { status: 'ok' },
      metrics: {
        status: 'unavailable',
        reason:
          'metrics.k8s.io reports no nodes (is metrics-server installed?)',
      },
    },
    autoscaler: {
      status: 'running',
      updatedAt: '2026-11-26 09:59:53Z',
      lastScaleDown: {
        at: '2026-11-26T09:25:00Z',
        message: 'Scale-down: removing empty node "ip-10-30-70-12"',
      },
    },
    pendingPods: [
      {
        namespace: 'dpj',
        name: 'dpj-worker-7c9d-x2x4q',
        cpuMillis: 500,
        memoryBytes: GiB,
        since: '2026-11-26T09:55:00Z',
        reason: '0/6 nodes are available: 6 Insufficient cpu.',
      },
    ],
    generatedAt: '2026-11-26T10:00:00.000Z',
    ...overrides,
  };
}
