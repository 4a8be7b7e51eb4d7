import type { ProvisionResult } from '@/lib/provisioning/provision';

/**
 * HTTP shape of a provision result (the status is the HTTP layer's to choose, so it lives here).
 * One node: the Python original's 202 body (docs/reference/original-detailed.md §1.2). Bulk:
 * per-node results, 202 when at least one was accepted, 409 when none was.
 */
export function provisionResponse(result: ProvisionResult, bulk: boolean): { status: number; payload: unknown } {
  if (result.dry_run) return { status: 200, payload: { dry_run: true, nodes: result.nodes } };
  if (!bulk && result.accepted.length === 1) {
    return { status: 202, payload: { message: 'Node provisioning initiated successfully', ...result.accepted[0] } };
  }
  const status = result.accepted.length ? 202 : 409;
  return {
    status,
    payload: {
      message: `${result.accepted.length} of ${result.accepted.length + result.rejected.length} node(s) accepted`,
      results: [
        ...result.accepted.map((n) => ({ ...n, status: 'accepted' as const })),
        ...result.rejected.map((n) => ({ ...n, status: 'rejected' as const })),
      ],
    },
  };
}
