'use client';

import { Button, ButtonSet, InlineNotification, NumberInput, RadioButton, RadioButtonGroup, Select, SelectItem, TextInput } from '@carbon/react';
import { HydratedForm } from '@/components/common/HydratedForm';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { NodePlan } from '@/lib/provisioning/plan';
import { findProfile, SERVER_PROFILES } from '@/lib/provisioning/profiles';
import { findStorageTemplate, STORAGE_TEMPLATES } from '@/lib/provisioning/storage-templates';
import { send } from '@/components/common/send';
import { PlanPreview } from './PlanPreview';
import { ProfileSpecs } from './ProfileSpecs';

type Errors = Record<string, string>;

/** Field errors keyed by the form's field names (the API prefixes them with node_config.). */
function byField(errors: { field: string; message: string }[] = []): Errors {
  const out: Errors = {};
  for (const e of errors) out[e.field.replace(/^node_config\./, '')] ??= e.message;
  return out;
}

/** Provision form: profile and template pickers with specs, cluster options, inline checks, plan. */
export function ProvisionForm() {
  const router = useRouter();
  const [name, setName] = useState('');
  const [count, setCount] = useState(1);
  const [profile, setProfile] = useState('cx3d-metal-48x128');
  const [template, setTemplate] = useState('nutanix_default');
  const [role, setRole] = useState('');
  const [clusterType, setClusterType] = useState('single_node');
  const [errors, setErrors] = useState<Errors>({});
  const [plan, setPlan] = useState<NodePlan[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const chosenProfile = findProfile(profile)!;
  const chosenTemplate = findStorageTemplate(template)!;

  const body = {
    node_config: { node_name: name.trim(), server_profile: profile, storage_template: template, ...(role ? { cluster_role: role } : {}) },
    cluster_config: { cluster_type: clusterType },
    count,
  };

  useEffect(() => {
    setPlan(null);
    if (!name.trim()) return setErrors({});
    const timer = setTimeout(async () => {
      const res = await send('POST', '/api/web/validate-node-config', { ...body.node_config, count });
      setErrors(res.ok ? {} : byField(res.problem.errors));
    }, 350);
    return () => clearTimeout(timer);
    // Debounced on the inputs themselves; `body` is rebuilt on every render.
  }, [name, count, profile, template, role]);

  async function submit(dryRun: boolean) {
    if (!name.trim()) return setErrors({ node_name: 'required' });
    setBusy(true);
    setFailure(null);
    const res = await send('POST', `/api/config/nodes${dryRun ? '?dry_run=true' : ''}`, body);
    setBusy(false);
    if (!res.ok) {
      setErrors(byField(res.problem.errors));
      return setFailure(res.problem.detail);
    }
    if (dryRun) return setPlan(res.data.nodes);
    router.push(count === 1 && res.data.node_id ? `/nodes/${res.data.node_id}` : '/nodes');
  }

  return (
    <HydratedForm className="provision-form" onSubmit={(e) => { e.preventDefault(); void submit(false); }} aria-label="Provision nodes">
      <div className="form-row">
        <TextInput
          id="node-name"
          labelText="Node name"
          helperText={count > 1 ? 'Pattern with {n}, e.g. ntnx-{n}' : 'Lowercase letters, digits and hyphens'}
          value={name}
          onChange={(e) => setName(e.target.value)}
          invalid={Boolean(errors.node_name)}
          invalidText={errors.node_name}
        />
        <NumberInput id="node-count" label="Number of nodes" min={1} max={20} value={count} onChange={(_e, { value }) => setCount(Number(value) || 1)} invalid={Boolean(errors.count)} invalidText={errors.count} />
      </div>
      <div className="form-row">
        <Select id="server-profile" labelText="Server profile" value={profile} onChange={(e) => setProfile(e.target.value)} invalid={Boolean(errors.server_profile)} invalidText={errors.server_profile}>
          {SERVER_PROFILES.map((p) => <SelectItem key={p.name} value={p.name} text={`${p.name} — ${p.displayName}`} />)}
        </Select>
        <Select id="storage-template" labelText="Storage template" value={template} onChange={(e) => setTemplate(e.target.value)} invalid={Boolean(errors.storage_template)} invalidText={errors.storage_template}>
          {STORAGE_TEMPLATES.map((t) => <SelectItem key={t.name} value={t.name} text={`${t.displayName} — ${t.description}`} />)}
        </Select>
      </div>
      <ProfileSpecs profile={chosenProfile} template={chosenTemplate} />
      <div className="form-row">
        <Select id="cluster-role" labelText="Cluster role" value={role} onChange={(e) => setRole(e.target.value)}>
          <SelectItem value="" text={`Recommended (${chosenProfile.recommendedRole})`} />
          <SelectItem value="compute-storage" text="compute-storage" />
          <SelectItem value="compute" text="compute" />
          <SelectItem value="storage" text="storage" />
        </Select>
        <RadioButtonGroup legendText="Cluster" name="cluster-type" valueSelected={clusterType} onChange={(v) => setClusterType(String(v))}>
          <RadioButton id="cluster-single" labelText="Single-node cluster (RF1)" value="single_node" />
          <RadioButton id="cluster-multi" labelText="Join a multi-node cluster" value="multi_node" />
        </RadioButtonGroup>
      </div>
      {failure && <InlineNotification kind="error" title="Not accepted" subtitle={failure} onClose={() => setFailure(null)} lowContrast />}
      <ButtonSet>
        <Button kind="secondary" disabled={busy} onClick={() => void submit(true)}>Plan (dry run)</Button>
        <Button kind="primary" type="submit" disabled={busy || Object.keys(errors).length > 0}>{count > 1 ? `Provision ${count} nodes` : 'Provision node'}</Button>
      </ButtonSet>
      {plan && <PlanPreview nodes={plan} />}
    </HydratedForm>
  );
}
