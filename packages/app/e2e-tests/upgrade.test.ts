import { expect, test } from '@playwright/test';
import { signInAsCatalogUser, waitForBackend } from './session';

/**
 * The seeded dev environment runs Kubernetes 1.35 and has a WARNING upgrade insight for
 * 1.36. alice.martin is in platform-team, which owns it (catalog-info.yaml). The
 * sandbox's upgrade takes about a minute at `yarn start`'s time scale.
 */
const DEV_CLUSTER_PATH = '/catalog/default/resource/dpj-dev-cluster';

test.beforeAll(waitForBackend);
test.setTimeout(300_000);

test("from the dev cluster's card, the prefilled upgrade template upgrades it and the card shows 1.36", async ({
  page,
}) => {
  await signInAsCatalogUser(page, 'alice.martin');
  await page.goto(DEV_CLUSTER_PATH);
  const card = page.getByTestId('eks-environment-card');
  await expect(card.getByTestId('upgrade-next')).toHaveText(
    '1.36 · upgrade insights: 1 warning',
    { timeout: 120_000 },
  );
  await card.getByTestId('upgrade-link').click();

  // The form comes filled in for this environment and the next version.
  await expect(
    page.getByRole('textbox', { name: 'Environment name', exact: true }),
  ).toHaveValue('dpj-dev');
  await expect(
    page.getByRole('textbox', { name: 'Target Kubernetes version' }),
  ).toHaveValue('1.36');
  await expect(
    page.getByRole('textbox', { name: 'AWS account id' }),
  ).toHaveValue('111111111111');
  await page
    .getByRole('checkbox', {
      name: 'Go ahead despite WARNING upgrade insights',
    })
    .check();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByText('The cluster runs Kubernetes 1.36.')).toBeVisible(
    { timeout: 240_000 },
  );

  // The card reads EKS again once its minute of cache is over.
  await expect
    .poll(
      async () => {
        await page.goto(DEV_CLUSTER_PATH);
        return (
          (await page
            .getByTestId('upgrade-running')
            .textContent({ timeout: 30_000 })
            .catch(() => '')) ?? ''
        );
      },
      { timeout: 120_000, intervals: [10_000] },
    )
    .toMatch(/^1\.36/);
});
