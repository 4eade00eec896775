import { expect, Page } from '@playwright/test';

/**
 * Fills the three pages of "New EKS environment" (preset dev, the defaults of the
 * region, versions and address plan) and submits it.
 */
export async function submitNewEnvironment(
  page: Page,
  options: {
    name: string;
    /** Typed into the owner picker, then the option chosen. */
    ownerSearch: string;
    ownerOption: RegExp;
    /** Register through the ArgoCD API rather than GitOps manifests. */
    argocdApi?: boolean;
  },
) {
  await page.goto('/create/templates/default/eks-environment');

  // Environment: preset dev (default), name, owner, account (default), admin role.
  await page.getByRole('textbox', { name: 'Name' }).fill(options.name);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill(options.ownerSearch);
  await page.getByRole('option', { name: options.ownerOption }).first().click();
  await page
    .getByRole('textbox', { name: 'Cluster administrator role' })
    .fill('arn:aws:iam::111111111111:role/dpj-platform-team');
  await page.getByRole('button', { name: 'Next' }).click();

  // Region and Kubernetes: Paris and its three zones, the newest supported version.
  await expect(page.getByText('eu-west-3a')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Network and nodes: the preset's address plan, which holds the node groups.
  await expect(
    page.getByRole('table', { name: 'Subnets per availability zone' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // GitOps and ArgoCD.
  await page
    .getByRole('textbox', { name: 'ArgoCD role' })
    .fill('arn:aws:iam::111111111111:role/argocd-manager');
  if (options.argocdApi) {
    await page.getByRole('button', { name: /^Registration/ }).click();
    await page.getByRole('option', { name: 'ArgoCD API' }).click();
  }
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
}
