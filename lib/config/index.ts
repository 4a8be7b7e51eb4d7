import path from 'node:path';
import { envSchema, type Env } from './schema';

export type Mode = 'simulation' | 'cloud';

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Variables that must be set when talking to real IBM Cloud (the simulator provides its own). */
const CLOUD_REQUIRED = [
  'VPC_ID',
  'RESOURCE_GROUP_ID',
  'MANAGEMENT_SUBNET_ID',
  'WORKLOAD_SUBNET_ID',
  'SSH_KEY_ID',
  'IPXE_IMAGE_ID',
  'DNS_INSTANCE_ID',
  'DNS_ZONE_ID',
  'PUBLIC_BASE_URL',
] as const;

export function loadConfig(source: Record<string, string | undefined> = process.env) {
  const env = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  if (env.TRUST_PROXY && !['0', 'false', 'no', 'off'].includes(env.TRUST_PROXY)) {
    throw new ConfigError([
      { variable: 'TRUST_PROXY', message: 'replaced by TRUSTED_PROXIES: list the proxy addresses or CIDR blocks whose forwarding headers to believe, and unset TRUST_PROXY' },
    ]);
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message })),
    );
  }
  const e = parsed.data;
  const mode: Mode = e.IBMCLOUD_API_KEY ? 'cloud' : 'simulation';
  if (mode === 'cloud') {
    const missing = CLOUD_REQUIRED.filter((k) => !e[k]);
    if (missing.length) {
      throw new ConfigError(
        missing.map((variable) => ({ variable, message: 'required when IBMCLOUD_API_KEY is set' })),
      );
    }
  }
  if (e.AUTH_SECRET && e.NEXTAUTH_SECRET && e.AUTH_SECRET !== e.NEXTAUTH_SECRET) {
    throw new ConfigError([
      { variable: 'NEXTAUTH_SECRET', message: 'differs from AUTH_SECRET: set one of them (or both to the same value)' },
    ]);
  }
  if (e.OIDC_ISSUER && !(e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET)) {
    throw new ConfigError([
      { variable: 'OIDC_CLIENT_ID', message: 'OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET' },
    ]);
  }
  return derive(e, mode);
}

function derive(e: Env, mode: Mode) {
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  return {
    ...e,
    mode,
    dataDir,
    /** Signs sessions and seals boot tokens; the launcher generates one per DATA_DIR when unset. */
    authSecret: e.AUTH_SECRET ?? e.NEXTAUTH_SECRET,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    zone: e.IBMCLOUD_ZONE ?? `${e.IBMCLOUD_REGION}-1`,
    bootImagesDir: path.resolve(/*turbopackIgnore: true*/ e.BOOT_IMAGES_DIR ?? path.join(dataDir, 'images')),
    bootScriptsDir: path.resolve(/*turbopackIgnore: true*/ e.BOOT_SCRIPTS_DIR),
    ipRanges: {
      management: e.MGMT_IP_RANGE,
      ahv: e.AHV_IP_RANGE,
      cvm: e.CVM_IP_RANGE,
      workload: e.WORKLOAD_IP_RANGE,
      cluster: e.CLUSTER_IP_RANGE,
    },
    /** Seconds each installer phase may take before the node counts as stuck. */
    phaseTimeouts: {
      ipxe_boot: e.TIMEOUT_IPXE_BOOT,
      config_download: e.TIMEOUT_CONFIG_DOWNLOAD,
      foundation_start: e.TIMEOUT_FOUNDATION_START,
      storage_discovery: e.TIMEOUT_STORAGE_DISCOVERY,
      image_download: e.TIMEOUT_IMAGE_DOWNLOAD,
      installation: e.TIMEOUT_INSTALLATION,
      cluster_formation: e.TIMEOUT_CLUSTER_FORMATION,
      dns_registration: e.TIMEOUT_DNS_REGISTRATION,
      health_validation: e.TIMEOUT_HEALTH_VALIDATION,
    },
  };
}

export type Config = ReturnType<typeof loadConfig>;

let cached: Config | undefined;

/** The process-wide configuration, parsed once. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}

/** After the launcher filled in the environment (e.g. a generated AUTH_SECRET, scripts/runtime.ts). */
export function reloadConfig(): Config {
  cached = undefined;
  return getConfig();
}

/** For tests that change the environment between cases. */
export function resetConfigForTests() {
  cached = undefined;
}
