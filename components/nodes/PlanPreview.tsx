'use client';

import { StructuredListBody, StructuredListCell, StructuredListRow, StructuredListWrapper, Tile } from '@carbon/react';
import type { NodePlan } from '@/lib/provisioning/plan';

/** The dry-run plan: every resource a provision would create, per node. */
export function PlanPreview({ nodes }: { nodes: NodePlan[] }) {
  return (
    <div data-testid="plan-preview">
      {nodes.map((plan) => {
        const rows: [string, string][] = [
          ['Server', `${plan.server.name} · ${plan.server.profile} · ${plan.server.zone}`],
          ...plan.reserved_ips.map((r): [string, string] => [`Reserved IP (${r.purpose})`, `${r.name} → ${r.address}`]),
          ...plan.vnis.map((v): [string, string] => [`VNI`, `${v.name} (primary ${v.primary_ip}${v.secondary_ips.length ? `, also ${v.secondary_ips.join(', ')}` : ''})`]),
          ...plan.dns_records.map((d): [string, string] => [`DNS ${d.type}`, `${d.name} → ${d.rdata}`]),
          ['User data', plan.user_data],
        ];
        return (
          <Tile key={plan.node_name} className="plan-node">
            <h3 className="cds--type-productive-heading-03">{plan.node_name}</h3>
            <StructuredListWrapper isCondensed aria-label={`Plan for ${plan.node_name}`}>
              <StructuredListBody>
                {rows.map(([k, v], i) => (
                  <StructuredListRow key={i}>
                    <StructuredListCell noWrap>{k}</StructuredListCell>
                    <StructuredListCell>{v}</StructuredListCell>
                  </StructuredListRow>
                ))}
              </StructuredListBody>
            </StructuredListWrapper>
          </Tile>
        );
      })}
    </div>
  );
}
