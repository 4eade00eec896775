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
  await expect(
    page.getByRole('heading', { name: 'DPJ Catalog' }),
  ).toBeVisible();
}

test.beforeAll(waitForBackend);

// The sandbox builds its synthetic Prometheus history on the first SLO query (~20 s).
test.setTimeout(180_000);

test('the SLO card shows production meeting 99.9% with its budget and burn', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/resource/dpj-prod-cluster');

  const card = page.getByTestId('eks-slo-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('slo-attainment-30d')).toHaveText(
    /^\d{2,3}\.\d{4}%$/,
    {
      timeout: 120_000,
    },
  );
  await expect(card.getByTestId('slo-status')).toContainText('(99.9%)');
  await expect(card.getByTestId('slo-budget-left')).toContainText('min');
  await expect(card.getByTestId('slo-budget-left')).toContainText(
    'bad requests',
  );
  await expect(card.getByTestId('slo-burn-now')).toHaveText(/×$/);
});

test("staging's SLO tab fails every past month and offers a CSV", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/resource/dpj-staging-cluster/slo');

  const content = page.getByTestId('eks-slo-content');
  await expect(
    content.getByRole('table', { name: 'Monthly history' }),
  ).toBeVisible({
    timeout: 120_000,
  });
  // The 55-minute incident on the 1st of every month breaks 99.9% each month.
  const pastMonths = content.locator('[data-testid^="month-"]').filter({
    hasNotText: 'in-progress',
  });
  await expect(pastMonths.filter({ hasText: /fail$/ })).toHaveCount(11);
  await expect(
    content.getByRole('table', { name: 'Burn-rate alerts' }),
  ).toContainText('14.4× (1h / 5m)');
  const csv = content.getByRole('link', { name: 'Export CSV' });
  await expect(csv).toHaveAttribute(
    'download',
    /^slo-dpj-staging-cluster-.*\.csv$/,
  );
  await expect(csv).toHaveAttribute('href', /^blob:/);
});
