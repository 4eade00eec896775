import { expect, Page, Response, test } from '@playwright/test';
import {
  DEVELOPMENT_USER_HEADER,
  signInAsCatalogUser,
  waitForBackend,
  waitForCatalogUser,
} from './session';

/**
 * Cost is granted by the permission policy (eks-platform.cost.read) to the finance
 * and platform-team groups only. Personas (catalog-info.yaml): emma.bernard is in
 * finance, gaelle.roux in dpj-developers.
 */
const FINANCE_USER = 'emma.bernard';
const DEVELOPER_USER = 'gaelle.roux';

/** The heading the cost tab and the finance page show a user without eks-platform.cost.read. */
const REFUSED_HEADING = 'Not permitted to view cost';

const CLUSTER_COST_PATH = '/catalog/default/resource/dpj-prod-cluster/cost';
const FINANCE_PATH = '/eks-cost';

/**
 * Signs in as a catalog user and returns the app's own sign-in request to the
 * development provider.
 */
async function signInCapturingRefresh(
  page: Page,
  userName: string,
): Promise<Response> {
  const refresh = page.waitForResponse(
    response =>
      response.url().endsWith('/api/auth/development/refresh') &&
      response.request().method() === 'GET',
  );
  await signInAsCatalogUser(page, userName);
  return refresh;
}

/** The user settings page shows the catalog identity and its ownership. */
async function expectSettingsIdentity(
  page: Page,
  userName: string,
  group: string,
) {
  await page.goto('/settings');
  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Backstage Identity' });
  const userLine = card.locator('h6').filter({ hasText: 'User Entity' });
  await expect(
    userLine.locator(`a[href$="/catalog/default/user/${userName}"]`),
  ).toBeVisible();
  const ownershipLine = card
    .locator('h6')
    .filter({ hasText: 'Ownership Entities' });
  await expect(
    ownershipLine.locator(`a[href$="/catalog/default/user/${userName}"]`),
  ).toBeVisible();
  await expect(
    ownershipLine.locator(`a[href$="/catalog/default/group/${group}"]`),
  ).toBeVisible();
}

test.beforeAll(waitForBackend);

test.describe('sign-in as a catalog user (development)', () => {
  for (const [userName, displayName, group, notGroup] of [
    [FINANCE_USER, 'Emma Bernard', 'finance', 'dpj-developers'],
    [DEVELOPER_USER, 'Gaëlle Roux', 'dpj-developers', 'finance'],
  ] as const) {
    test(`${userName} signs in with the groups of the catalog and stays signed in on reload`, async ({
      page,
    }) => {
      const refresh = await signInCapturingRefresh(page, userName);

      // The app's request carried the user name; the backend answered with the
      // catalog identity and its groups.
      expect(refresh.status()).toBe(200);
      expect(refresh.request().headers()[DEVELOPMENT_USER_HEADER]).toBe(
        userName,
      );
      const body = await refresh.json();
      expect(body.profile.displayName).toBe(displayName);
      const { identity } = body.backstageIdentity;
      expect(identity.userEntityRef).toBe(`user:default/${userName}`);
      expect(identity.ownershipEntityRefs).toEqual(
        expect.arrayContaining([
          `user:default/${userName}`,
          `group:default/${group}`,
        ]),
      );
      expect(identity.ownershipEntityRefs).not.toContain(
        `group:default/${notGroup}`,
      );

      await expectSettingsIdentity(page, userName, group);

      // A reload signs in again as the same user, without the sign-in page.
      const again = page.waitForResponse(response =>
        response.url().endsWith('/api/auth/development/refresh'),
      );
      await page.reload();
      expect((await again).request().headers()[DEVELOPMENT_USER_HEADER]).toBe(
        userName,
      );
      await expectSettingsIdentity(page, userName, group);
      await expect(
        page.getByRole('textbox', { name: 'Catalog user name' }),
      ).toHaveCount(0);
    });
  }

  test('a persona button signs in as that persona', async ({ page }) => {
    await waitForCatalogUser(DEVELOPER_USER);
    await page.goto('/');
    await page
      .getByRole('button', { name: 'Gaëlle Roux — dpj-developers' })
      .click();
    await expect(
      page.getByRole('heading', { name: 'DPJ Catalog' }),
    ).toBeVisible();
    await expectSettingsIdentity(page, DEVELOPER_USER, 'dpj-developers');
  });

  test('a user name that is not in the catalog is refused', async ({
    page,
  }) => {
    await page.goto('/');
    await page
      .getByRole('textbox', { name: 'Catalog user name' })
      .fill('nobody');
    await page.getByRole('button', { name: 'Sign in as catalog user' }).click();

    await expect(page.getByText('Could not sign in as nobody')).toBeVisible();
    await expect(
      page.getByText(/there is no catalog user 'nobody'/).first(),
    ).toBeVisible();
    // Back on the chooser, with the guest still offered.
    await expect(page.getByRole('button', { name: 'Enter' })).toBeVisible();
  });

  test('signing out returns to the chooser', async ({ page }) => {
    await signInAsCatalogUser(page, FINANCE_USER);
    await page.goto('/settings');
    await page.getByTestId('user-settings-menu').click();
    await page.getByTestId('sign-out').click();

    await expect(
      page.getByRole('textbox', { name: 'Catalog user name' }),
    ).toBeVisible();
    // The choice is forgotten: a reload does not sign in again.
    await page.reload();
    await expect(
      page.getByRole('textbox', { name: 'Catalog user name' }),
    ).toBeVisible();
  });
});

