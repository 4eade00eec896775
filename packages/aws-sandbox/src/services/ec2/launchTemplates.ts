import {
  CreateLaunchTemplate$,
  CreateLaunchTemplateRequest,
  CreateLaunchTemplateResult,
  DeleteLaunchTemplate$,
  DeleteLaunchTemplateRequest,
  DeleteLaunchTemplateResult,
  DescribeLaunchTemplates$,
  DescribeLaunchTemplatesRequest,
  DescribeLaunchTemplatesResult,
  DescribeLaunchTemplateVersions$,
  DescribeLaunchTemplateVersionsRequest,
  DescribeLaunchTemplateVersionsResult,
  LaunchTemplate,
  LaunchTemplateVersion,
  RequestLaunchTemplateData,
  ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate, tagsFromSpecifications } from './describe';
import { missingParameter } from './errors';
import { ec2Operation, idempotent, tagList } from './operation';
import { Ec2Call, LaunchTemplateRecord } from './store';

const NAME_PATTERN = /^[a-zA-Z0-9().\-/_]{3,128}$/;

/** What DescribeLaunchTemplateVersions returns for the data a template was created with. */
function responseData(
  data: RequestLaunchTemplateData,
): ResponseLaunchTemplateData {
  const { MetadataOptions, ...rest } = data;
  return {
    ...(rest as ResponseLaunchTemplateData),
    MetadataOptions: MetadataOptions && {
      State: 'applied',
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
      ...MetadataOptions,
    },
  };
}

function describeTemplate(
  call: Ec2Call,
  record: LaunchTemplateRecord,
): LaunchTemplate {
  const id = record.template.LaunchTemplateId!;
  return { ...record.template, Tags: tagList(call.store, id) };
}

/** Finds a template by id or name with the errors AWS gives for each. */
function requireTemplate(
  call: Ec2Call,
  id?: string,
  name?: string,
): LaunchTemplateRecord {
  if (id) {
    const record = call.store.launchTemplates.get(id);
    if (!record) {
      throw new AwsError(
        'InvalidLaunchTemplateId.NotFound',
        `The specified launch template, with template ID ${id}, does not exist.`,
      );
    }
    return record;
  }
  if (!name) throw missingParameter('launchTemplateId or launchTemplateName');
  const record = [...call.store.launchTemplates.values()].find(
    r => r.template.LaunchTemplateName === name,
  );
  if (!record) {
    throw new AwsError(
      'InvalidLaunchTemplateName.NotFoundException',
      `The specified launch template, with template name ${name}, does not exist.`,
    );
  }
  return record;
}

export function createLaunchTemplate(
  call: Ec2Call,
  input: CreateLaunchTemplateRequest,
): LaunchTemplateRecord {
  const { store, context } = call;
  const { id } = idempotent(call, input.ClientToken, () => {
    const name = input.LaunchTemplateName;
    if (!name) throw missingParameter('LaunchTemplateName');
    if (!input.LaunchTemplateData) throw missingParameter('LaunchTemplateData');
    if (!NAME_PATTERN.test(name)) {
      throw new AwsError(
        'InvalidLaunchTemplateName.MalformedException',
        'The specified launch template name is invalid. A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.',
      );
    }
    if (
      [...store.launchTemplates.values()].some(
        r => r.template.LaunchTemplateName === name,
      )
    ) {
      throw new AwsError(
        'InvalidLaunchTemplateName.AlreadyExistsException',
        `Launch template name already in use.`,
      );
    }
    const tags = tagsFromSpecifications(
      input.TagSpecifications,
      'launch-template',
    );
    const templateId = context.state.nextId('lt');
    const createTime = context.clock.now();
    store.launchTemplates.set(templateId, {
      template: {
        LaunchTemplateId: templateId,
        LaunchTemplateName: name,
        CreateTime: createTime,
        CreatedBy: `arn:aws:iam::${call.accountId}:user/sandbox`,
        DefaultVersionNumber: 1,
        LatestVersionNumber: 1,
      },
      versions: [
        {
          versionNumber: 1,
          description: input.VersionDescription,
          createTime,
          data: responseData(input.LaunchTemplateData),
        },
      ],
    });
    store.setTags(templateId, tags);
    return templateId;
  });
  return store.launchTemplates.get(id)!;
}

