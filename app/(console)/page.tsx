import { PageHeader } from '@/components/common/PageHeader';
import { DashboardLive } from '@/components/dashboard/DashboardLive';
import { deploymentActivity } from '@/lib/status/activity';
import { recentEvents } from '@/lib/status/history';
import { statusSummary } from '@/lib/status/summary';

export const metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const [summary, buckets, events] = await Promise.all([statusSummary(), deploymentActivity('24h'), recentEvents({ limit: 15 })]);
  return (
    <>
      <PageHeader title="Dashboard" description="Nutanix CE nodes on IBM Cloud VPC bare metal, at a glance." />
      <DashboardLive initial={{ summary, activity: { range: '24h', buckets }, events: { events } }} />
    </>
  );
}
