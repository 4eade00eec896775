import { EC2Client } from '@aws-sdk/client-ec2';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  EnvironmentSpec,
  NETWORK_KEYS as K,
  natZonesOf,
  networkGraph,
} from '@internal/plugin-eks-platform-common';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import type { EnvironmentGuard } from '../access';
import { errorMessage } from '../shared/awsErrors';
import { checkpointedStepsFor, kindContextFor } from '../shared/engineRun';
import {
  environmentInputSchema,
  provisioningInputSchema,
  validateEnvironmentInput,
} from '../shared/environmentInput';
import { atStep, failureMessage } from '../shared/failureOutcome';
import { mergeWaitSettings } from '../shared/mergeWaitSettings';
import {
  dryRunResources,
  dryRunSummary,
  logDryRunRows,
  resourceOutputSchema,
  resourceSummary,
} from '../shared/resourceSummary';
import { WaitSettings } from '../shared/waiting';
import { createNetworkExamples } from './createNetwork.examples';
import { applyGraph, GraphStepError, NodeResult } from '../../engine/apply';
import { retrySettingsFor } from '../../engine/knownErrors';
import { NETWORK_HANDLERS, waitForNatGateways } from '../../resources/network';
import {
  deleteNetwork,
  listNetwork,
  networkDestroy,
  NetworkDeletionError,
} from './deleteNetwork';
import { StepInventory } from '../../engine/inventory';
import { assertCreatableVersion } from '../shared/kubernetesVersions';
import {
  FLOW_LOG_DESTINATION_FIELD,
  FLOW_LOG_ROLE_FIELD,
  readFlowLogDestination,
} from './flowLogDestination';
import { preflightNetwork } from './preflight';

export const CREATE_NETWORK_ACTION_ID = 'eks-platform:network:create';

/** Input: whether the action waits for its NAT gateways to be available (default true). */
export const WAIT_FOR_NAT_FIELD = 'waitForNatGateways';

export interface CreateNetworkActionOptions {
  /** Builds the EC2 client of the environment's account and region. */
  aws: Pick<AwsClientFactory, 'create'>;
  /** Who may create which environment, decided before the first AWS call. */
  guard: Pick<EnvironmentGuard, 'admitCreate'>;
  /** Today, for the Kubernetes versions the spec is validated against. */
  now?: () => Date;
  waitSettings?: Partial<WaitSettings>;
  /** The account's "VPCs per Region" quota when raised above AWS's default of 5. */
  vpcsPerRegion?: number;
  /** Delays between retries of a NotFound right after a create (EC2 eventual consistency). */
  notFoundRetryDelaysMs?: readonly number[];
}

/** A provisioning failure, after the rollback when there was one. */
export class NetworkCreateError extends Error {
  readonly name = 'NetworkCreateError';
}

/** The action's id outputs, from the id of each node key. */
function outputNetwork(
  ctx: { output(name: string, value: JsonValue): void },
  spec: EnvironmentSpec,
  idOf: (key: string) => string,
) {
  const zones = spec.availabilityZones;
  ctx.output('vpcId', idOf(K.vpc));
  ctx.output(
    'publicSubnetIds',
    zones.map(zone => idOf(K.publicSubnet(zone))),
  );
  ctx.output(
    'privateSubnetIds',
    zones.map(zone => idOf(K.privateSubnet(zone))),
  );
  ctx.output(
    'natGatewayIds',
    natZonesOf(spec).map(zone => idOf(K.natGateway(zone))),
  );
  ctx.output('internetGatewayId', idOf(K.internetGateway));
  ctx.output('routeTableIds', [
    idOf(K.publicRouteTable),
    ...zones.map(zone => idOf(K.privateRouteTable(zone))),
  ]);
  ctx.output('flowLogId', idOf(K.flowLog));
}

/** The error a failed run ends with: after a rollback, or naming what it leaves behind. */
async function failureOf(
  error: unknown,
  context: {
    ec2: EC2Client;
    spec: EnvironmentSpec;
    taskId: string;
    step: string | undefined;
    logger: LoggerService;
    waitSettings: WaitSettings;
  },
): Promise<NetworkCreateError> {
  const { ec2, spec, taskId, logger } = context;
  const message = await failureMessage({
    failed: `Creating the network of ${spec.name} in ${spec.account}/${
      spec.region
    } failed${atStep(context.step)}: ${errorMessage(error)}.`,
    rollbackOnFailure: spec.rollbackOnFailure,
    taskId,
    logger,
    rollback: () =>
      deleteNetwork(ec2, spec, logger, {
        taskId,
        waitSettings: context.waitSettings,
      }),
    remainingAfterRollback: rollbackError =>
      rollbackError instanceof NetworkDeletionError
        ? rollbackError.remaining
        : undefined,
    listExisting: () => listNetwork(ec2, spec, logger),
    retryHint: 'Retry the task to finish the network',
  });
  return new NetworkCreateError(message, { cause: error });
}

/**
 * `eks-platform:network:create`: the VPC of an environment over its availability zones.
 * Validates the whole input and checks the account (zones, VPC and Elastic IP headroom)
 * before creating anything; every step runs in a checkpoint and is a find-or-create by
 * tags, so a retried task resumes; a failure is rolled back (dev) or leaves an error naming
 * what exists (production).
 */
