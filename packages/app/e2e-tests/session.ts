import { expect, Page } from '@playwright/test';

const BACKEND = 'http://localhost:7007';

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
