import { CreateClusterForm } from '@/components/clusters/CreateClusterForm';
import { PageHeader } from '@/components/common/PageHeader';
import { EmptyState } from '@/components/common/EmptyState';
import { userHasRole } from '@/lib/auth/current-user';
import { eligibleMemberNodes } from '@/lib/clusters/queries';
import { SERVER_PROFILES } from '@/lib/provisioning/profiles';

export const metadata = { title: 'Create cluster' };
export const dynamic = 'force-dynamic';

export default async function NewClusterPage() {
  if (!(await userHasRole('operator'))) {
    return (
      <>
        <PageHeader title="Create cluster" />
        <EmptyState title="Creating clusters needs the operator role." />
      </>
    );
  }
  const nodes = await eligibleMemberNodes();
  return (
    <>
      <PageHeader title="Create cluster" description="Pick deployed nodes, or provision new ones; formation starts once every member is deployed." />
      <CreateClusterForm nodes={nodes} profiles={SERVER_PROFILES.map((p) => p.name)} />
    </>
  );
}
