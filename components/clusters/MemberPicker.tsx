'use client';

import { Checkbox, FormGroup, NumberInput, Select, SelectItem } from '@carbon/react';

export interface EligibleNode {
  id: number;
  name: string;
  status: string;
  phase: string | null;
  serverProfile: string;
}

/** Existing nodes to pick (deployed or still installing, in no cluster). */
export function ExistingNodePicker(props: { nodes: EligibleNode[]; selected: number[]; onChange: (ids: number[]) => void; error?: string }) {
  const { nodes, selected, onChange, error } = props;
  if (nodes.length === 0) return <p data-testid="no-eligible-nodes">No node is free to join a cluster: provision new nodes instead.</p>;
  return (
    <FormGroup legendText="Member nodes" invalid={Boolean(error)} message={Boolean(error)} messageText={error}>
      {nodes.map((n) => (
        <Checkbox
          key={n.id}
          id={`member-${n.id}`}
          labelText={`${n.name} — ${n.status}${n.phase && n.status !== 'deployed' ? ` (${n.phase})` : ''}, ${n.serverProfile}`}
          checked={selected.includes(n.id)}
          onChange={(_e, { checked }) => onChange(checked ? [...selected, n.id] : selected.filter((id) => id !== n.id))}
        />
      ))}
    </FormGroup>
  );
}

/** How many new nodes to provision, and on which bare-metal profile. */
export function NewNodesPicker(props: {
  profiles: string[];
  count: number;
  profile: string;
  onCount: (n: number) => void;
  onProfile: (p: string) => void;
  errors: Record<string, string>;
}) {
  const { profiles, count, profile, onCount, onProfile, errors } = props;
  return (
    <>
      <NumberInput
        id="provision-count"
        label="Number of new nodes"
        min={1}
        max={16}
        value={count}
        onChange={(_e, { value }) => onCount(Number(value))}
        invalid={Boolean(errors['provision.count'])}
        invalidText={errors['provision.count']}
      />
      <Select id="provision-profile" labelText="Server profile" value={profile} onChange={(e) => onProfile(e.target.value)} invalid={Boolean(errors['provision.serverProfile'])} invalidText={errors['provision.serverProfile']}>
        {profiles.map((p) => (
          <SelectItem key={p} value={p} text={p} />
        ))}
      </Select>
      {errors['provision.namePrefix'] && <p className="cds--form-requirement" style={{ display: 'block' }}>{errors['provision.namePrefix']}</p>}
    </>
  );
}
