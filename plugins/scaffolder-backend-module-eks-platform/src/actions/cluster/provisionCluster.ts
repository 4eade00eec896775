/**
 * The steps that build an environment's cluster: IAM roles, KMS key, cluster, admin access
 * entry, before-nodes add-ons. Each resource is a find-or-create inside a checkpoint, each
 * change to one (policies attached, key rotation, access policy) a read-then-change step,
 * so running them again converges instead of duplicating.
 */
import {
  AssociateAccessPolicyCommand,
  Cluster,
  CreateAccessEntryCommand,
  CreateAddonCommand,
  CreateClusterCommand,
  DescribeAccessEntryCommand,
  DescribeAddonCommand,
  DescribeClusterCommand,
  ListAssociatedAccessPoliciesCommand,
  waitUntilAddonActive,
  waitUntilClusterActive,
} from '@aws-sdk/client-eks';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ADDONS_BEFORE_NODES,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import {
  CheckpointedSteps,
  clientTokenFor,
  StepOutcome,
} from '../shared/checkpointedSteps';
import { componentTags, TagMap, TASK_ID_TAG } from '../shared/tagging';
import { onceRoleIsAssumable } from '../shared/iamPropagation';
import { waitWithProgress, WaitSettings } from '../shared/waiting';
import { ClusterClients, unlessMissing } from './clusterClients';
import {
  CLUSTER_COMPONENTS as C,
  CLUSTER_ROLE_POLICIES,
  CLUSTER_ROLE_TRUST,
  ClusterNames,
  CONTROL_PLANE_LOG_TYPES,
  EKS_CLUSTER_ADMIN_POLICY_ARN,
  NODE_ROLE_POLICIES,
  NODE_ROLE_TRUST,
  planCluster,
  podIdentityTrustPolicy,
  VPC_CNI_CONFIGURATION,
  VPC_CNI_ROLE_POLICIES,
  VPC_CNI_SERVICE_ACCOUNT,
} from './clusterPlan';
import { ClusterInventory, isLiveAddon, isLiveCluster } from './discovery';
import { AddonVersions } from './preflight';
import { provisionRole } from './provisionRole';
import { provisionSecretsKey } from './provisionSecretsKey';

export { keyPolicyFor } from './provisionSecretsKey';

export interface CreatedClusterResource {
  type: string;
  name: string;
  component: string;
  id: string;
  outcome: StepOutcome;
}

export interface ClusterOutputs {
  clusterName: string;
  clusterArn: string;
  endpoint: string;
  certificateAuthority: string;
  oidcIssuer: string;
  clusterSecurityGroupId: string;
  clusterRoleArn: string;
  nodeRoleArn: string;
  vpcCniRoleArn: string;
  kmsKeyArn: string;
  addons: { name: string; version: string }[];
  resources: CreatedClusterResource[];
}

export interface ProvisionClusterOptions {
  clients: ClusterClients;
  spec: EnvironmentSpec;
  names: ClusterNames;
  privateSubnetIds: string[];
  adminPrincipalArn: string;
  addonVersions: AddonVersions;
  inventory: ClusterInventory;
  steps: CheckpointedSteps;
  tags: TagMap;
  logger: LoggerService;
  waitSettings: WaitSettings;
  abortSignal?: AbortSignal;
}

/** EKS wants a plain tag map; its keys may not start with `aws:`. */
const eksTags = (tags: TagMap) => tags;

