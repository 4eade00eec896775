import { expect, Page, test } from '@playwright/test';

const BACKEND = 'http://localhost:7007';

/** The backend starts next to the frontend dev server; wait until it is ready. */
async function waitForBackend() {
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${BACKEND}/.backstage/health/v1/readiness`))
            .status;
        } catch {
          return 0;
        }
      },
      { timeout: 180_000, intervals: [1_000] },
    )
    .toBe(200);
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  // Signed in once the app shell renders; later navigations reuse the session.
  await expect(page.getByRole('heading', { name: 'DPJ Catalog' })).toBeVisible();
}

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
