import { expect, test } from './helpers/auth';

test('an admin sees the boot images and registers one with its checksum', async ({ page }) => {
  await page.goto('/admin/boot-images');
  await expect(page.getByRole('heading', { level: 1, name: 'Boot images' })).toBeVisible();
  const kernel = page.getByTestId('boot-image-kernel');
  await expect(kernel).toBeVisible();
  await expect(page.getByTestId('boot-image-initrd-vpc.img')).toBeVisible();
  await kernel.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Register' }).click();
  await expect(kernel.getByText('Ready')).toBeVisible();
  await expect(kernel.locator('code')).toHaveText(/^[0-9a-f]{16}…$/);
  await page.screenshot({ path: 'test-results/boot-images.png', fullPage: true });
});
