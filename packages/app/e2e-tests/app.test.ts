import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForBackend } from './session';

test.beforeAll(waitForBackend);

test('the catalog lists the three DPJ EKS clusters', async ({ page }) => {
  await signInAsGuest(page);

  // The catalog ingests catalog-info.yaml shortly after start: reload until it shows.
  await expect(async () => {
    await page.goto('/?filters[kind]=resource&filters[user]=all');
    for (const cluster of [
      'dpj-dev-cluster',
      'dpj-staging-cluster',
      'dpj-prod-cluster',
    ]) {
      await expect(
        page.getByRole('link', { name: cluster, exact: true }),
      ).toBeVisible({ timeout: 5_000 });
    }
  }).toPass({ timeout: 90_000 });
});

test("a cluster's page shows its EKS environment card", async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/resource/dpj-prod-cluster');

  const card = page.getByTestId('eks-environment-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('production');
  await expect(card).toContainText('eu-west-3');
  await expect(card).toContainText('Europe (Paris)');
});
