import type { FastRoute } from '@/lib/server/fast-lane';

/**
 * The hot routes of a boot storm, answered by the server in front of Next with the same route
 * handlers Next would call (lib/server/fast-lane.ts). Every other request goes through Next.
 */
export const FAST_ROUTES: readonly FastRoute[] = [
  { method: 'GET', pattern: /^\/boot\/config$/, handler: async () => (await import('./boot/config/route')).GET },
  { method: 'GET', pattern: /^\/boot\/server\/([^/]+)$/, param: 'ip', handler: async () => (await import('./boot/server/[ip]/route')).GET },
  { method: 'POST', pattern: /^\/api\/status\/phase$/, handler: async () => (await import('./api/status/phase/route')).POST },
  { method: 'POST', pattern: /^\/api\/installation\/status$/, handler: async () => (await import('./api/installation/status/route')).POST },
  // Through Next an image would lose its Content-Length (Next drops it from route handler answers).
  { method: 'GET', pattern: /^\/boot\/images\/([^/]+)$/, param: 'file', stream: true, handler: async () => (await import('./boot/images/[file]/route')).GET },
  { method: 'HEAD', pattern: /^\/boot\/images\/([^/]+)$/, param: 'file', handler: async () => (await import('./boot/images/[file]/route')).HEAD },
];
