import { presetFor } from '@internal/plugin-eks-platform-common';
import {
  launchTemplateData,
  nodegroupInputProblems,
  nodegroupRequest,
} from './nodegroupPlan';

const TODAY = new Date('2026-11-26T12:00:00Z');

describe('node group plan', () => {
  const spec = presetFor('production');

  it('builds launch template data with IMDSv2 only, one hop, an encrypted gp3 root volume', () => {
    const data = launchTemplateData(spec.nodeGroups[0], { owner: 'x' });
    expect(data.MetadataOptions).toEqual({
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 1,
      HttpEndpoint: 'enabled',
    });
    expect(data.BlockDeviceMappings).toEqual([
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          VolumeSize: 50,
          VolumeType: 'gp3',
          Encrypted: true,
          DeleteOnTermination: true,
        },
      },
    ]);
    expect(data.TagSpecifications?.map(t => t.ResourceType)).toEqual([
      'instance',
      'volume',
    ]);
  });

  it('builds a node group request of one capacity type, with no disk size beside the launch template', () => {
    const request = nodegroupRequest({
      cluster: 'dpj-prod-cluster',
      group: spec.nodeGroups[2],
      subnets: ['subnet-1'],
      nodeRoleArn: 'arn:aws:iam::333333333333:role/r',
      launchTemplateId: 'lt-1',
      tags: {},
      clientRequestToken: 'token',
      updateConfig: { maxUnavailable: 1 },
    });
    expect(request).toMatchObject({
      nodegroupName: 'app-spot',
      capacityType: 'SPOT',
      launchTemplate: { id: 'lt-1', version: '1' },
      taints: [{ key: 'capacity', value: 'spot', effect: 'NO_SCHEDULE' }],
      clientRequestToken: 'token',
      updateConfig: { maxUnavailable: 1 },
    });
    expect(request).not.toHaveProperty('diskSize');
    expect(request).not.toHaveProperty('amiType');
  });

  it('accepts the production input and lists every problem of a bad one', () => {
    const good = {
      clusterName: 'dpj-prod-cluster',
      nodeRoleArn: 'arn:aws:iam::333333333333:role/dpj-prod-cluster-node-role',
      privateSubnetIds: [
        'subnet-0123456789abcdef0',
        'subnet-0123456789abcdef1',
        'subnet-0123456789abcdef2',
      ],
    };
    expect(nodegroupInputProblems(good, spec, TODAY)).toEqual([]);
    expect(
      nodegroupInputProblems(
        { nodeRoleArn: 'arn:aws:iam::333333333333:user/u', nodeGroups: {} },
        spec,
        TODAY,
      ).map(p => p.path),
    ).toEqual(['clusterName', 'nodeRoleArn', 'privateSubnetIds', 'nodeGroups']);
  });
});
