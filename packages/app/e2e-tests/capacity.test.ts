import { expect, Page, test } from '@playwright/test';
import { signInAsGuest, waitForBackend } from './session';

/** Opens a cluster page, reloading until the catalog has ingested it. */
async function openCluster(page: Page, name: string, tab = '') {
  await expect(async () => {
    await page.goto(`/catalog/default/resource/${name}${tab}`);
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
}

test.beforeAll(waitForBackend);

test("the overview's capacity card reads dpj-prod-cluster's figures", async ({
  page,
}) => {
  await signInAsGuest(page);
  await openCluster(page, 'dpj-prod-cluster');

  const card = page.getByTestId('eks-capacity-card');
  await expect(card).toBeVisible();
  // Production preset: system 3 + app-on-demand 3 + app-spot 3 nodes.
  await expect(card.getByText('Nodes', { exact: true })).toBeVisible({
    timeout: 30_000,
  });
  await expect(card).toContainText('9');
  await expect(card).toContainText(/CPU requested: [\d.]+ vCPU of [\d.]+ vCPU/);
  await expect(card).toContainText(
    /Memory requested: [\d.]+ GiB of [\d.]+ GiB/,
  );
  await expect(card).toContainText(/Pods requested: \d+ of \d+/);
  await expect(card).toContainText(/First limit: /);
  await expect(card).toContainText(/\$\d+ \/ month/);
});

test('the capacity tab lists every node group with its figures and IP ceiling', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openCluster(page, 'dpj-prod-cluster', '/capacity');

  const content = page.getByTestId('eks-capacity-content');
  await expect(content).toBeVisible({ timeout: 30_000 });

  const groups = content.getByRole('table', { name: 'Node groups' });
  const system = groups.getByRole('row').filter({ hasText: 'system' });
  await expect(system).toContainText('On-demand');
  await expect(system).toContainText('3 / 3 / 6');
  const onDemand = groups.getByRole('row').filter({ hasText: 'app-on-demand' });
  await expect(onDemand).toContainText('c5.xlarge');
  await expect(onDemand).toContainText('3 / 3 / 10');
  await expect(onDemand).toContainText('est.');
  const spot = groups.getByRole('row').filter({ hasText: 'app-spot' });
  await expect(spot).toContainText('Spot');
  await expect(spot).toContainText('0 / 3 / 10');

  const ips = content.getByRole('table', {
    name: 'IP ceiling per availability zone',
  });
  for (const zone of ['eu-west-3a', 'eu-west-3b', 'eu-west-3c']) {
    await expect(
      ips.getByRole('row').filter({ hasText: zone }).first(),
    ).toBeVisible();
  }
  // /19 private subnets: thousands of free addresses, 60 per c5.xlarge node.
  await expect(
    ips.getByRole('row').filter({ hasText: 'app-on-demand' }).first(),
  ).toContainText('60');

  await expect(content.getByText('CPU (vCPU)')).toBeVisible();
  await expect(content.getByText(/First limit: /)).toBeVisible();
});

test("the staging cluster's autoscaler: pods waiting for the Spot node it asked for", async ({
  page,
}) => {
  await signInAsGuest(page);
  await openCluster(page, 'dpj-staging-cluster', '/capacity');

  const content = page.getByTestId('eks-capacity-content');
  await expect(content).toBeVisible({ timeout: 30_000 });
  const autoscaler = content.getByRole('table', { name: 'Autoscaler' });
  const spot = autoscaler.getByRole('row').filter({ hasText: 'app-spot' });
  await expect(spot).toContainText(/In progress since \d+ min ago/);
  await expect(spot).toContainText(/2 → 3 nodes, \d+ min ago/);
  await expect(content.getByText('Pending pods: 2')).toBeVisible();
  const pending = content.getByRole('table', { name: 'Pending pods' });
  await expect(pending.getByRole('row').nth(1)).toContainText(
    /dpj\/dpj-worker-.*250m CPU, 512 MiB.*Insufficient cpu/,
  );

  await openCluster(page, 'dpj-staging-cluster');
  await expect(page.getByTestId('eks-capacity-card')).toContainText(
    /2 pods pending; scaling up app-spot; \d+ nodes may still be added/,
    { timeout: 30_000 },
  );
});
