import { z } from 'zod';
import { isAllowEntry } from '@/lib/http/ip-allow';

const bool = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'yes', 'on'].includes(v)));

const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).optional().transform((v) => v ?? fallback);

const num = (fallback: number, min = 0) =>
  z.coerce.number().min(min).optional().transform((v) => v ?? fallback);

const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

/**
 * A range of host numbers (offsets from the subnet's network address), written "10-50". Up to
 * 4094 for subnets up to /20; hosts outside the actual subnet are never handed out (lib/provisioning/addresses.ts).
 */
const hostRange = (fallback: string) =>
  z
    .string()
    .regex(/^\d{1,4}-\d{1,4}$/, 'expected "first-last", e.g. 10-50')
    .optional()
    .transform((v) => {
      const [first, last] = (v ?? fallback).split('-').map(Number);
      return { first, last };
    })
    .refine((r) => r.first >= 1 && r.last <= 4094 && r.first <= r.last, 'range must lie within 1-4094');

/** A plain file name inside BOOT_IMAGES_DIR (no directories, no dot-dot). */
const fileName = z.string().regex(/^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'expected a plain file name');

const url = z.url({ protocol: /^https?$/ });

/**
 * Every environment variable the application reads. `.env.example` documents each one;
 * keep the two in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: int(3000, 1, 65535),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: url.optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// URL').optional(),
  DATA_DIR: z.string().default('./.data'),
  EMBEDDED_PG_PORT: int(54329, 1, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: list,
  TRUSTED_PROXIES: list.refine((entries) => entries.every(isAllowEntry), 'expected comma-separated addresses or IPv4 CIDR blocks'),
  WEB_CONCURRENCY: int(0, 0, 64),
  DB_POOL_MAX: int(3, 1, 100),
  DB_HOT_POOL_MAX: int(3, 1, 100),

  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_EMAIL: z.email().default('admin@localhost'),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  OIDC_ISSUER: url.optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  API_TOKEN_TTL_DAYS: int(90, 1, 3650),
  API_TOKEN_MAX_TTL_DAYS: int(90, 1, 3650),
  SESSION_MAX_AGE_HOURS: int(12, 1, 720),
  NEXTAUTH_URL: z.string().optional(),
  BCRYPT_COST: int(12, 4, 15),
  RATE_LIMIT_SIGNIN_FAILURES: int(5, 1, 1000),
  RATE_LIMIT_SIGNIN_WINDOW_SECONDS: int(900, 1),
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: int(30, 1),
  MAX_REQUEST_BODY_BYTES: int(1_048_576, 1024, 100 * 1_048_576),
  RATE_LIMIT_API_PER_MINUTE: int(600, 1),
  RATE_LIMIT_BOOT_PER_MINUTE: int(6000, 1),
  RATE_LIMIT_PUBLIC_PER_MINUTE: int(1200, 1),

  IBMCLOUD_API_KEY: z.string().min(1).optional(),
  IBMCLOUD_REGION: z.string().regex(/^[a-z]+-[a-z]+$/, 'expected a region like us-south').default('us-south'),
  IBMCLOUD_ZONE: z.string().optional(),
  IBMCLOUD_IAM_URL: url.optional(),
  IBMCLOUD_VPC_URL: url.optional(),
  IBMCLOUD_DNS_URL: url.optional(),
  IBMCLOUD_TAGGING_URL: url.optional(),
  IBMCLOUD_SEARCH_URL: url.optional(),
  VPC_ID: z.string().optional(),
  RESOURCE_GROUP_ID: z.string().optional(),
  MANAGEMENT_SUBNET_ID: z.string().optional(),
  WORKLOAD_SUBNET_ID: z.string().optional(),
  MANAGEMENT_SECURITY_GROUP_ID: z.string().optional(),
  WORKLOAD_SECURITY_GROUP_ID: z.string().optional(),
  INTRA_NODE_SECURITY_GROUP_ID: z.string().optional(),
  SSH_KEY_ID: z.string().optional(),
  IPXE_IMAGE_ID: z.string().optional(),
  DNS_INSTANCE_ID: z.string().optional(),
  DNS_ZONE_ID: z.string().optional(),
  DNS_ZONE_NAME: z.string().default('nutanix-ce-poc.cloud'),
  RESOURCE_PREFIX: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, 'lowercase letters, digits, dashes').default('nvo'),

  MGMT_IP_RANGE: hostRange('10-50'),
  AHV_IP_RANGE: hostRange('51-100'),
  CVM_IP_RANGE: hostRange('101-150'),
  WORKLOAD_IP_RANGE: hostRange('10-200'),
  CLUSTER_IP_RANGE: hostRange('200-210'),

  BOOT_IMAGES_DIR: z.string().optional(),
  BOOT_SCRIPTS_DIR: z.string().default('./lib/boot/scripts'),
  BOOT_KERNEL_FILE: fileName.default('kernel'),
  BOOT_INITRD_FILE: fileName.default('initrd-vpc.img'),
  BOOT_SQUASHFS_FILE: fileName.default('squashfs.img'),
  BOOT_INSTALLER_FILE: fileName.default('nutanix_installer_package.tar.gz'),
  BOOT_AHV_ISO_FILE: fileName.default('AHV-DVD-x86_64-el8.nutanix.20230302.101026.iso.iso'),
  INSTALLER_DNS_SERVERS: z
    .string()
    .optional()
    .transform((v) => (v ?? '161.26.0.10,161.26.0.11').split(',').map((s) => s.trim()).filter(Boolean)),
  CVM_MEMORY_GB: int(32, 12, 1024),
  CVM_VCPUS: int(16, 4, 256),

  TIMEOUT_IPXE_BOOT: int(300, 1),
  TIMEOUT_CONFIG_DOWNLOAD: int(120, 1),
  TIMEOUT_FOUNDATION_START: int(180, 1),
  TIMEOUT_STORAGE_DISCOVERY: int(300, 1),
  TIMEOUT_IMAGE_DOWNLOAD: int(900, 1),
  TIMEOUT_INSTALLATION: int(1200, 1),
  TIMEOUT_CLUSTER_FORMATION: int(600, 1),
  TIMEOUT_DNS_REGISTRATION: int(120, 1),
  TIMEOUT_HEALTH_VALIDATION: int(300, 1),
  TIMEOUT_SERVER_RUNNING: int(1800, 1),

  RUN_WORKERS: bool(true),
  WORKER_CONCURRENCY: int(4, 1, 64),
  DRIFT_RECONCILE_CRON: z.string().regex(/^\S+( \S+){4}$/, 'expected a 5-field cron expression').default('*/15 * * * *'),
  CLEANUP_WAIT_TIMEOUT: int(1800, 60),

  SIM_TIME_SCALE: num(40, 0.01),
  SIM_AUTOBOOT: bool(true),
  SIM_PORT: int(0, 0, 65535),
  SIM_API_KEY: z.string().min(1).default('sim-api-key'),
  SIM_FAULT_429_RATE: num(0),
  SIM_FAULT_500_RATE: num(0),
  SIM_LATENCY_MS: int(0),
  SIM_RATE_LIMIT: num(100, 0),
  SIM_RATE_BURST: int(100, 1),
  SIM_BARE_METAL_QUOTA: int(25, 0, 100_000),
  SIM_MANAGEMENT_CIDR: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/(1[6-9]|2[0-9])$/, 'expected an IPv4 CIDR from /16 to /29').optional(),
  SIM_WORKLOAD_CIDR: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/(1[6-9]|2[0-9])$/, 'expected an IPv4 CIDR from /16 to /29').optional(),
  SIM_QUOTA_ERRORS: bool(false),
  SIM_STUCK_SERVERS: list,
  SIM_INVENTORY_URL: z.string().optional(),
  SIM_FAIL_PHASE: z.string().optional(),
  SIM_SILENT_PHASE: z.string().optional(),

  CLUSTER_SSH_USER: z.string().default('nutanix'),
  CLUSTER_SSH_PASSWORD: z.string().optional(),
  CLUSTER_SSH_KEY_FILE: z.string().optional(),
  CLUSTER_SSH_HOST_KEY_POLICY: z.enum(['strict', 'accept-new']).default('accept-new'),
  CLUSTER_SSH_CONNECT_TIMEOUT: int(30, 1, 600),
  CLUSTER_DNS_SERVERS: list,
  CLUSTER_MEMBER_TIMEOUT: int(10800, 1),
  CLUSTER_POLL_SECONDS: int(30, 1, 3600),
  SIM_CLUSTER_FAIL: z
    .string()
    .optional()
    .refine((v) => {
      if (v === undefined) return true;
      try {
        new RegExp(v);
        return true;
      } catch {
        return false;
      }
    }, 'not a valid regular expression'),
  SIM_CLUSTER_FAIL_TIMES: int(1, 0, 1000),

  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_ALLOW: list,
});

export type Env = z.output<typeof envSchema>;
