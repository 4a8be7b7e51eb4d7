/**
 * Rough on-demand list prices (USD per hour) of the bare-metal profiles we provision, for the
 * "what is this costing" hint on drift findings. Approximate public list prices; real bills depend
 * on the account's discounts and region. VNIs, reserved IPs and DNS records cost nothing (or
 * fractions of a cent) by themselves.
 */
export const BARE_METAL_HOURLY_USD: Record<string, number> = {
  'bx2d-metal-24x96': 2.4,
  'bx2d-metal-48x192': 4.3,
  'bx2d-metal-96x384': 7.9,
  'cx3d-metal-48x128': 4.1,
  'cx3d-metal-64x128': 4.9,
  'bx3d-metal-48x256': 5.2,
  'bx3d-metal-64x256': 6.2,
  'mx3d-metal-16x128': 2.9,
  'vx3d-metal-16x256': 3.6,
};

/** Used for a bare-metal profile not in the table: the median of the ones we know. */
export const UNKNOWN_PROFILE_HOURLY_USD = 4.3;

export function hourlyCostUsd(resourceKind: string, profile?: string | null): number {
  if (resourceKind !== 'bare_metal_server') return 0;
  return (profile && BARE_METAL_HOURLY_USD[profile]) || UNKNOWN_PROFILE_HOURLY_USD;
}

/** Hourly price and what has accrued since `since` (rounded to cents). */
export function costHint(resourceKind: string, profile: string | null | undefined, since: Date, now = new Date()) {
  const hourly = hourlyCostUsd(resourceKind, profile);
  const hours = Math.max(0, (now.getTime() - since.getTime()) / 3_600_000);
  return { hourly_usd: hourly, accrued_usd: Math.round(hourly * hours * 100) / 100 };
}
