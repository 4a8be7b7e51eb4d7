import { expect, test } from './helpers/auth';

// The page's scripts arrive late, as on a slow link or a busy server: the form is on screen
// (server-rendered) before React has taken it over.
test('a form used before the page has loaded its scripts waits for them instead of losing the input', async ({ page }) => {
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto('/clusters/new', { waitUntil: 'commit' });
  await page.getByLabel('Cluster name').fill('e2e-early');
  await page.getByRole('button', { name: 'Create cluster' }).click();

  // React handled the submit: the API's answer names the missing members, nothing went out as a plain GET.
  await expect(page.getByTestId('create-problem')).toBeVisible();
  await expect(page.getByLabel('Cluster name')).toHaveValue('e2e-early');
  expect(new URL(page.url()).search).toBe('');
});
