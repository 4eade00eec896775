import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForBackend } from './session';

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
