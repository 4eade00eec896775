import { expect, Page } from '@playwright/test';

export const BACKEND = 'http://localhost:7007';

/** The header the development sign-in provider reads the catalog user name from. */
export const DEVELOPMENT_USER_HEADER = 'x-development-user';

/** The backend starts next to the frontend dev server; wait until it is ready. */
export async function waitForBackend() {
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

/** Signs in with the development guest provider; later navigations reuse the session. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page.getByRole('heading', { name: 'DPJ Catalog' }),
  ).toBeVisible();
}

/**
 * The catalog ingests catalog-info.yaml shortly after the backend starts: wait
 * until the development provider can sign this user in.
 */
export async function waitForCatalogUser(userName: string) {
  await expect
    .poll(
      async () => {
        try {
          return (
            await fetch(`${BACKEND}/api/auth/development/refresh`, {
              headers: { [DEVELOPMENT_USER_HEADER]: userName },
            })
          ).status;
        } catch {
          return 0;
        }
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toBe(200);
}

/**
 * Signs in as a catalog user (e.g. 'emma.bernard') through the development
 * provider: the sign-in page's "Catalog user name" field. The app keeps the choice
 * in localStorage, so later navigations and reloads stay signed in as that user.
 */
export async function signInAsCatalogUser(page: Page, userName: string) {
  await waitForCatalogUser(userName);
  await page.goto('/');
  const field = page.getByRole('textbox', { name: 'Catalog user name' });
  await expect(field).toBeVisible();
  await field.fill(userName);
  await page.getByRole('button', { name: 'Sign in as catalog user' }).click();
  await expect(
    page.getByRole('heading', { name: 'DPJ Catalog' }),
  ).toBeVisible();
}
