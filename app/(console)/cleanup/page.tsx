import { PageHeader } from '@/components/common/PageHeader';
import { CleanupRuns } from '@/components/cleanup/CleanupRuns';
import { FindingsTable } from '@/components/cleanup/FindingsTable';
import { NodeCleanupTable } from '@/components/cleanup/NodeCleanupTable';
import { listFindings } from '@/lib/cleanup/drift/findings';
import { listCleanupRuns, nodesHoldingResources } from '@/lib/cleanup/status';

export const metadata = { title: 'Cleanup' };
export const dynamic = 'force-dynamic';

export default async function CleanupPage() {
  const [runs, findings, nodes] = await Promise.all([listCleanupRuns(), listFindings({ status: 'unresolved' }), nodesHoldingResources()]);
  return (
    <>
      <PageHeader title="Cleanup" description="Ledger-driven teardown of cloud resources, and the scheduled cloud-versus-ledger drift check." />
      <section className="cleanup-section" aria-labelledby="cleanup-runs">
        <h2 id="cleanup-runs" className="cds--type-productive-heading-03" style={{ marginBottom: '1rem' }}>Cleanups</h2>
        <CleanupRuns initial={runs} />
      </section>
      <section style={{ marginTop: '2rem' }}>
        <FindingsTable findings={findings} />
      </section>
      <section style={{ marginTop: '2rem' }}>
        <NodeCleanupTable nodes={nodes} />
      </section>
    </>
  );
}
