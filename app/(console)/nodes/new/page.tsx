import { PageHeader } from '@/components/common/PageHeader';
import { ProvisionForm } from '@/components/nodes/ProvisionForm';
import { userHasRole } from '@/lib/auth/current-user';

export const metadata = { title: 'Provision nodes' };
export const dynamic = 'force-dynamic';

export default async function NewNodePage() {
  const allowed = await userHasRole('operator');
  return (
    <>
      <PageHeader title="Provision nodes" description="Create bare-metal servers that network-boot the Nutanix CE installer." />
      {allowed ? <ProvisionForm /> : <p>Provisioning needs the operator role.</p>}
    </>
  );
}
