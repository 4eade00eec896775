import { expect, test } from '@playwright/test';
import { signInAsCatalogUser, waitForBackend } from './session';

/**
 * Staging's dpj-api 2.14.0 went out when staging's monthly incident began and is
 * Degraded since (the sandbox's seeded ArgoCD). Personas (catalog-info.yaml):
 * alice.martin is in platform-team, which owns the staging cluster; gaelle.roux is in
 * dpj-developers.
 */
const DEPLOYMENTS_PATH =
  '/catalog/default/resource/dpj-staging-cluster/deployments';
const API_APP = 'deployment-dpj-staging-dpj-api';

test.beforeAll(waitForBackend);
// The sandbox builds its synthetic Prometheus history on the first SLO query (~20 s).
test.setTimeout(180_000);

test('a dpj-developers user sees the Degraded release and its budget, without actions', async ({
  page,
}) => {
  await signInAsCatalogUser(page, 'gaelle.roux');
  await page.goto(DEPLOYMENTS_PATH);
  const panel = page.getByTestId(API_APP);
  await expect(panel.getByTestId('deployment-health')).toHaveText('Degraded', {
    timeout: 120_000,
  });
  await expect(panel.getByTestId('deployment-health-message')).toContainText(
    'exceeded its progress deadline',
  );
  await expect(
    panel.getByTestId('history-2').getByTestId('impact-burning'),
  ).toContainText('% of budget');
  await expect(page.getByTestId('actions-note')).toContainText(
    'group:default/platform-team',
  );
  await expect(page.getByRole('button', { name: /Roll back/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
});

test('a platform-team user rolls the Degraded release back and sees it Healthy', async ({
  page,
}) => {
  await signInAsCatalogUser(page, 'alice.martin');
  await page.goto(DEPLOYMENTS_PATH);
  const panel = page.getByTestId(API_APP);
  await expect(panel.getByTestId('deployment-health')).toHaveText('Degraded', {
    timeout: 120_000,
  });
  await panel.getByRole('button', { name: 'Roll back to 1' }).click();
  const dialog = page.getByTestId('rollback-dialog');
  await expect(dialog.getByTestId('rollback-automated-note')).toContainText(
    'ArgoCD refuses a rollback',
  );
  const confirm = dialog.getByRole('button', { name: 'Roll back' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Suspend automated sync').check();
  await confirm.click();
  await expect(page.getByRole('status')).toHaveText(
    'ArgoCD suspended automated sync, then started a rollback of dpj-staging-dpj-api to deployment 1',
  );
  // The page asks again while ArgoCD works; the rollback is deployment 3.
  await expect(panel.getByTestId('history-3')).toContainText(
    '2.13.2 (running)',
    { timeout: 60_000 },
  );
  await expect(panel.getByTestId('history-3')).toContainText('backstage');
  await expect(panel.getByTestId('deployment-health')).toHaveText('Healthy');
  // ArgoCD compares with the target, still 2.14.0 in Git.
  await expect(panel.getByTestId('deployment-sync')).toHaveText('OutOfSync');
  await expect(panel).toContainText('manual sync');
});
