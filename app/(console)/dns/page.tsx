import { EmptyState } from '@/components/common/EmptyState';
import { PageHeader } from '@/components/common/PageHeader';

export const metadata = { title: 'DNS' };

export default function DnsPage() {
  return (
    <>
      <PageHeader title="DNS" description="A and PTR records in the private DNS Services zone." />
      <EmptyState title="No DNS records are managed yet." />
    </>
  );
}
