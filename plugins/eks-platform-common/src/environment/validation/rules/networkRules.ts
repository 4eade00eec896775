/** VPC and subnet address plan, and NAT gateway layout. */
import {
  Cidr,
  cidrContains,
  cidrsOverlap,
  formatCidr,
  parseCidrDetailed,
  SUBNET_PREFIX_RANGE,
  VPC_PREFIX_RANGE,
} from '../../../network/cidr';
import type { Items } from '../inputReader';
import type { SpecRule } from '../options';
import { fieldPath, indexPath, problem, ValidationProblem } from '../problems';

/** Parses a CIDR field, reporting syntax and host-bit mistakes at its path. */
export function readCidr(
  text: string,
  path: string,
  problems: ValidationProblem[],
): Cidr | undefined {
  const result = parseCidrDetailed(text);
  if (result.ok) return result.cidr;
  const rule = result.reason === 'host-bits' ? 'cidr-host-bits' : 'cidr-syntax';
  problems.push(problem(path, rule, `${path}: ${result.error}`));
  return undefined;
}

interface PlacedSubnet {
  path: string;
  cidr: Cidr;
}

export const checkAddressPlan: SpecRule = ({ network, availabilityZones }) => {
  if (!network) return [];
  const problems: ValidationProblem[] = [];

  const vpcPath = 'network.vpcCidr';
  const vpc =
    network.vpcCidr === undefined
      ? undefined
      : readCidr(network.vpcCidr, vpcPath, problems);
  const vpcPrefixOk =
    vpc !== undefined &&
    vpc.prefix >= VPC_PREFIX_RANGE.min &&
    vpc.prefix <= VPC_PREFIX_RANGE.max;
  if (vpc && !vpcPrefixOk) {
    problems.push(
      problem(
        vpcPath,
        'vpc-prefix',
        `VPC block ${formatCidr(vpc)} must be between /${
          VPC_PREFIX_RANGE.min
        } and /${VPC_PREFIX_RANGE.max}, as AWS requires`,
      ),
    );
  }

  const subnets: PlacedSubnet[] = [];
  const readSubnets = (
    key: 'publicSubnetCidrs' | 'privateSubnetCidrs',
    list: Items<string> | undefined,
  ) => {
    if (!list) return;
    const listPath = fieldPath('network', key);
    if (availabilityZones && list.length !== availabilityZones.length) {
      problems.push(
        problem(
          listPath,
          'subnet-count',
          `${listPath} has ${list.length} entries but availabilityZones has ${availabilityZones.length}; give one subnet per zone, in the same order`,
        ),
      );
    }
    list.forEach((text, index) => {
      if (text === undefined) return;
      const path = indexPath(listPath, index);
      const cidr = readCidr(text, path, problems);
      if (!cidr) return;
      if (
        cidr.prefix < SUBNET_PREFIX_RANGE.min ||
        cidr.prefix > SUBNET_PREFIX_RANGE.max
      ) {
        problems.push(
          problem(
            path,
            'subnet-prefix',
            `subnet ${text} must be between /${SUBNET_PREFIX_RANGE.min} and /${SUBNET_PREFIX_RANGE.max}, as AWS requires`,
          ),
        );
      }
      if (vpc && vpcPrefixOk && !cidrContains(vpc, cidr)) {
        problems.push(
          problem(
            path,
            'subnet-in-vpc',
            `subnet ${text} is outside the VPC block ${formatCidr(vpc)}`,
          ),
        );
      }
      subnets.push({ path, cidr });
    });
  };
  readSubnets('publicSubnetCidrs', network.publicSubnetCidrs);
  readSubnets('privateSubnetCidrs', network.privateSubnetCidrs);

  // Each subnet is reported against the first earlier one it collides with.
  subnets.forEach((subnet, index) => {
    const earlier = subnets
      .slice(0, index)
      .find(other => cidrsOverlap(other.cidr, subnet.cidr));
    if (earlier) {
      problems.push(
        problem(
          subnet.path,
          'subnet-overlap',
          `subnet ${formatCidr(subnet.cidr)} overlaps ${
            earlier.path
          } (${formatCidr(earlier.cidr)})`,
        ),
      );
    }
  });
  return problems;
};

/** A single NAT gateway is a single point of failure for egress of every private subnet. */
export const checkNatGateways: SpecRule = ({ environment, network }) =>
  environment === 'production' && network?.natGateways === 'single'
    ? [
        problem(
          'network.natGateways',
          'nat-production',
          'production needs one NAT gateway per availability zone ("one-per-az") so losing one zone does not cut egress in the others',
        ),
      ]
    : [];
