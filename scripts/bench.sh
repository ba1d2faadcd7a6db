#!/usr/bin/env bash
# `pnpm bench [-- --quick]`: production builds, then every benchmark side by side with its
# baseline; writes bench/results/latest.json and (full runs) docs/benchmarks.md.
# Not part of `pnpm test`: it takes minutes and its numbers are ratios, not pass/fail checks.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh
ensure_pnpm
ensure_chromium
install_dependencies >/dev/null

echo "› building in production mode"
export NODE_ENV=production
pnpm -r --reporter-hide-prefix build >/dev/null
pnpm --filter @voucher-desk/bench --reporter-hide-prefix run build:baseline >/dev/null
exec node bench/run.mjs "$@"
