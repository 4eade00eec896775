/** Private subnets must hold every node the node groups may scale to, with all their pod addresses. */
import {
  computeSubnetIpCapacity,
  explainSubnetShortfall,
  IpCapacityInput,
} from '../../ipCapacity';
import type { SpecRule } from '../options';
import { indexPath, problem } from '../problems';
import type { SpecDraft } from '../readSpec';

function isComplete<T>(items: Array<T | undefined>): items is T[] {
  return items.every(item => item !== undefined);
}

/**
 * The capacity inputs, or undefined while zones and subnets are unreadable or
 * disagree in count (other rules report that). Node groups that could not be
 * read count for nothing, so the check can only under-report.
 */
function capacityInput(draft: SpecDraft): IpCapacityInput | undefined {
  const zones = draft.availabilityZones;
  const subnets = draft.network?.privateSubnetCidrs;
  if (!zones || !subnets || !isComplete(zones) || !isComplete(subnets))
    return undefined;
  if (zones.length !== subnets.length) return undefined;
  const nodeGroups = (draft.nodeGroups ?? []).flatMap(group =>
    group?.name !== undefined &&
    group.maxSize !== undefined &&
    group.instanceTypes
      ? [
          {
            name: group.name,
            maxSize: group.maxSize,
            instanceTypes: group.instanceTypes.filter(
              (t): t is string => t !== undefined,
            ),
          },
        ]
      : [],
  );
  return {
    availabilityZones: zones,
    network: { privateSubnetCidrs: subnets },
    nodeGroups,
  };
}

export const checkIpCapacity: SpecRule = draft => {
  const input = capacityInput(draft);
  if (!input) return [];
  return computeSubnetIpCapacity(input)
    .availabilityZones.filter(zone => !zone.fits)
    .map(zone =>
      problem(
        indexPath('network.privateSubnetCidrs', zone.index),
        'ip-capacity',
        explainSubnetShortfall(zone),
      ),
    );
};
