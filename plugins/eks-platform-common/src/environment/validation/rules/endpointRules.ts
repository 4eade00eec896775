/** Who can reach the Kubernetes API server endpoint. */
import {
  Cidr,
  cidrsOverlap,
  formatCidr,
  parseCidr,
} from '../../../network/cidr';
import type { EnvironmentName } from '../../types';
import type { SpecRule } from '../options';
import { indexPath, problem, ValidationProblem } from '../problems';
import { readCidr } from './networkRules';

/**
 * EKS quota "Public endpoint access CIDR ranges per cluster": 40, not adjustable
 * (Amazon EKS User Guide, "View and manage Amazon EKS and Fargate service quotas",
 * https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html).
 */
export const MAX_PUBLIC_ACCESS_CIDRS = 40;

/** The broadest block a dev cluster may open its public endpoint to (a /16: 65,536 addresses). */
export const MIN_PUBLIC_ACCESS_PREFIX = 16;

/** Presets whose API server is reachable from inside the VPC only. */
const PRIVATE_ENDPOINT_ONLY: readonly EnvironmentName[] = [
  'staging',
  'production',
];

/**
 * Blocks that are never the public source address of a request to the endpoint.
 * EKS: "The block cannot include reserved addresses" (Amazon EKS User Guide,
 * "Configure network access to cluster API server endpoint",
 * https://docs.aws.amazon.com/eks/latest/userguide/config-cluster-endpoint.html).
 * Documentation ranges (RFC 5737) are left out: the dev preset uses one as a
 * placeholder for the office range.
 */
const NON_PUBLIC_RANGES: ReadonlyArray<{ cidr: Cidr; what: string }> = [
  ['0.0.0.0/8', '"this network", RFC 1122'],
  ['10.0.0.0/8', 'private, RFC 1918'],
  ['100.64.0.0/10', 'carrier-grade NAT, RFC 6598'],
  ['127.0.0.0/8', 'loopback, RFC 1122'],
  ['169.254.0.0/16', 'link-local, RFC 3927'],
  ['172.16.0.0/12', 'private, RFC 1918'],
  ['192.168.0.0/16', 'private, RFC 1918'],
  ['224.0.0.0/4', 'multicast, RFC 5771'],
  ['240.0.0.0/4', 'reserved, RFC 1112'],
].map(([text, what]) => {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`bad constant ${text}`);
  return { cidr, what };
});

const CIDRS_PATH = 'endpointAccess.publicAccessCidrs';
const OFFICE_HINT = 'give the public range of your office or VPN';

/**
 * The first reason a dev public access entry is refused, if any.
 *
 * Host bits (10.0.0.1/16) are refused by readCidr, as everywhere in the address
 * plan: the EKS API reference (VpcConfigRequest.publicAccessCidrs) does not say
 * how such a block is read, and it usually hides a typo.
 */
function refuseDevEntry(
  path: string,
  text: string,
  cidr: Cidr,
): ValidationProblem | undefined {
  if (cidr.prefix === 0) {
    return problem(
      path,
      'endpoint-public-open',
      `${text} opens the API server to the whole internet: restrict public endpoint to your office or VPN ranges, or turn it off`,
    );
  }
  if (cidr.prefix < MIN_PUBLIC_ACCESS_PREFIX) {
    return problem(
      path,
      'endpoint-public-cidr-broad',
      `${text} is too broad for the public API endpoint: each block must be a /${MIN_PUBLIC_ACCESS_PREFIX} or narrower; ${OFFICE_HINT}`,
    );
  }
  const range = NON_PUBLIC_RANGES.find(r => cidrsOverlap(r.cidr, cidr));
  if (range) {
    return problem(
      path,
      'endpoint-public-cidr-reserved',
      `${text} is inside ${formatCidr(range.cidr)} (${
        range.what
      }), which never reaches the public API endpoint as a source address; ${OFFICE_HINT}`,
    );
  }
  return undefined;
}

export const checkEndpointAccess: SpecRule = ({
  endpointAccess,
  environment,
}) => {
  if (!endpointAccess) return [];
  const {
    private: privateAccess,
    public: publicAccess,
    publicAccessCidrs,
  } = endpointAccess;
  const problems: ValidationProblem[] = [];

  if (privateAccess === false && publicAccess === false) {
    problems.push(
      problem(
        'endpointAccess',
        'endpoint-access-none',
        'enable the private endpoint, the public endpoint or both: with neither, nothing can reach the API server',
      ),
    );
  }

  const privateOnly =
    environment !== undefined && PRIVATE_ENDPOINT_ONLY.includes(environment);
  if (privateOnly) {
    // Any entry at all is refused, whatever its size: 0.0.0.0/1 + 128.0.0.0/1 is
    // the whole internet too. One problem per entry, naming it.
    publicAccessCidrs?.forEach((text, index) => {
      if (text === undefined) return;
      problems.push(
        problem(
          indexPath(CIDRS_PATH, index),
          'endpoint-public-environment',
          `the ${environment} preset refuses public API endpoint access, got ${text}: remove every public access CIDR and reach the API server through the private endpoint (from the VPC or a VPN into it)`,
        ),
      );
    });
    if (publicAccess === true && !publicAccessCidrs?.length) {
      problems.push(
        problem(
          'endpointAccess.public',
          'endpoint-public-environment',
          `the ${environment} preset refuses a public API endpoint: set it to false and reach the API server through the private endpoint`,
        ),
      );
    }
  } else {
    publicAccessCidrs?.forEach((text, index) => {
      if (text === undefined) return;
      const path = indexPath(CIDRS_PATH, index);
      const cidr = readCidr(text, path, problems);
      const refused = cidr && refuseDevEntry(path, text, cidr);
      if (refused) problems.push(refused);
    });
    if (
      publicAccessCidrs &&
      publicAccessCidrs.length > MAX_PUBLIC_ACCESS_CIDRS
    ) {
      problems.push(
        problem(
          CIDRS_PATH,
          'endpoint-public-cidr-count',
          `EKS accepts at most ${MAX_PUBLIC_ACCESS_CIDRS} public access CIDR blocks, got ${publicAccessCidrs.length}`,
        ),
      );
    }
    // EKS opens a public endpoint to 0.0.0.0/0 when no block is given.
    if (publicAccess === true && publicAccessCidrs?.length === 0) {
      problems.push(
        problem(
          CIDRS_PATH,
          'endpoint-public-open',
          'the public endpoint has no access CIDRs, so EKS would open it to 0.0.0.0/0: restrict public endpoint to your office or VPN ranges, or turn it off',
        ),
      );
    }
  }

  // With the private endpoint off, nodes reach the API server through the NAT
  // gateways and the internet; production keeps that traffic inside the VPC.
  if (environment === 'production' && privateAccess === false) {
    problems.push(
      problem(
        'endpointAccess.private',
        'endpoint-production-private',
        'production needs the private endpoint so nodes and in-VPC tools reach the API server without leaving the VPC',
      ),
    );
  }
  return problems;
};
