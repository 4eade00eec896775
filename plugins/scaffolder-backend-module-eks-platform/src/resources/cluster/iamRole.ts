/**
 * IAM roles, found by name, and their settings: the trust policy, exactly the managed
 * policies the graph names and, for some, one inline policy. Each setting reads before it changes, so a role made
 * by an earlier version of the action still converges.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  Role,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { unlessMissing } from '../../actions/cluster/clusterClients';
import {
  ClusterHandler,
  existing,
  isListed,
  nodeTagList,
  tagMapOf,
} from './clusterResources';

/** Whether a policy document as IAM returns it (URL-encoded JSON) says what `wanted` says. */
export function samePolicyDocument(
  returned: string | undefined,
  wanted: string,
): boolean {
  if (returned === undefined) return false;
  try {
    return isDeepStrictEqual(
      JSON.parse(decodeURIComponent(returned)),
      JSON.parse(wanted),
    );
  } catch {
    return false;
  }
}

const getRole = (iam: IAMClient, RoleName: string) =>
  unlessMissing(() => iam.send(new GetRoleCommand({ RoleName }))).then(
    r => r?.Role,
  );

const asExisting = (role: Role) =>
  existing(role.Arn!, role.RoleName!, tagMapOf(role.Tags), {
    related: [role.RoleName!],
  });

export const iamRole: ClusterHandler = {
  label: 'IAM role',
  async find(node, _refs, c) {
    const role = await getRole(c.clients.iam, node.name);
    return { live: role ? [asExisting(role)] : [] };
  },
  async create(node, _refs, c) {
    const { Role: created } = await c.clients.iam.send(
      new CreateRoleCommand({
        RoleName: node.name,
        AssumeRolePolicyDocument: String(node.properties.trust),
        Description: String(node.properties.description).slice(0, 1000),
        Tags: nodeTagList(c, node),
      }),
    );
    return created!.Arn!;
  },
  async list(c, filter, nodes) {
    const roles = await Promise.all(
      nodes.map(n => getRole(c.clients.iam, n.name)),
    );
    return roles
      .filter((r): r is Role => !!r && isListed(tagMapOf(r.Tags), filter))
      .map(asExisting);
  },
  // IAM deletes no role with policies: managed ones are detached, inline ones deleted.
  async delete(resource, c) {
    const { iam } = c.clients;
    const RoleName = resource.related![0];
    const gone = await unlessMissing(async () => {
      const { AttachedPolicies = [] } = await iam.send(
        new ListAttachedRolePoliciesCommand({ RoleName }),
      );
      for (const { PolicyArn } of AttachedPolicies) {
        await iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn }));
      }
      const { PolicyNames = [] } = await iam.send(
        new ListRolePoliciesCommand({ RoleName }),
      );
      for (const PolicyName of PolicyNames) {
        await iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName }));
      }
      await iam.send(new DeleteRoleCommand({ RoleName }));
      return true;
    });
    if (!gone) c.logger.info(`IAM role ${RoleName} was already deleted`);
    return false;
  },
};

export const iamRoleTrust: ClusterHandler = {
  label: 'IAM trust policy',
  cachedIsLive: true,
  async create(node, refs, c) {
    const role = await getRole(c.clients.iam, node.name);
    const document = String(node.properties.document);
    if (!samePolicyDocument(role?.AssumeRolePolicyDocument, document)) {
      await c.clients.iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: node.name,
          PolicyDocument: document,
        }),
      );
      c.logger.info(`Updated the trust policy of IAM role ${node.name}`);
    }
    return refs.role;
  },
};

export const iamRolePolicies: ClusterHandler = {
  label: 'IAM managed policies',
  cachedIsLive: true,
  async create(node, refs, c) {
    const { iam } = c.clients;
    const RoleName = node.name;
    const wanted = node.properties.policies as string[];
    const { AttachedPolicies = [] } = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName }),
    );
    const attached = AttachedPolicies.map(p => p.PolicyArn!);
    for (const PolicyArn of wanted.filter(p => !attached.includes(p))) {
      await iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn }));
      c.logger.info(`Attached ${PolicyArn} to IAM role ${RoleName}`);
    }
    // Least privilege: whatever else is attached to the role goes.
    for (const PolicyArn of attached.filter(p => !wanted.includes(p))) {
      await iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn }));
      c.logger.warn(
        `Detached ${PolicyArn} from IAM role ${RoleName}: not needed`,
      );
    }
    return refs.role;
  },
};

export const iamRoleInlinePolicy: ClusterHandler = {
  label: 'IAM inline policy',
  cachedIsLive: true,
  async create(node, refs, c) {
    const { iam } = c.clients;
    const RoleName = node.name;
    const PolicyName = String(node.properties.policyName);
    const document = String(node.properties.document);
    const current = await unlessMissing(() =>
      iam.send(new GetRolePolicyCommand({ RoleName, PolicyName })),
    );
    if (!samePolicyDocument(current?.PolicyDocument, document)) {
      await iam.send(
        new PutRolePolicyCommand({
          RoleName,
          PolicyName,
          PolicyDocument: document,
        }),
      );
      c.logger.info(
        `Put the inline policy ${PolicyName} of IAM role ${RoleName}`,
      );
    }
    // Least privilege: any other inline policy of the role goes.
    const { PolicyNames = [] } = await iam.send(
      new ListRolePoliciesCommand({ RoleName }),
    );
    for (const other of PolicyNames.filter(name => name !== PolicyName)) {
      await iam.send(
        new DeleteRolePolicyCommand({ RoleName, PolicyName: other }),
      );
      c.logger.warn(
        `Deleted the inline policy ${other} of IAM role ${RoleName}: not needed`,
      );
    }
    return refs.role;
  },
};
