'use client';

import { Button, InlineNotification, RadioButton, RadioButtonGroup, Select, SelectItem, Stack, TextInput } from '@carbon/react';
import { HydratedForm } from '@/components/common/HydratedForm';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { send, type ApiProblem } from '@/components/common/send';
import { ExistingNodePicker, NewNodesPicker, type EligibleNode } from './MemberPicker';

type ClusterType = 'single_node' | 'multi_node';

function fieldErrors(problem: ApiProblem | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const key = e.field.startsWith('dnsServers') ? 'dnsServers' : e.field === 'nodes' ? 'nodeIds' : e.field;
    out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message;
  }
  return out;
}

/** Name, type, redundancy factor, members (existing or new), DNS servers → POST /api/config/clusters. */
export function CreateClusterForm({ nodes, profiles }: { nodes: EligibleNode[]; profiles: string[] }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [type, setType] = useState<ClusterType>('single_node');
  const [rf, setRf] = useState(1);
  const [source, setSource] = useState<'existing' | 'provision'>(nodes.length ? 'existing' : 'provision');
  const [selected, setSelected] = useState<number[]>([]);
  const [count, setCount] = useState(1);
  const [profile, setProfile] = useState(profiles[0] ?? '');
  const [dns, setDns] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const errors = fieldErrors(problem);

  function changeType(next: ClusterType) {
    setType(next);
    setRf(next === 'single_node' ? 1 : 2);
    setCount(next === 'single_node' ? 1 : 3);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const dnsServers = dns.split(',').map((s) => s.trim()).filter(Boolean);
    const body = {
      name: name.trim(),
      type,
      redundancyFactor: rf,
      ...(source === 'existing' ? { nodeIds: selected } : { provision: { count, serverProfile: profile } }),
      ...(dnsServers.length && { dnsServers }),
    };
    const r = await send<{ id: number }>('POST', '/api/config/clusters', body);
    setBusy(false);
    if (r.ok) router.push(`/clusters/${r.data.id}`);
    else setProblem(r.problem);
  }

  return (
    <HydratedForm onSubmit={submit} aria-label="Create cluster" noValidate>
      <Stack gap={6}>
        {problem && <InlineNotification kind="error" title={problem.title} subtitle={problem.detail} onCloseButtonClick={() => setProblem(null)} data-testid="create-problem" />}
        <TextInput id="cluster-name" labelText="Cluster name" helperText="Lowercase letters, digits and dashes; becomes <name>.<zone> in DNS" value={name} onChange={(e) => setName(e.target.value)} invalid={Boolean(errors.name)} invalidText={errors.name} />
        <RadioButtonGroup legendText="Cluster type" name="cluster-type" valueSelected={type} onChange={(v) => changeType(v as ClusterType)}>
          <RadioButton id="type-single" labelText="Single node (RF1)" value="single_node" />
          <RadioButton id="type-multi" labelText="Multi node (3+ nodes)" value="multi_node" />
        </RadioButtonGroup>
        <Select id="redundancy-factor" labelText="Redundancy factor" value={String(rf)} onChange={(e) => setRf(Number(e.target.value))} disabled={type === 'single_node'} invalid={Boolean(errors.redundancyFactor)} invalidText={errors.redundancyFactor}>
          {(type === 'single_node' ? [1] : [2, 3]).map((v) => (
            <SelectItem key={v} value={String(v)} text={v === 3 ? 'RF3 (5+ nodes)' : `RF${v}`} />
          ))}
        </Select>
        <RadioButtonGroup legendText="Members" name="member-source" valueSelected={source} onChange={(v) => setSource(v as 'existing' | 'provision')}>
          <RadioButton id="source-existing" labelText="Existing nodes" value="existing" />
          <RadioButton id="source-provision" labelText="Provision new nodes" value="provision" />
        </RadioButtonGroup>
        {source === 'existing' ? (
          <ExistingNodePicker nodes={nodes} selected={selected} onChange={setSelected} error={errors.nodeIds} />
        ) : (
          <NewNodesPicker profiles={profiles} count={count} profile={profile} onCount={setCount} onProfile={setProfile} errors={errors} />
        )}
        <TextInput id="dns-servers" labelText="DNS servers (optional)" helperText="Comma-separated IPv4 addresses; default: the VPC's resolvers" value={dns} onChange={(e) => setDns(e.target.value)} invalid={Boolean(errors.dnsServers)} invalidText={errors.dnsServers} />
        <Button type="submit" disabled={busy}>
          Create cluster
        </Button>
      </Stack>
    </HydratedForm>
  );
}