test.describe('cost is for finance and platform-team only', () => {
  test(`a finance user (${FINANCE_USER}) sees a cluster's cost tab`, async ({
    page,
  }) => {
    await signInAsCatalogUser(page, FINANCE_USER);
    await page.goto(CLUSTER_COST_PATH);

    const content = page.getByTestId('eks-cost-content');
    await expect(
      content.getByText('Month to date, forecast and budget'),
    ).toBeVisible();
    await expect(content.getByText('Daily cost by service')).toBeVisible();
    // The sandbox's production environment: 1200 budget from the entity annotation.
    await expect(page.getByTestId('cost-budget')).toContainText('1,200.00 USD');
    await expect(page.getByTestId('cost-mtd')).toContainText('USD');
    await expect(
      page.getByRole('table', { name: 'Monthly cost' }),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: REFUSED_HEADING }),
    ).toHaveCount(0);
  });

  test(`a finance user (${FINANCE_USER}) sees every environment on the finance page`, async ({
    page,
  }) => {
    await signInAsCatalogUser(page, FINANCE_USER);
    await page.goto(FINANCE_PATH);

    const financePage = page.getByTestId('eks-cloud-cost');
    for (const cluster of [
      'dpj-dev-cluster',
      'dpj-staging-cluster',
      'dpj-prod-cluster',
    ]) {
      await expect(
        financePage.getByRole('link', { name: cluster, exact: true }),
      ).toBeVisible();
    }
    await expect(page.getByTestId('finance-total-mtd')).toContainText('USD');
    await expect(
      page.getByRole('heading', { name: REFUSED_HEADING }),
    ).toHaveCount(0);
  });

  test(`a dpj-developers user (${DEVELOPER_USER}) is refused both`, async ({
    page,
  }) => {
    await signInAsCatalogUser(page, DEVELOPER_USER);

    for (const path of [CLUSTER_COST_PATH, FINANCE_PATH]) {
      await page.goto(path);
      await expect(
        page.getByRole('heading', { name: REFUSED_HEADING }),
      ).toBeVisible();
      await expect(page.getByText('Daily cost by service')).toHaveCount(0);
      await expect(page.getByTestId('finance-total-mtd')).toHaveCount(0);
    }
  });
});
