import { presetFor } from '@internal/plugin-eks-platform-common';
import { schedulingFor, tolerationFor } from './scheduling';

describe('tolerationFor', () => {
  it('matches a taint with a value exactly, in Kubernetes spelling', () => {
    expect(
      tolerationFor({ key: 'capacity', value: 'spot', effect: 'NO_SCHEDULE' }),
    ).toEqual({
      key: 'capacity',
      operator: 'Equal',
      value: 'spot',
      effect: 'NoSchedule',
    });
    expect(
      tolerationFor({ key: 'dedicated', effect: 'PREFER_NO_SCHEDULE' }),
    ).toEqual({
      key: 'dedicated',
      operator: 'Exists',
      effect: 'PreferNoSchedule',
    });
    expect(
      tolerationFor({ key: 'gpu', value: '', effect: 'NO_EXECUTE' }),
    ).toEqual({
      key: 'gpu',
      operator: 'Exists',
      effect: 'NoExecute',
    });
  });
});

describe('schedulingFor', () => {
  it('reads the preset labels and taints of the node groups', () => {
    const scheduling = schedulingFor(presetFor('dev'));
    expect(scheduling.system).toEqual({
      nodeSelector: { role: 'system' },
      tolerations: [
        {
          key: 'CriticalAddonsOnly',
          operator: 'Equal',
          value: 'true',
          effect: 'NoSchedule',
        },
      ],
    });
    expect(scheduling.application({ spot: true })).toEqual({
      nodeSelector: { role: 'application' },
      tolerations: [
        {
          key: 'capacity',
          operator: 'Equal',
          value: 'spot',
          effect: 'NoSchedule',
        },
      ],
    });
    expect(scheduling.application({ spot: false })).toEqual({
      nodeSelector: { role: 'application', capacity: 'on-demand' },
    });
    expect(scheduling.everyNode.nodeSelector).toBeUndefined();
    expect(scheduling.everyNode.tolerations).toHaveLength(2);
  });

  it('follows a spec whose node groups differ from the presets', () => {
    const spec = presetFor('staging');
    spec.nodeGroups = spec.nodeGroups.filter(
      group => group.role === 'application',
    );
    const scheduling = schedulingFor(spec);
    // No system group: the platform controllers schedule anywhere.
    expect(scheduling.system).toEqual({});
    spec.nodeGroups = spec.nodeGroups.filter(
      group => group.capacityType === 'ON_DEMAND',
    );
    expect(schedulingFor(spec).application({ spot: true })).toEqual({
      nodeSelector: { role: 'application', capacity: 'on-demand' },
    });
  });
});