export function createNetworkCreateAction(options: CreateNetworkActionOptions) {
  const now = options.now ?? (() => new Date());
  const waitSettings = mergeWaitSettings(options.waitSettings);
  return createTemplateAction({
    id: CREATE_NETWORK_ACTION_ID,
    description:
      'Creates the network of an EKS environment: VPC with DNS support and hostnames, flow logs, a public and a private subnet per availability zone (tagged for load balancers), internet gateway, NAT gateways (one per zone, or one for dev), route tables, and a default security group without rules. Waits for the NAT gateways unless waitForNatGateways is false (eks-platform:nodegroup:create then waits for them). Resumes on retry; dry run lists what it would create.',
    examples: createNetworkExamples,
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentInputSchema,
        ...provisioningInputSchema,
        [FLOW_LOG_DESTINATION_FIELD]: z =>
          z
            .string()
            .describe(
              'Where VPC flow logs go: ARN of an existing CloudWatch Logs log group of the account and region (with flowLogDeliveryRoleArn), or of an S3 bucket (arn:aws:s3:::bucket[/folder])',
            ),
        [FLOW_LOG_ROLE_FIELD]: z =>
          z
            .string()
            .optional()
            .describe(
              'IAM role vpc-flow-logs.amazonaws.com assumes to write to the log group; only with a CloudWatch Logs destination',
            ),
        [WAIT_FOR_NAT_FIELD]: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait until the NAT gateways are available (one to five minutes) before finishing. Default true. Set false when eks-platform:nodegroup:create follows: the cluster does not need egress, so it is created while the NAT gateways come up, and the node group action waits for them before creating nodes',
            ),
      },
      output: {
        vpcId: z => z.string(),
        publicSubnetIds: z =>
          z.array(z.string()).describe('In availability zone order'),
        privateSubnetIds: z =>
          z.array(z.string()).describe('In availability zone order'),
        natGatewayIds: z => z.array(z.string()),
        internetGatewayId: z => z.string(),
        routeTableIds: z =>
          z
            .array(z.string())
            .describe(
              'The public route table, then the private one of each zone',
            ),
        flowLogId: z => z.string(),
        ...resourceOutputSchema,
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      const today = now();
      const spec = validateEnvironmentInput(input, {
        today,
        extraBooleans: ['rollbackOnFailure', 'adopt', WAIT_FOR_NAT_FIELD],
        extraProblems: s => readFlowLogDestination(input, s).problems,
      });
      await options.guard.admitCreate(ctx, spec, { adopt: input.adopt });
      await assertCreatableVersion(options.aws, spec, today, logger);
      const destination = readFlowLogDestination(input, spec).destination!;
      const nodes = networkGraph(spec, destination);
      const planned = nodes.filter(n => n.type);
      const ec2 = await options.aws.create(EC2Client, {
        accountId: spec.account,
        region: spec.region,
      });
      try {
        const inventory = await StepInventory.of(
          networkDestroy(ec2, spec, logger, {}),
        );
        await preflightNetwork(ec2, spec, inventory, nodes, {
          vpcsPerRegion: options.vpcsPerRegion,
        });

        if (ctx.isDryRun) {
          const rows = planned.map(n => {
            const existing = inventory.resourceOf(n);
            return {
              type: n.type!,
              name: n.name,
              component: n.key,
              detail: n.description,
              id: existing?.id ?? `dry-run:${n.key}`,
              exists: existing !== undefined,
            };
          });
          logDryRunRows(logger, rows);
          const ids = new Map(rows.map(r => [r.component, r.id]));
          outputNetwork(ctx, spec, key => ids.get(key)!);
          ctx.output('resources', dryRunResources(rows));
          ctx.output('summary', dryRunSummary(rows));
          return;
        }

        logger.info(
          `Creating the network of ${spec.name} in ${spec.account}/${
            spec.region
          }: ${planned.length} resources (rollbackOnFailure ${
            spec.rollbackOnFailure ? 'on' : 'off'
          })`,
        );
        const steps = checkpointedStepsFor(ctx, {
          scope: `${spec.account}/${spec.region}/${spec.name}`,
          prefix: 'network',
          inventory,
        });
        const context = kindContextFor(ctx, { ec2 }, spec, waitSettings);
        const waitForNat = input[WAIT_FOR_NAT_FIELD] ?? true;
        let results: Map<string, NodeResult>;
        try {
          results = await applyGraph({
            nodes,
            handlers: NETWORK_HANDLERS,
            steps,
            context,
            retry: retrySettingsFor(
              waitSettings,
              options.notFoundRetryDelaysMs,
            ),
            taskId: ctx.task.id,
            adopt: input.adopt,
          });
          const natIds = natZonesOf(spec).map(
            zone => results.get(K.natGateway(zone))!.id,
          );
          if (waitForNat) await waitForNatGateways(context, natIds);
          else {
            logger.info(
              `Not waiting for the ${
                natIds.length
              } NAT gateway(s) (${natIds.join(
                ', ',
              )}) to become available (waitForNatGateways is false): the private subnets are routed through them now, and eks-platform:nodegroup:create waits for them before it creates the node groups`,
            );
          }
        } catch (error) {
          throw await failureOf(error, {
            ec2,
            spec,
            taskId: ctx.task.id,
            step: error instanceof GraphStepError ? error.step : undefined,
            logger,
            waitSettings,
          });
        }

        const resources = planned.map(n => ({
          type: n.type!,
          name: n.name,
          component: n.key,
          id: results.get(n.key)!.id,
          outcome: results.get(n.key)!.outcome,
        }));
        outputNetwork(ctx, spec, key => results.get(key)!.id);
        ctx.output('resources', resources);
        ctx.output(
          'summary',
          resourceSummary(resources.map(r => ({ ...r, note: r.outcome }))),
        );
        const created = resources.filter(r => r.outcome === 'created').length;
        logger.info(
          `Network of ${spec.name} ready: ${created} resource(s) created, ${
            resources.length - created
          } reused${
            waitForNat ? '' : ' (NAT gateways possibly still pending)'
          }`,
        );
      } finally {
        ec2.destroy();
      }
    },
  });
}
