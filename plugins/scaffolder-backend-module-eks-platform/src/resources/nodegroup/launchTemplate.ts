/**
 * A node group's launch template (IMDSv2 required with hop limit 1, encrypted gp3 root
 * volume, instance and volume tags), found by its role tag; CreateLaunchTemplate takes a
 * ClientToken.
 */
import {
  CreateLaunchTemplateCommand,
  DeleteLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  LaunchTemplate,
} from '@aws-sdk/client-ec2';
import type { NodeGroupSpec } from '@internal/plugin-eks-platform-common';
import {
  launchTemplateData,
  nodegroupTags,
} from '../../actions/nodegroup/nodegroupPlan';
import {
  COMPONENT_TAG,
  componentTags,
  ENVIRONMENT_NAME_TAG,
  tagFilters,
  tagSpecifications,
  tagValue,
  TASK_ID_TAG,
} from '../../actions/shared/tagging';
import { isNotFound } from '../../actions/shared/awsErrors';
import type { ExistingResource, KindContext } from '../../engine/types';
import {
  clusterOf,
  EksEc2Clients,
  EksEc2Handler,
} from '../cluster/clusterResources';

/** The group of the spec a node of the node group step is for. */
export function groupOf(
  c: KindContext<unknown>,
  properties: Record<string, unknown>,
): NodeGroupSpec {
  const group = c.spec.nodeGroups.find(g => g.name === properties.group);
  if (!group) throw new Error(`No node group ${properties.group} in the spec`);
  return group;
}

const asExisting = (t: LaunchTemplate): ExistingResource => ({
  id: t.LaunchTemplateId!,
  label: `${t.LaunchTemplateId} (${t.LaunchTemplateName})`,
  taskId: tagValue(t.Tags, TASK_ID_TAG),
  component: tagValue(t.Tags, COMPONENT_TAG),
  environment: tagValue(t.Tags, ENVIRONMENT_NAME_TAG),
});

async function describe(
  c: KindContext<EksEc2Clients>,
  filter: { component?: string; taskId?: string; environmentName: string },
) {
  const { LaunchTemplates = [] } = await c.clients.ec2.send(
    new DescribeLaunchTemplatesCommand({
      Filters: tagFilters(filter.environmentName, filter),
    }),
  );
  return LaunchTemplates.map(asExisting);
}

export const launchTemplate: EksEc2Handler = {
  label: 'launch template',
  tokened: true,
  find: async (node, _refs, c) => ({
    live: await describe(c, {
      environmentName: c.spec.name,
      component: node.key,
    }),
  }),
  async create(node, _refs, c, clientToken) {
    const group = groupOf(c, node.properties);
    const cluster = clusterOf(c);
    const { LaunchTemplate: created } = await c.clients.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: node.name,
        ClientToken: clientToken,
        VersionDescription: `EKS node group ${group.name} of ${cluster}`,
        LaunchTemplateData: launchTemplateData(
          group,
          nodegroupTags(c.tags, cluster, group),
        ),
        TagSpecifications: tagSpecifications(
          'launch-template',
          componentTags(c.tags, node.key, node.name, {
            'eks-platform:cluster': cluster,
          }),
        ),
      }),
    );
    return created!.LaunchTemplateId!;
  },
  list: (c, filter) => describe(c, filter),
  async delete(resource, c) {
    try {
      await c.clients.ec2.send(
        new DeleteLaunchTemplateCommand({ LaunchTemplateId: resource.id }),
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    return false;
  },
};