export async function provisionCluster(
  options: ProvisionClusterOptions,
): Promise<ClusterOutputs> {
  const { clients, spec, names, steps, logger, waitSettings } = options;
  const { eks, iam, kms } = clients;
  const { inventory, abortSignal } = options;
  const plan = planCluster(spec, options.adminPrincipalArn);
  const resources: CreatedClusterResource[] = [];
  const record = (component: string, id: string, outcome: StepOutcome) => {
    const planned = plan.find(p => p.component === component)!;
    resources.push({
      type: planned.type,
      name: planned.name,
      component,
      id,
      outcome,
    });
    return id;
  };
  const tagsOf = (component: string, name: string) =>
    componentTags(options.tags, component, name);

  // IAM roles, each with exactly its trust policy and managed policies.
  const ROLE_KEYS: Record<string, keyof ClusterInventory['roles']> = {
    [C.clusterRole]: 'clusterRole',
    [C.nodeRole]: 'nodeRole',
    [C.vpcCniRole]: 'vpcCniRole',
  };
  const role = async (
    component: string,
    name: string,
    trust: object,
    policies: string[],
    description: string,
  ) => {
    const existing = inventory.roles[ROLE_KEYS[component]];
    const { id, outcome } = await provisionRole(
      { iam, steps, logger, existing },
      {
        component,
        name,
        trust,
        policies,
        description,
        tags: tagsOf(component, name),
      },
    );
    return record(component, id, outcome);
  };
  const clusterRoleArn = await role(
    C.clusterRole,
    names.clusterRole,
    CLUSTER_ROLE_TRUST,
    CLUSTER_ROLE_POLICIES,
    `EKS control plane of ${names.cluster}`,
  );
  const nodeRoleArn = await role(
    C.nodeRole,
    names.nodeRole,
    NODE_ROLE_TRUST,
    NODE_ROLE_POLICIES,
    `Managed node groups of ${names.cluster}`,
  );
  const vpcCniRoleArn = await role(
    C.vpcCniRole,
    names.vpcCniRole,
    podIdentityTrustPolicy({
      account: spec.account,
      region: spec.region,
      cluster: names.cluster,
    }),
    VPC_CNI_ROLE_POLICIES,
    `VPC CNI (${VPC_CNI_SERVICE_ACCOUNT}) of ${names.cluster}, via EKS Pod Identity`,
  );

  // KMS key for secrets encryption, with its alias and rotation.
  const { id: kmsKeyArn, outcome: keyOutcome } = await provisionSecretsKey({
    kms,
    steps,
    logger,
    names,
    account: spec.account,
    inventory,
    tags: tagsOf(C.kmsKey, names.kmsAlias),
  });
  record(C.kmsKey, kmsKeyArn, keyOutcome);

  // The cluster.
  const { endpointAccess } = spec;
  const { id: clusterArn, outcome: clusterOutcome } = await steps.resource({
    component: C.cluster,
    kind: 'EKS cluster',
    name: names.cluster,
    find: async () => ({
      live: isLiveCluster(inventory.cluster)
        ? [{ id: inventory.cluster!.arn!, label: names.cluster }]
        : [],
      gone: inventory.cluster ? 1 : 0,
    }),
    create: async clientRequestToken => {
      const createCluster = new CreateClusterCommand({
        name: names.cluster,
        version: spec.kubernetesVersion,
        roleArn: clusterRoleArn,
        resourcesVpcConfig: {
          subnetIds: options.privateSubnetIds,
          endpointPrivateAccess: true,
          endpointPublicAccess: endpointAccess.public,
          ...(endpointAccess.public
            ? { publicAccessCidrs: endpointAccess.publicAccessCidrs }
            : {}),
        },
        logging: {
          clusterLogging: [
            { types: [...CONTROL_PLANE_LOG_TYPES], enabled: true },
          ],
        },
        encryptionConfig: [
          { resources: ['secrets'], provider: { keyArn: kmsKeyArn } },
        ],
        accessConfig: {
          authenticationMode: 'API',
          bootstrapClusterCreatorAdminPermissions: false,
        },
        upgradePolicy: { supportType: 'STANDARD' },
        // The add-on steps install vpc-cni, kube-proxy and coredns as managed add-ons;
        // unmanaged copies would make their configured take-over fail with a conflict.
        bootstrapSelfManagedAddons: false,
        clientRequestToken,
        tags: eksTags(tagsOf(C.cluster, names.cluster)),
      });
      const { cluster } = await onceRoleIsAssumable(
        () => eks.send(createCluster),
        { roleArn: clusterRoleArn, waitSettings, logger },
      );
      return cluster!.arn!;
    },
  });
  record(C.cluster, clusterArn, clusterOutcome);
  await waitWithProgress({
    logger,
    what: `EKS cluster ${names.cluster} to become ACTIVE`,
    settings: waitSettings,
    abortSignal,
    wait: timing =>
      waitUntilClusterActive(
        { client: eks, ...timing },
        { name: names.cluster },
      ),
  });

  // Admin access for the platform team: the only one, since the creator gets none.
  const principalArn = options.adminPrincipalArn;
  const { value: accessEntryArn, resumed } = await steps.run(
    C.adminAccess,
    async () => {
      let entry = (
        await unlessMissing(() =>
          eks.send(
            new DescribeAccessEntryCommand({
              clusterName: names.cluster,
              principalArn,
            }),
          ),
        )
      )?.accessEntry;
      if (!entry) {
        entry = (
          await eks.send(
            new CreateAccessEntryCommand({
              clusterName: names.cluster,
              principalArn,
              type: 'STANDARD',
              // The same for every retry of this task against this cluster.
              clientRequestToken: clientTokenFor([
                options.tags[TASK_ID_TAG] ?? '',
                clusterArn,
                principalArn,
              ]),
              tags: eksTags(tagsOf(C.adminAccess, principalArn)),
            }),
          )
        ).accessEntry;
        logger.info(`Created access entry for ${principalArn}`);
      }
      const { associatedAccessPolicies = [] } = await eks.send(
        new ListAssociatedAccessPoliciesCommand({
          clusterName: names.cluster,
          principalArn,
        }),
      );
      if (
        !associatedAccessPolicies.some(
          p =>
            p.policyArn === EKS_CLUSTER_ADMIN_POLICY_ARN &&
            p.accessScope?.type === 'cluster',
        )
      ) {
        await eks.send(
          new AssociateAccessPolicyCommand({
            clusterName: names.cluster,
            principalArn,
            policyArn: EKS_CLUSTER_ADMIN_POLICY_ARN,
            accessScope: { type: 'cluster' },
          }),
        );
        logger.info(
          `Associated AmazonEKSClusterAdminPolicy (cluster scope) with ${principalArn}`,
        );
      }
      return entry!.accessEntryArn!;
    },
    value => steps.isLive(value),
  );
  let accessOutcome: StepOutcome = 'created';
  if (resumed) accessOutcome = 'resumed';
  else if (inventory.adminAccess?.adminPolicy) accessOutcome = 'reused';
  record(C.adminAccess, accessEntryArn, accessOutcome);

  // Add-ons that must exist before nodes, pinned to the versions the preflight resolved.
  const addons: { name: string; version: string }[] = [];
  for (const addonName of ADDONS_BEFORE_NODES) {
    const component = C.addon(addonName);
    const existing = inventory.addons[addonName];
    const { id, outcome } = await steps.resource({
      component,
      kind: 'EKS add-on',
      name: addonName,
      find: async () => ({
        live: isLiveAddon(existing)
          ? [{ id: existing.addonArn!, label: addonName }]
          : [],
        gone: existing ? 1 : 0,
      }),
      create: async clientRequestToken => {
        const createAddon = new CreateAddonCommand({
          clusterName: names.cluster,
          addonName,
          addonVersion: options.addonVersions[addonName],
          clientRequestToken,
          ...(addonName === 'vpc-cni'
            ? {
                configurationValues: VPC_CNI_CONFIGURATION,
                podIdentityAssociations: [
                  {
                    serviceAccount: VPC_CNI_SERVICE_ACCOUNT,
                    roleArn: vpcCniRoleArn,
                  },
                ],
              }
            : {}),
          tags: eksTags(tagsOf(component, addonName)),
        });
        // vpc-cni names its Pod Identity role, made or re-trusted moments ago.
        const { addon } = await onceRoleIsAssumable(
          () => eks.send(createAddon),
          { roleArn: vpcCniRoleArn, waitSettings, logger },
        );
        return addon!.addonArn!;
      },
    });
    record(component, id, outcome);
  }
  for (const addonName of ADDONS_BEFORE_NODES) {
    await waitWithProgress({
      logger,
      what: `add-on ${addonName} to become ACTIVE`,
      settings: waitSettings,
      abortSignal,
      wait: timing =>
        waitUntilAddonActive(
          { client: eks, ...timing },
          { clusterName: names.cluster, addonName },
        ),
    });
    const { addon } = await eks.send(
      new DescribeAddonCommand({ clusterName: names.cluster, addonName }),
    );
    addons.push({ name: addonName, version: addon!.addonVersion! });
  }

  const { cluster } = await eks.send(
    new DescribeClusterCommand({ name: names.cluster }),
  );
  const c: Cluster = cluster!;
  return {
    clusterName: names.cluster,
    clusterArn: c.arn!,
    endpoint: c.endpoint!,
    certificateAuthority: c.certificateAuthority?.data ?? '',
    oidcIssuer: c.identity?.oidc?.issuer ?? '',
    clusterSecurityGroupId: c.resourcesVpcConfig?.clusterSecurityGroupId ?? '',
    clusterRoleArn,
    nodeRoleArn,
    vpcCniRoleArn,
    kmsKeyArn,
    addons,
    resources,
  };
}
