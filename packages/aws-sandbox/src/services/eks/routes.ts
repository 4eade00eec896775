import { Route } from '../../protocols/restJson';

type Params = Record<string, string>;

/** A route from the SDK's URI template, e.g. `/clusters/{name}`; labels are URL-decoded. */
function route(
  method: string,
  template: string,
  operation: string,
): Route<Params> {
  const names: string[] = [];
  const source = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return {
    method,
    operation,
    pattern: new RegExp(`^${source}$`),
    params: match =>
      Object.fromEntries(
        names.map((name, i) => [name, decodeURIComponent(match[i + 1])]),
      ),
  };
}

/** Paths as @aws-sdk/client-eks serialises them. */
export const EKS_ROUTES: readonly Route<Params>[] = [
  route('GET', '/cluster-versions', 'DescribeClusterVersions'),
  route('POST', '/clusters', 'CreateCluster'),
  route('GET', '/clusters', 'ListClusters'),
  route('GET', '/clusters/{name}', 'DescribeCluster'),
  route('DELETE', '/clusters/{name}', 'DeleteCluster'),
  route('GET', '/clusters/{name}/updates/{updateId}', 'DescribeUpdate'),
  route('POST', '/clusters/{name}/updates', 'UpdateClusterVersion'),
  route('GET', '/clusters/{name}/updates', 'ListUpdates'),
  route('POST', '/clusters/{clusterName}/insights', 'ListInsights'),
  route('GET', '/clusters/{clusterName}/insights/{id}', 'DescribeInsight'),
  route('POST', '/clusters/{clusterName}/node-groups', 'CreateNodegroup'),
  route('GET', '/clusters/{clusterName}/node-groups', 'ListNodegroups'),
  route(
    'GET',
    '/clusters/{clusterName}/node-groups/{nodegroupName}',
    'DescribeNodegroup',
  ),
  route(
    'DELETE',
    '/clusters/{clusterName}/node-groups/{nodegroupName}',
    'DeleteNodegroup',
  ),
  route(
    'POST',
    '/clusters/{clusterName}/node-groups/{nodegroupName}/update-config',
    'UpdateNodegroupConfig',
  ),
  route(
    'POST',
    '/clusters/{clusterName}/node-groups/{nodegroupName}/update-version',
    'UpdateNodegroupVersion',
  ),
  route(
    'POST',
    '/clusters/{clusterName}/addons/{addonName}/update',
    'UpdateAddon',
  ),
  route('GET', '/addons/supported-versions', 'DescribeAddonVersions'),
  route('POST', '/clusters/{clusterName}/addons', 'CreateAddon'),
  route('GET', '/clusters/{clusterName}/addons', 'ListAddons'),
  route('GET', '/clusters/{clusterName}/addons/{addonName}', 'DescribeAddon'),
  route('DELETE', '/clusters/{clusterName}/addons/{addonName}', 'DeleteAddon'),
  route(
    'POST',
    '/clusters/{clusterName}/pod-identity-associations',
    'CreatePodIdentityAssociation',
  ),
  route(
    'GET',
    '/clusters/{clusterName}/pod-identity-associations',
    'ListPodIdentityAssociations',
  ),
  route(
    'GET',
    '/clusters/{clusterName}/pod-identity-associations/{associationId}',
    'DescribePodIdentityAssociation',
  ),
  route(
    'DELETE',
    '/clusters/{clusterName}/pod-identity-associations/{associationId}',
    'DeletePodIdentityAssociation',
  ),
  route('GET', '/access-policies', 'ListAccessPolicies'),
  route('POST', '/clusters/{clusterName}/access-entries', 'CreateAccessEntry'),
  route('GET', '/clusters/{clusterName}/access-entries', 'ListAccessEntries'),
  route(
    'GET',
    '/clusters/{clusterName}/access-entries/{principalArn}',
    'DescribeAccessEntry',
  ),
  route(
    'DELETE',
    '/clusters/{clusterName}/access-entries/{principalArn}',
    'DeleteAccessEntry',
  ),
  route(
    'POST',
    '/clusters/{clusterName}/access-entries/{principalArn}/access-policies',
    'AssociateAccessPolicy',
  ),
  route(
    'GET',
    '/clusters/{clusterName}/access-entries/{principalArn}/access-policies',
    'ListAssociatedAccessPolicies',
  ),
  route(
    'DELETE',
    '/clusters/{clusterName}/access-entries/{principalArn}/access-policies/{policyArn}',
    'DisassociateAccessPolicy',
  ),
  route('POST', '/tags/{resourceArn}', 'TagResource'),
  route('DELETE', '/tags/{resourceArn}', 'UntagResource'),
  route('GET', '/tags/{resourceArn}', 'ListTagsForResource'),
];
