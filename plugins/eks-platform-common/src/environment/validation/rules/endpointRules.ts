/** Who can reach the Kubernetes API server endpoint. */
import type { Cidr } from '../../../network/cidr';
import type { SpecRule } from '../options';
import { indexPath, problem, ValidationProblem } from '../problems';
import { readCidr } from './networkRules';

/** EKS quota "Public endpoint access CIDR ranges per cluster" (not adjustable). */
export const MAX_PUBLIC_ACCESS_CIDRS = 40;

const CIDRS_PATH = 'endpointAccess.publicAccessCidrs';

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

  const cidrs: Array<{ path: string; cidr: Cidr }> = [];
  publicAccessCidrs?.forEach((text, index) => {
    if (text === undefined) return;
    const path = indexPath(CIDRS_PATH, index);
    const cidr = readCidr(text, path, problems);
    if (cidr) cidrs.push({ path, cidr });
  });
  if (publicAccessCidrs && publicAccessCidrs.length > MAX_PUBLIC_ACCESS_CIDRS) {
    problems.push(
      problem(
        CIDRS_PATH,
        'endpoint-public-cidr-count',
        `EKS accepts at most ${MAX_PUBLIC_ACCESS_CIDRS} public access CIDR blocks, got ${publicAccessCidrs.length}`,
      ),
    );
  }

  if (publicAccess === true) {
    // EKS opens a public endpoint to 0.0.0.0/0 when no block is given.
    if (publicAccessCidrs && publicAccessCidrs.length === 0) {
      problems.push(
        problem(
          CIDRS_PATH,
          'endpoint-public-open',
          'the public endpoint has no access CIDRs, so EKS would open it to 0.0.0.0/0: restrict public endpoint to your office or VPN ranges, or turn it off',
        ),
      );
    }
    for (const { path, cidr } of cidrs) {
      if (cidr.prefix === 0) {
        problems.push(
          problem(
            path,
            'endpoint-public-open',
            '0.0.0.0/0 opens the API server to the whole internet: restrict public endpoint to your office or VPN ranges, or turn it off',
          ),
        );
      }
    }
  }

  // With the private endpoint off, nodes reach the API server through the NAT
  // gateways and the internet; production keeps that traffic inside the VPC.
  // (An open public endpoint is already refused above for every environment.)
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
