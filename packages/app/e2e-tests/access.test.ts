import { expect, test } from '@playwright/test';
import { submitNewEnvironment } from './environmentForm';
import { signInAsCatalogUser, waitForBackend } from './session';

/**
 * An application developer (dpj-developers) may open the environment templates, but the
 * server refuses to create or destroy an environment for them: their task's first step
 * fails with a message naming the permission and who it is granted to, before any AWS
 * or ArgoCD call.
 */
const DEVELOPER = 'gaelle.roux';

test.use({ actionTimeout: 30_000 });

const REFUSAL =
  /user:default\/gaelle\.roux may not (create or change|destroy) the dev environment .* the permission policy refuses eks-platform\.environment\.(create|delete)/;

test('an application developer is refused creating an environment', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await waitForBackend();
  await signInAsCatalogUser(page, DEVELOPER);

  await submitNewEnvironment(page, {
    name: 'gaelle-dev',
    ownerSearch: 'DPJ',
    ownerOption: /DPJ developers/,
  });

  await expect(page.getByText(REFUSAL).first()).toBeVisible({
    timeout: 120_000,
  });
  // The network step never started.
  await expect(page.getByText('Network of gaelle-dev ready')).toHaveCount(0);
});

test('an application developer is refused destroying an environment', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await waitForBackend();
  await signInAsCatalogUser(page, DEVELOPER);

  await page.goto('/create/templates/default/eks-environment-destroy');
  await page.getByRole('textbox', { name: 'Environment name', exact: true }).fill('dpj-dev');
  await page
    .getByRole('textbox', {
      name: 'Type the environment name again to confirm',
    })
    .fill('dpj-dev');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByText(REFUSAL).first()).toBeVisible({
    timeout: 120_000,
  });
});
