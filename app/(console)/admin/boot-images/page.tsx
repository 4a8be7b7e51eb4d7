import { BootImageTable } from '@/components/boot/BootImageTable';
import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';
import { userHasRole } from '@/lib/auth/current-user';
import { listBootImages } from '@/lib/boot/images';
import { getConfig } from '@/lib/config';

export const metadata = { title: 'Boot images' };
export const dynamic = 'force-dynamic';

export default async function BootImagesPage() {
  if (!(await userHasRole('admin'))) {
    return (
      <>
        <PageHeader title="Boot images" />
        <EmptyState title="Boot images are managed by administrators." />
      </>
    );
  }
  const images = await listBootImages();
  const missing = images.filter((i) => i.required && i.state === 'missing').length;
  return (
    <>
      <PageHeader
        title="Boot images"
        description={`Served to nodes at /boot/images/ from ${getConfig().bootImagesDir}. ${missing ? `${missing} required file(s) missing.` : 'All required files are present.'}`}
      />
      <BootImageTable images={images} />
    </>
  );
}
