/**
 * EBS volumes, as the EBS CSI driver creates them for PersistentVolumeClaims. A volume is
 * `in-use` while attached to a node and `available` once the node is gone; DeleteVolume
 * refuses an attached one (`VolumeInUse`). Volumes live outside the VPC, so they never
 * block a network's deletion, but one left behind is billed until deleted.
 */
import {
  DeleteVolume$,
  DeleteVolumeRequest,
  DescribeVolumes$,
  DescribeVolumesRequest,
  DescribeVolumesResult,
  Volume,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate } from './describe';
import { ec2Operation, tagList } from './operation';
import { Ec2Call, TagMap, VolumeRecord } from './store';

const volumeNotFound = (id: string) =>
  new AwsError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);

function attachedInstance(record: VolumeRecord): string | undefined {
  return record.attachment && record.attachment.attached()
    ? record.attachment.instanceId
    : undefined;
}

/** The volume as DescribeVolumes shows it now. */
function describeVolume(call: Ec2Call, record: VolumeRecord): Volume {
  const instanceId = attachedInstance(record);
  return {
    ...record.volume,
    State: instanceId ? 'in-use' : 'available',
    Attachments: instanceId
      ? [
          {
            VolumeId: record.volume.VolumeId,
            InstanceId: instanceId,
            Device: '/dev/xvdaa',
            State: 'attached',
            DeleteOnTermination: false,
          },
        ]
      : [],
    Tags: tagList(call.store, record.volume.VolumeId!),
  };
}

/** Creates a volume for another service (the CSI driver), attached while `attached()`. */
export function addVolume(
  call: Ec2Call,
  input: {
    availabilityZone: string;
    sizeGiB: number;
    tags: TagMap;
    createdAt: number;
    attachment?: VolumeRecord['attachment'];
  },
): VolumeRecord {
  const id = call.context.state.nextId('vol');
  const record: VolumeRecord = {
    volume: {
      VolumeId: id,
      Size: input.sizeGiB,
      VolumeType: 'gp3',
      Iops: 3000,
      Throughput: 125,
      Encrypted: true,
      AvailabilityZone: input.availabilityZone,
      CreateTime: new Date(input.createdAt),
      MultiAttachEnabled: false,
    },
    attachment: input.attachment,
  };
  call.store.volumes.set(id, record);
  call.store.setTags(id, input.tags);
  return record;
}

/** DeleteVolume: refused while the volume is attached. */
export function deleteVolume(call: Ec2Call, id: string): void {
  const record = call.store.volumes.get(id);
  if (!record) throw volumeNotFound(id);
  const instanceId = attachedInstance(record);
  if (instanceId) {
    throw new AwsError(
      'VolumeInUse',
      `Volume ${id} is currently attached to ${instanceId}`,
    );
  }
  call.store.volumes.delete(id);
  call.store.tags.delete(id);
}

export const volumeOperations = {
  DescribeVolumes: ec2Operation<DescribeVolumesRequest, DescribeVolumesResult>(
    DescribeVolumes$,
    (input, call) => {
      const ids = input.VolumeIds;
      for (const id of ids ?? []) {
        if (!call.store.volumes.has(id)) throw volumeNotFound(id);
      }
      const matching = [...call.store.volumes.values()]
        .map(record => describeVolume(call, record))
        .filter(v => !ids || ids.includes(v.VolumeId!))
        .filter(v =>
          matchesFilters(
            input.Filters,
            call.store.tagsOf(v.VolumeId!),
            name =>
              ({
                'volume-id': [v.VolumeId],
                status: [v.State],
                'availability-zone': [v.AvailabilityZone],
                'volume-type': [v.VolumeType],
                'attachment.instance-id': v.Attachments?.map(a => a.InstanceId),
              }[name]),
          ),
        );
      const { page, nextToken } = paginate(
        matching,
        input.MaxResults,
        input.NextToken,
      );
      return { Volumes: page, NextToken: nextToken };
    },
  ),

  DeleteVolume: ec2Operation<DeleteVolumeRequest, object>(
    DeleteVolume$,
    (input, call) => {
      deleteVolume(call, input.VolumeId!);
      return {};
    },
  ),
};
