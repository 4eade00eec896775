import {
  autoscalerSummary,
  autoscalingByNodeGroup,
  pendingPodsOf,
} from './autoscaler';
import { groupLimit } from './firstLimit';
import { KubePod } from './kubernetesNodes';
import { NodeGroupCapacity } from './types';

const ASGS: Record<string, string> = {
  'eks-app-spot-0cc9c1a2': 'app-spot',
  'eks-system-51c9c1a2': 'system',
};

const DOCUMENT = {
  time: '2026-12-04 10:00:00.5 +0000 UTC',
  autoscalerStatus: 'Running',
  nodeGroups: [
    {
      name: 'eks-app-spot-0cc9c1a2',
      scaleUp: {
        status: 'Backoff',
        lastTransitionTime: '2026-12-04T09:58:00Z',
        backoffInfo: {
          errorCode: 'InsufficientInstanceCapacity',
          errorMessage:
            'We currently do not have sufficient c5.xlarge capacity',
        },
      },
      scaleDown: { status: 'CandidatesPresent', candidates: 1 },
    },
    { name: 'eks-system-51c9c1a2', scaleUp: { status: 'NoActivity' } },
    // A group of another cluster or a self-managed group: not ours to show.
    { name: 'eks-unknown-1', scaleUp: { status: 'InProgress' } },
  ],
};

const scaledUp = (at: string, from: number, to: number) => ({
  reason: 'ScaledUpGroup',
  message: `Scale-up: setting group eks-app-spot-0cc9c1a2 size to ${to} instead of ${from} (max: 8)`,
  lastTimestamp: at,
});

describe('the Cluster Autoscaler view', () => {
  it('maps its Auto Scaling groups to node groups, with the newest scale-up', () => {
    const view = autoscalingByNodeGroup(
      {
        document: DOCUMENT,
        events: [
          scaledUp('2026-12-04T09:40:00Z', 2, 3),
          scaledUp('2026-12-04T09:55:00Z', 3, 4),
          {
            reason: 'ScaleDownEmpty',
            message: 'Scale-down: removing empty node "ip-1"',
          },
        ],
      },
      asg => ASGS[asg],
    );
    expect([...view.keys()].sort()).toEqual(['app-spot', 'system']);
    expect(view.get('app-spot')).toEqual({
      scaleUp: 'Backoff',
      scaleUpSince: '2026-12-04T09:58:00Z',
      backoff: 'We currently do not have sufficient c5.xlarge capacity',
      scaleDownCandidates: 1,
      lastScaleUp: { at: '2026-12-04T09:55:00Z', fromNodes: 3, toNodes: 4 },
    });
    expect(view.get('system')).toEqual({ scaleUp: 'NoActivity' });
  });

  it('says no autoscaler runs when its status ConfigMap is missing', () => {
    expect(autoscalerSummary({ events: [] })).toMatchObject({
      status: 'absent',
    });
    expect(
      autoscalerSummary({
        document: DOCUMENT,
        events: [
          {
            reason: 'ScaleDownEmpty',
            message: 'Scale-down: removing empty node "ip-1"',
            lastTimestamp: '2026-12-04T09:00:00Z',
          },
          {
            reason: 'ScaleDown',
            message: 'Scale-down: removing node ip-2, utilization: {0.1 0.2}',
            eventTime: '2026-12-04T09:30:00Z',
          },
        ],
      }),
    ).toEqual({
      status: 'running',
      updatedAt: DOCUMENT.time,
      lastScaleDown: {
        at: '2026-12-04T09:30:00Z',
        message: 'Scale-down: removing node ip-2, utilization: {0.1 0.2}',
      },
    });
  });

  it('counts only the pods the scheduler could not place', () => {
    const pod = (
      name: string,
      phase: string,
      condition?: { status: string; reason: string },
    ): KubePod => ({
      metadata: { name, namespace: 'dpj' },
      spec: {
        containers: [
          { resources: { requests: { cpu: '250m', memory: '512Mi' } } },
          { resources: { requests: { cpu: '50m' } } },
        ],
      },
      status: {
        phase,
        conditions: condition
          ? [
              {
                type: 'PodScheduled',
                ...condition,
                message: '0/5 nodes are available: 5 Insufficient cpu.',
                lastTransitionTime: '2026-12-04T09:50:00Z',
              },
            ]
          : [],
      },
    });
    const pending = pendingPodsOf([
      pod('waits', 'Pending', { status: 'False', reason: 'Unschedulable' }),
      // Scheduled, pulling its image: Pending, but not for want of a node.
      pod('pulls', 'Pending', { status: 'True', reason: '' }),
      pod('runs', 'Running'),
    ]);
    expect(pending).toEqual([
      {
        namespace: 'dpj',
        name: 'waits',
        cpuMillis: 300,
        memoryBytes: 512 * 1024 * 1024,
        since: '2026-12-04T09:50:00Z',
        reason: '0/5 nodes are available: 5 Insufficient cpu.',
      },
    ]);
  });

  it('limits a group to its nodes when no autoscaler adds any', () => {
    const group: NodeGroupCapacity = {
      name: 'app',
      instanceTypes: ['c5.xlarge'],
      minSize: 1,
      desiredSize: 2,
      maxSize: 6,
      currentNodes: 2,
      cpu: { allocatable: 8000, requested: 4000 },
      memory: { allocatable: 16e9, requested: 4e9 },
      pods: { allocatable: 100, requested: 20 },
      ipCeiling: [],
      nodeCeiling: 6,
    };
    expect(groupLimit(group)).toMatchObject({ atScale: 6, atNodes: 6 });
    expect(groupLimit(group, false)).toMatchObject({
      resource: 'cpu',
      atScale: 2,
      atNodes: 2,
      explanation:
        "app runs out of CPU at 2× today's requests, when no Cluster Autoscaler runs, so it stays at 2 nodes.",
    });
  });
});
