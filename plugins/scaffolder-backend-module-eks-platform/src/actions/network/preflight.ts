/**
 * Read-only checks against the account before the first mutating call: the zones exist and
 * are available, the account has room for the VPC and the NAT gateways' Elastic IPs, and
 * what already carries the environment's name matches the spec (an earlier environment of
 * the same name with another address plan would otherwise be "reused").
 */
import {
  DescribeAccountAttributesCommand,
  DescribeAddressesCommand,
  DescribeAvailabilityZonesCommand,
  EC2Client,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { InputError } from '@backstage/errors';
import {
  EnvironmentSpec,
  natZonesOf,
  ResourceNode,
} from '@internal/plugin-eks-platform-common';
import type { StepInventory } from '../../engine/inventory';
import { collect, NETWORK_HANDLERS } from '../../resources/network';
import type { InputProblem } from '../shared/environmentInput';

/** AWS's default "VPCs per Region" quota (Service Quotas L-F678F1CE); the default VPC counts. */
export const DEFAULT_VPCS_PER_REGION = 5;
/** AWS's default "EC2-VPC Elastic IPs" quota (L-0263D0A3), when the account does not say. */
const DEFAULT_ELASTIC_IPS = 5;

const problem = (path: string, message: string): InputProblem => ({
  path,
  message,
  rule: 'preflight',
});

function checkZones(
  spec: EnvironmentSpec,
  zones: Map<string, string | undefined>,
): InputProblem[] {
  return spec.availabilityZones.flatMap(zone => {
    if (!zones.has(zone)) {
      return [
        problem(
          'region',
          `availability zone ${zone} is not offered to account ${
            spec.account
          } in ${spec.region} (it has ${
            [...zones.keys()].join(', ') || 'none'
          })`,
        ),
      ];
    }
    const state = zones.get(zone);
    return state === 'available'
      ? []
      : [
          problem(
            'region',
            `availability zone ${zone} is ${state}, not available, in ${spec.region}`,
          ),
        ];
  });
}

/** Existing resources of this environment whose settings (CIDRs, zones) differ from the spec. */
function checkDrift(
  spec: EnvironmentSpec,
  inventory: StepInventory,
  nodes: readonly ResourceNode[],
): InputProblem[] {
  return inventory
    .drift(nodes)
    .map(({ resource, has, wants }) =>
      problem(
        'name',
        `an environment named ${spec.name} already exists in ${spec.account}/${
          spec.region
        } and its ${NETWORK_HANDLERS[resource.kind]!.label} ${
          resource.label
        } has ${has} where this one asks for ${wants}; choose another name or destroy that environment first`,
      ),
    );
}

/**
 * Runs the checks (four reads) and throws an `InputError` listing every problem. Nothing
 * has been created when it throws.
 */
export async function preflightNetwork(
  ec2: EC2Client,
  spec: EnvironmentSpec,
  inventory: StepInventory,
  nodes: readonly ResourceNode[],
  options: { vpcsPerRegion?: number } = {},
): Promise<void> {
  const vpcsPerRegion = options.vpcsPerRegion ?? DEFAULT_VPCS_PER_REGION;
  const [zones, attributes, addresses, vpcs] = await Promise.all([
    ec2.send(new DescribeAvailabilityZonesCommand({})),
    ec2.send(new DescribeAccountAttributesCommand({})),
    ec2.send(new DescribeAddressesCommand({})),
    collect(paginateDescribeVpcs({ client: ec2 }, {}), p => p.Vpcs),
  ]);
  const problems: InputProblem[] = checkZones(
    spec,
    new Map(
      (zones.AvailabilityZones ?? [])
        .filter(z => !z.ZoneType || z.ZoneType === 'availability-zone')
        .map(z => [z.ZoneName!, z.State]),
    ),
  );

  const maxElasticIps = Number(
    attributes.AccountAttributes?.find(
      a => a.AttributeName === 'vpc-max-elastic-ips',
    )?.AttributeValues?.[0]?.AttributeValue ?? DEFAULT_ELASTIC_IPS,
  );
  const natCount = natZonesOf(spec).length;
  const elasticIpsNeeded = Math.max(
    0,
    natCount - inventory.ofKind('elastic-ip').length,
  );
  const elasticIpsUsed = addresses.Addresses?.length ?? 0;
  if (elasticIpsUsed + elasticIpsNeeded > maxElasticIps) {
    problems.push(
      problem(
        'account',
        `account ${spec.account} has ${elasticIpsUsed} of its ${maxElasticIps} Elastic IPs in ${spec.region} and the ${natCount} NAT gateway(s) of the ${spec.environment} preset need ${elasticIpsNeeded} more: release unused ones or raise the "EC2-VPC Elastic IPs" quota (L-0263D0A3)`,
      ),
    );
  }
  const vpcsNeeded = inventory.ofKind('vpc').length > 0 ? 0 : 1;
  if (vpcs.length + vpcsNeeded > vpcsPerRegion) {
    problems.push(
      problem(
        'account',
        `account ${spec.account} has ${vpcs.length} of its ${vpcsPerRegion} VPCs in ${spec.region}: delete one or raise the "VPCs per Region" quota (L-F678F1CE, then eksPlatform.network.vpcsPerRegion)`,
      ),
    );
  }
  problems.push(...checkDrift(spec, inventory, nodes));

  if (problems.length > 0) {
    throw new InputError(
      `Preflight checks of ${spec.name} in ${spec.account}/${
        spec.region
      } failed; nothing was created:\n${problems
        .map(p => `- ${p.path}: ${p.message} [${p.rule}]`)
        .join('\n')}`,
    );
  }
}
