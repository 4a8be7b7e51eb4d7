#!/usr/bin/env bash
# `npm test`: everything. Type check, unit + integration tests (real PostgreSQL), production
# build, then Playwright end-to-end tests in Debian's Chromium against `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-packages.sh

echo "== type check"
npx tsc --noEmit

echo "== unit and integration tests"
npx vitest run

echo "== production build"
npm run build

echo "== end-to-end tests"
npx playwright test
