/** Links into the AWS Management Console. */

/** The EKS console page of a cluster. */
export function eksClusterConsoleUrl(
  region: string,
  clusterName: string,
): string {
  const r = encodeURIComponent(region);
  return `https://${r}.console.aws.amazon.com/eks/home?region=${r}#/clusters/${encodeURIComponent(
    clusterName,
  )}`;
}