export const launchTemplateOperations = {
  CreateLaunchTemplate: ec2Operation<
    CreateLaunchTemplateRequest,
    CreateLaunchTemplateResult
  >(CreateLaunchTemplate$, (input, call) => ({
    LaunchTemplate: describeTemplate(call, createLaunchTemplate(call, input)),
  })),

  DescribeLaunchTemplates: ec2Operation<
    DescribeLaunchTemplatesRequest,
    DescribeLaunchTemplatesResult
  >(DescribeLaunchTemplates$, (input, call) => {
    for (const id of input.LaunchTemplateIds ?? []) requireTemplate(call, id);
    for (const name of input.LaunchTemplateNames ?? [])
      requireTemplate(call, undefined, name);
    const matching = [...call.store.launchTemplates.values()]
      .map(r => describeTemplate(call, r))
      .filter(
        t =>
          !input.LaunchTemplateIds ||
          input.LaunchTemplateIds.includes(t.LaunchTemplateId!),
      )
      .filter(
        t =>
          !input.LaunchTemplateNames ||
          input.LaunchTemplateNames.includes(t.LaunchTemplateName!),
      )
      .filter(t =>
        matchesFilters(
          input.Filters,
          call.store.tagsOf(t.LaunchTemplateId!),
          name =>
            ({
              'launch-template-name': [t.LaunchTemplateName],
              'launch-template-id': [t.LaunchTemplateId],
              'create-time': [t.CreateTime?.toISOString()],
            }[name]),
        ),
      );
    const { page, nextToken } = paginate(
      matching,
      input.MaxResults,
      input.NextToken,
      {
        min: 1,
        max: 200,
      },
    );
    return { LaunchTemplates: page, NextToken: nextToken };
  }),

  DescribeLaunchTemplateVersions: ec2Operation<
    DescribeLaunchTemplateVersionsRequest,
    DescribeLaunchTemplateVersionsResult
  >(DescribeLaunchTemplateVersions$, (input, call) => {
    const records =
      input.LaunchTemplateId || input.LaunchTemplateName
        ? [
            requireTemplate(
              call,
              input.LaunchTemplateId,
              input.LaunchTemplateName,
            ),
          ]
        : [...call.store.launchTemplates.values()];
    const versions: LaunchTemplateVersion[] = records.flatMap(record => {
      const { template } = record;
      const wanted = input.Versions ?? [];
      const chosen = record.versions.filter(v => {
        if (wanted.length === 0) return true;
        return wanted.some(
          w =>
            w === String(v.versionNumber) ||
            (w === '$Latest' &&
              v.versionNumber === template.LatestVersionNumber) ||
            (w === '$Default' &&
              v.versionNumber === template.DefaultVersionNumber),
        );
      });
      const unknown = wanted.find(
        w =>
          !w.startsWith('$') &&
          !record.versions.some(v => String(v.versionNumber) === w),
      );
      if (unknown) {
        throw new AwsError(
          'InvalidLaunchTemplateId.VersionNotFound',
          `Could not find launch template version ${unknown} for launch template ID ${template.LaunchTemplateId}`,
        );
      }
      return chosen.map(v => ({
        LaunchTemplateId: template.LaunchTemplateId,
        LaunchTemplateName: template.LaunchTemplateName,
        VersionNumber: v.versionNumber,
        VersionDescription: v.description,
        CreateTime: v.createTime,
        CreatedBy: template.CreatedBy,
        DefaultVersion: v.versionNumber === template.DefaultVersionNumber,
        LaunchTemplateData: v.data,
      }));
    });
    const { page, nextToken } = paginate(
      versions,
      input.MaxResults,
      input.NextToken,
      {
        min: 1,
        max: 200,
      },
    );
    return { LaunchTemplateVersions: page, NextToken: nextToken };
  }),

  DeleteLaunchTemplate: ec2Operation<
    DeleteLaunchTemplateRequest,
    DeleteLaunchTemplateResult
  >(DeleteLaunchTemplate$, (input, call) => {
    const record = requireTemplate(
      call,
      input.LaunchTemplateId,
      input.LaunchTemplateName,
    );
    const id = record.template.LaunchTemplateId!;
    const { Tags: _tags, ...template } = describeTemplate(call, record);
    call.store.launchTemplates.delete(id);
    call.store.tags.delete(id);
    return { LaunchTemplate: template };
  }),
};
