/**
 * Narrow readers of single variables, for code that must not parse the whole configuration
 * (getConfig() throws on any invalid variable): the logger, which has to work before the
 * configuration is known to be valid, the request proxy, and values the launcher sets after
 * start-up (DATABASE_URL, the simulator's URLs). Each reads the environment on every call.
 * The variables are still declared in ./schema.ts and documented in .env.example.
 */

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (the launcher sets it when it starts the embedded database)');
  return url;
}

/** pino's level; an invalid one is refused at start-up by the schema. */
export function logLevel(): string {
  return process.env.LOG_LEVEL ?? 'info';
}

export function isDevelopment(): boolean {
  return process.env.NODE_ENV === 'development';
}

export function corsOrigins(): string[] {
  return (process.env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** bcrypt work factor: 12 by default (about a quarter second); tests lower it with BCRYPT_COST. */
export function bcryptCost(): number {
  const configured = Number(process.env.BCRYPT_COST);
  return Number.isInteger(configured) && configured >= 4 && configured <= 15 ? configured : 12;
}

/** next-auth marks its cookies __Secure- when NEXTAUTH_URL (set by the launcher) is https. */
export function sessionCookieSecure(): boolean {
  return (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
}

/** The simulator's endpoints, set by the launcher (scripts/runtime.ts) when it starts the simulator. */
export function simulatorEndpoints(): { vpcUrl: string; dnsUrl: string; inventoryUrl: string } | null {
  const vpcUrl = process.env.IBMCLOUD_VPC_URL;
  const dnsUrl = process.env.IBMCLOUD_DNS_URL;
  const inventoryUrl = process.env.SIM_INVENTORY_URL;
  return vpcUrl && dnsUrl && inventoryUrl ? { vpcUrl, dnsUrl, inventoryUrl } : null;
}

/** The environment a child process inherits: ours, plus `extra`. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
