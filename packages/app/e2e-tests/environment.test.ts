import { expect, test } from '@playwright/test';
import { submitNewEnvironment } from './environmentForm';
import { signInAsCatalogUser, waitForBackend } from './session';

/**
 * The platform engineer's journey: the "New EKS environment" template, filled in the
 * browser, creates a dev environment in the sandbox (network, cluster, node groups,
 * ArgoCD project and applications through the sandbox's ArgoCD API), the
 * task page shows each step's log, and the output links to the new cluster's catalog
 * page, which the catalog's EKS cluster discovery has registered.
 */
const PLATFORM_ENGINEER = 'alice.martin';
const ENVIRONMENT = 'e2e-dev';
const CLUSTER = `${ENVIRONMENT}-cluster`;

// A form control that is not found fails the test instead of waiting for ever.
test.use({ actionTimeout: 30_000 });

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a platform engineer creates a dev environment and opens its cluster page', async ({
  page,
}) => {
  // Cluster 30 s, node groups 9 s, NAT gateway 6 s at the sandbox's time scale, plus polling.
  test.setTimeout(600_000);
  await waitForBackend();
  await signInAsCatalogUser(page, PLATFORM_ENGINEER);

  await page.goto('/create');
  await expect(page.getByText('New EKS environment').first()).toBeVisible();
  await submitNewEnvironment(page, {
    name: ENVIRONMENT,
    ownerSearch: 'Platform',
    ownerOption: /Platform team/,
    // The sandbox's ArgoCD, through its API.
    argocdApi: true,
  });

  // The task page: every step succeeds, with its log on screen.
  const catalogLink = page.getByRole('link', {
    name: 'Open the cluster in the catalog',
  });
  await expect(catalogLink).toBeVisible({ timeout: 480_000 });
  const steps = {
    check: 'Check the request and the permission',
    network: 'Network (VPC, subnets, NAT)',
    cluster: 'EKS cluster, IAM roles, KMS key, add-ons',
    nodegroups: 'Managed node groups and their add-ons',
    argocd: 'ArgoCD project, cluster and applications',
    catalog: 'Catalog entity',
  };
  for (const step of Object.values(steps)) {
    await expect(
      page.getByRole('button', { name: new RegExp(`^${escape(step)}`) }),
    ).toBeVisible();
  }
  // Each step's log, found with the log viewer's search.
  const logLine = async (step: string, text: string) => {
    await page
      .getByRole('button', { name: new RegExp(`^${escape(step)}`) })
      .click();
    await page.getByRole('textbox', { name: 'Search' }).fill(text);
    await expect(page.getByText(text).first()).toBeVisible();
  };
  await logLine(
    steps.check,
    `user:default/${PLATFORM_ENGINEER} may create the dev environment`,
  );
  await logLine(steps.network, `Network of ${ENVIRONMENT} ready`);
  await logLine(steps.cluster, `Creating the cluster ${CLUSTER}`);
  await logLine(steps.nodegroups, `Node groups of ${CLUSTER} ready`);
  await logLine(steps.argocd, `application ${ENVIRONMENT}-`);
  await logLine(steps.catalog, `resource:default/${CLUSTER} is in the catalog`);
  await expect(
    page.getByRole('link', { name: /Open the cluster in the AWS console/ }),
  ).toHaveAttribute(
    'href',
    `https://eu-west-3.console.aws.amazon.com/eks/home?region=eu-west-3#/clusters/${CLUSTER}`,
  );

  // The new cluster's catalog page, with the platform's environment card.
  await catalogLink.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/resource/${CLUSTER}`),
  );
  await expect(
    page.getByRole('heading', { name: CLUSTER }).first(),
  ).toBeVisible();
  await expect(page.getByText('EKS environment').first()).toBeVisible();
});
