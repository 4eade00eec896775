/**
 * What the sandbox's ArgoCD says of the applications a test registered, and a way to take a
 * controller's Pod Identity association away. Tests only.
 */
import {
  DeletePodIdentityAssociationCommand,
  EKSClient,
  ListPodIdentityAssociationsCommand,
  PodIdentityAssociationSummary,
} from '@aws-sdk/client-eks';

/** Every application, as ArgoCD's REST API lists it (with its status). */
export async function argoCdApplications(sandboxUrl: string): Promise<any[]> {
  const response = await fetch(`${sandboxUrl}/argocd/api/v1/applications`, {
    headers: { authorization: 'Bearer sandbox-argocd-token' },
  });
  return (await response.json()).items;
}

/**
 * Polls until ArgoCD has reconciled every application: none OutOfSync (30 AWS seconds
 * after each one's creation) and, with `untilHealthy`, none Progressing either (the
 * Deployments' progress deadlines passed).
 */
export async function settledApplications(
  sandboxUrl: string,
  options: { untilHealthy?: boolean } = {},
): Promise<any[]> {
  const waiting = (app: any) =>
    app.status.sync.status === 'OutOfSync' ||
    (options.untilHealthy && app.status.health.status === 'Progressing');
  let apps = await argoCdApplications(sandboxUrl);
  for (let i = 0; i < 200 && (apps.length === 0 || apps.some(waiting)); i++) {
    await new Promise(resolve => setTimeout(resolve, 10));
    apps = await argoCdApplications(sandboxUrl);
  }
  return apps;
}

/** Deletes the one association of the service account; returns what it was. */
export async function removePodIdentityAssociation(
  eks: EKSClient,
  clusterName: string,
  serviceAccount: string,
  namespace?: string,
): Promise<PodIdentityAssociationSummary> {
  const { associations = [] } = await eks.send(
    new ListPodIdentityAssociationsCommand({
      clusterName,
      serviceAccount,
      ...(namespace ? { namespace } : {}),
    }),
  );
  if (associations.length !== 1) {
    throw new Error(
      `expected one association of ${serviceAccount} on ${clusterName}, found ${associations.length}`,
    );
  }
  await eks.send(
    new DeletePodIdentityAssociationCommand({
      clusterName,
      associationId: associations[0].associationId,
    }),
  );
  return associations[0];
}
